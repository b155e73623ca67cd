/**
 * Work done after the answer is sent, where the answer must not depend on it: asking for a
 * sign-in link answers the same, in the same time, whether or not the address is a patient's,
 * because the lookup, the token and the email happen here, afterwards. A failure is logged;
 * the visitor can ask again. Tests wait for it with backgroundSettled().
 */
const pending = new Set<Promise<void>>();

export function inBackground(name: string, work: () => Promise<unknown>): void {
  const task: Promise<void> = work()
    .then(() => undefined)
    .catch((error: unknown) => console.error(`[${name}] failed:`, error))
    .finally(() => pending.delete(task));
  pending.add(task);
}

export async function backgroundSettled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
