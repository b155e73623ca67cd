/**
 * Which of a patient's appointments are behind them. An appointment is past once it has ended
 * (or was marked attended), whatever its status says: a booked time that has gone by is no
 * longer "booked" to the patient. Decided on the server with one `now`, so the page renders the
 * same on the server and in the browser; the times themselves show in the patient's zone.
 */
export interface Timed {
  startsAt: Date | string;
  endsAt?: Date | string | null;
  status: string;
}

export function isPastAppointment(a: Timed, now: Date): boolean {
  if (a.status === "COMPLETED") return true;
  return new Date(a.endsAt ?? a.startsAt).getTime() <= now.getTime();
}

/** Each appointment with `past` set, for a page that lists upcoming and past apart. */
export function withTense<T extends Timed>(list: T[], now: Date): (T & { past: boolean })[] {
  return list.map((a) => ({ ...a, past: isPastAppointment(a, now) }));
}

/** Upcoming first (soonest first), then past (most recent first). */
export function splitByTense<T extends { past: boolean; startsAt: Date | string }>(
  list: T[],
): { upcoming: T[]; past: T[] } {
  const at = (a: T) => new Date(a.startsAt).getTime();
  return {
    upcoming: list.filter((a) => !a.past).sort((x, y) => at(x) - at(y)),
    past: list.filter((a) => a.past).sort((x, y) => at(y) - at(x)),
  };
}
