/**
 * For `npm run bench`: signs a demo coordinator and a demo patient in, through the app's own
 * session code, against the benchmark database named by DATABASE_URL (with the server's
 * SESSION_SECRET), and prints their cookies and the ids of the pages to measure as JSON.
 */
import { db } from "~/db.server";
import { startSession } from "~/infra/session.server";

const cookie = async (userId: string) =>
  (await startSession(new Request("http://bench/"), userId)).split(";")[0]!;

const coordinator = await db.user.findUniqueOrThrow({
  where: { email: "coordinator@demo.clinic" },
  select: { id: true },
});
// A case far along its journey, so its page carries a full timeline, quote and payments.
const kase = await db.case.findFirstOrThrow({
  where: { stage: "TRAVEL_READY", patient: { email: { endsWith: "@example.com" } } },
  orderBy: { createdAt: "asc" },
  select: { id: true, patientId: true },
});
console.log(
  JSON.stringify({
    coordinator: await cookie(coordinator.id),
    patient: await cookie(kase.patientId),
    caseId: kase.id,
  }),
);
await db.$disconnect();
