/**
 * One outbox email as its reader sees it (issue 19 §5): the headers it went out with, the
 * HTML part in a sandboxed srcdoc frame, the text part as text, and the raw source only
 * behind ?raw=1. Credential links read as withheld in every part.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { db } from "~/db.server";
import { dispatchDue } from "~/infra/outbox.server";
import { createClientI18n } from "~/i18n/client";
import { clientResources } from "~/i18n/i18n.server";
import { OutboxMessage, OutboxRawSource } from "~/components/staff/outbox";
import { requestMagicLink } from "~/models/auth/magic-link.server";
import { loader } from "~/routes/staff.outbox.$emailId";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor } from "./support/requests";

beforeEach(resetDatabase);

type Data = Parameters<typeof OutboxMessage>[0];

function render(node: React.ReactNode, lng: "en" | "de" = "en") {
  const i18n = createClientI18n(lng, clientResources(lng));
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouter location="/staff/outbox/e1">{node}</StaticRouter>
    </I18nextProvider>,
  );
}

it("shows the headers, the HTML in a sandboxed frame and the text, with the link withheld", async () => {
  const { patient } = await createCase({ patientName: "Leyla Ahmadi", locale: "de" });
  const admin = await createUser({ role: "ADMIN" });
  await requestMagicLink(patient.email);
  const row = await db.outboxEmail.findFirstOrThrow({ where: { template: "magic-link" } });
  await dispatchDue();
  const cookie = await cookieFor(admin.id);
  const page = await call(loader, {
    path: `/staff/outbox/${row.id}`,
    params: { emailId: row.id },
    cookie,
  });
  const data = page.data as Data & { raw: string | null; showRaw: boolean };
  // The raw source is not sent with the message view.
  expect(data.showRaw).toBe(false);
  expect(data.raw).toBeNull();
  expect(data.hasRaw).toBe(true);

  const html = render(<OutboxMessage {...data} locale="en" />);
  for (const header of ["From", "To", "Subject", "Date", "Language"]) {
    expect(html).toContain(`<dt>${header}</dt>`);
  }
  expect(html).toContain(patient.email);
  expect(html).toContain("Deutsch");
  expect(html).toContain(data.from.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  // The HTML part: inside an iframe's srcdoc, sandboxed with no permissions at all.
  const frame = /<iframe[^>]*>/.exec(html)?.[0] ?? "";
  expect(frame).toContain('sandbox=""');
  expect(frame).toMatch(/srcDoc="|srcdoc="/);
  expect(frame).toContain("&lt;html");
  expect(html).not.toContain("urn:medtravel:secret-link");
  expect(frame).toContain("link withheld");
  // The text part as preformatted text, and the raw source behind a link.
  expect(html).toMatch(/<pre class="mail-text">[^<]*link withheld/);
  expect(html).toContain(`href="/staff/outbox/${row.id}?raw=1"`);
  expect(html).not.toContain("mail-raw");
});

it("keeps a script in an email's HTML inert, in the frame's document only", () => {
  const data: Data = {
    email: {
      id: "e1",
      toEmail: "a@example.com",
      toName: null,
      subject: "Hello",
      html: '<html><body><p>Hi</p><script>alert(1)</script><a href="urn:medtravel:secret-link">Sign in</a></body></html>',
      text: "Hi urn:medtravel:secret-link",
      calendar: "BEGIN:VCALENDAR",
      status: "SENT",
      locale: "fa",
    },
    from: "Clinic <care@clinic.localhost>",
    date: new Date("2026-11-30T10:00:00Z"),
    hasRaw: false,
    locale: "de",
    timeZone: "Europe/Berlin",
  };
  const html = render(<OutboxMessage {...data} />, "de");
  // The only script is the escaped one inside srcdoc, which a sandbox="" frame never runs.
  expect(html).not.toContain("<script");
  expect(html).toContain("&lt;script&gt;alert(1)");
  expect(html).toContain("invite.ics");
  expect(html).toContain("فارسی");
  expect(html).toContain("<dt>Von</dt>");
  expect(html).toContain("30. November 2026");
  // The placeholder's note is escaped for the attribute it lands in.
  expect(html).not.toContain("secret-link");
  expect(html).not.toContain("?raw=1");
});

it("shows the saved source only with ?raw=1, and audits that read as raw", async () => {
  const { kase } = await createCase();
  const admin = await createUser({ role: "ADMIN" });
  await dispatchDue();
  const row = await db.outboxEmail.findFirstOrThrow({ where: { caseId: kase.id } });
  const cookie = await cookieFor(admin.id);
  const page = await call(loader, {
    path: `/staff/outbox/${row.id}?raw=1`,
    params: { emailId: row.id },
    cookie,
  });
  const data = page.data as { raw: string; showRaw: boolean; email: { subject: string } };
  expect(data.showRaw).toBe(true);
  expect(data.raw).toMatch(/^Content-Type: multipart\/alternative|MIME-Version/m);
  const html = render(<OutboxRawSource id={row.id} subject={data.email.subject} raw={data.raw} />);
  expect(html).toContain('<pre class="mail-raw" dir="ltr">');
  expect(html).toContain(`href="/staff/outbox/${row.id}"`);
  const audits = await db.auditLog.findMany({ where: { actorId: admin.id } });
  expect(audits).toMatchObject([{ action: "outbox.read", entityId: row.id, detail: "raw" }]);
});
