/**
 * A second (and third) app process for tests/outbox-processes.test.ts: it runs the outbox
 * dispatcher in a loop against DATABASE_URL until SIGTERM, then prints how many emails it sent.
 */
import { dispatchDue } from "~/infra/outbox.server";
import { db } from "~/db.server";

let stopped = false;
let sent = 0;
process.on("SIGTERM", () => (stopped = true));

while (!stopped) {
  const r = await dispatchDue({ limit: 10 });
  sent += r.sent;
  if (r.sent + r.retrying + r.failed === 0) await new Promise((ok) => setTimeout(ok, 20));
}
await db.$disconnect();
process.stdout.write(`sent=${sent}\n`);
