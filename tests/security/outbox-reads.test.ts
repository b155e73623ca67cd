/**
 * The admin's outbox (issue 17.5): no stored email holds a usable sign-in link, whether it
 * waits, was delivered, or failed; the .eml copy kept without SMTP holds it withheld; and
 * every read of the outbox, list, message or its raw source, is audited.
 */
import fs from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { requestMagicLink } from "~/models/auth/magic-link.server";
import { dispatchDue, openSecret } from "~/infra/outbox.server";
import { loader as outboxList } from "~/routes/staff.outbox._index";
import { loader as outboxMessage } from "~/routes/staff.outbox.$emailId";
import { resetDatabase } from "../support/db";
import { createCase, createUser } from "../support/factories";
import { call, cookieFor } from "../support/requests";

beforeEach(resetDatabase);

it("shows the admin no usable sign-in link, before or after delivery, and audits each read", async () => {
  const { patient } = await createCase();
  const admin = await createUser({ role: "ADMIN" });
  const cookie = await cookieFor(admin.id);
  await requestMagicLink(patient.email);
  const row = await db.outboxEmail.findFirstOrThrow({ where: { template: "magic-link" } });
  const token = new URL(openSecret(row.secret!)).searchParams.get("token")!;

  const read = async () => {
    const list = await call(outboxList, { path: "/staff/outbox", cookie, ip: "10.4.4.4" });
    const one = await call(outboxMessage, {
      path: `/staff/outbox/${row.id}`,
      params: { emailId: row.id },
      cookie,
      ip: "10.4.4.4",
    });
    const raw = await call(outboxMessage, {
      path: `/staff/outbox/${row.id}?raw=1`,
      params: { emailId: row.id },
      cookie,
      ip: "10.4.4.4",
    });
    expect(list.status).toBe(200);
    expect(one.status).toBe(200);
    expect(raw.status).toBe(200);
    return JSON.stringify([list.data, one.data, raw.data]);
  };
  // Waiting to be sent: the link is not in anything the admin sees.
  expect(await read()).not.toContain(token);
  await dispatchDue();
  // Sent: neither the page, nor the kept .eml, nor the row holds it.
  const shown = await read();
  expect(shown).not.toContain(token);
  expect(shown).toContain("withheld");
  const eml = fs.readFileSync(path.join(env().MAIL_DIR, `${row.id}.eml`), "utf8");
  expect(eml).not.toContain(token);
  expect(
    JSON.stringify(await db.outboxEmail.findUniqueOrThrow({ where: { id: row.id } })),
  ).not.toContain(token);

  const audits = await db.auditLog.findMany({
    where: { actorId: admin.id },
    orderBy: { createdAt: "asc" },
  });
  expect(audits.map((a) => [a.action, a.detail])).toEqual([
    ["outbox.list", expect.any(String)],
    ["outbox.read", null],
    ["outbox.read", "raw"],
    ["outbox.list", expect.any(String)],
    ["outbox.read", null],
    ["outbox.read", "raw"],
  ]);
  expect(audits[1]).toMatchObject({ entityId: row.id, ip: "10.4.4.4", outcome: "success" });
  expect(audits[5]).toMatchObject({ entityId: row.id, ip: "10.4.4.4", outcome: "success" });
});
