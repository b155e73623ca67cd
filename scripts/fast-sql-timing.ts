/**
 * `DATABASE_URL=… node --import tsx scripts/fast-sql-timing.ts`: CPU per call of the session
 * lookup and the audit insert, through Prisma and as prepared statements (ADR 037), on
 * whichever database DATABASE_URL names (with a signed-in session in it, e.g. the bench's
 * tmp/bench/bench-1000.db). A measurement, never a test. Writes N audit rows
 * (action "timing.*").
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { findSession } from "~/infra/session.server";

const N = Number(process.argv[2] ?? 2000);
const session = await db.session.findFirstOrThrow({ select: { id: true, userId: true } });

async function cpu(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < N; i++) await run();
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000 / N;
  console.log(`${label.padEnd(28)} ${ms.toFixed(3)} ms CPU per call`);
  return ms;
}

await cpu("session lookup, Prisma", () =>
  db.session.findUnique({
    where: { id: session.id },
    select: {
      expiresAt: true,
      lastSeenAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          locale: true,
          timeZone: true,
          active: true,
        },
      },
    },
  }),
);
await cpu("session lookup, prepared", () => findSession(session.id));
const entry = {
  actorId: session.userId,
  action: "timing.prisma",
  entity: "Case",
  entityId: "x",
  caseId: null,
  ip: "127.0.0.1",
  outcome: "success",
  detail: null,
};
await cpu("audit insert, Prisma", () => db.auditLog.create({ data: entry }));
await cpu("audit insert, prepared", () =>
  audit({ ...entry, action: "timing.prepared", outcome: "success" }),
);
await db.auditLog.deleteMany({ where: { action: { startsWith: "timing." } } });
await db.$disconnect();
