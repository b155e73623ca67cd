import fs from "node:fs";
import path from "node:path";
import { getFixedT } from "~/i18n/i18n.server";
import { auditActionKey, auditActionLabel, auditDetailText } from "./audit-view";
import { formatMoney } from "./format";

const t = getFixedT("de", ["common", "stages", "finance", "portal"]);

describe("the audit log as a reader sees it", () => {
  it("translates stage names, amounts, reasons and requested items in the details", () => {
    expect(
      auditDetailText(t, "case.stage_change", "QUOTE_ACCEPTED -> DEPOSIT_PAID", "de"),
    ).not.toMatch(/QUOTE_ACCEPTED|DEPOSIT_PAID/);
    const paid = auditDetailText(
      t,
      "payment.record",
      "R-2026-000001 BANK_TRANSFER 296400 EUR",
      "de",
    );
    expect(paid).toContain(formatMoney(296400, "EUR", "de"));
    expect(paid).not.toMatch(/BANK_TRANSFER|296400/);
    expect(auditDetailText(t, "payment.refund", "5000 EUR of R-1", "de")).toContain(
      formatMoney(5000, "EUR", "de"),
    );
    expect(auditDetailText(t, "quote.issue", "v2 1234500 EUR @ 1", "de")).toContain(
      formatMoney(1234500, "EUR", "de"),
    );
    expect(
      auditDetailText(t, "case.eligibility", "NOT_ELIGIBLE INSUFFICIENT_PRIOR_TREATMENT", "de"),
    ).not.toMatch(/[A-Z]{2,}_/);
    expect(auditDetailText(t, "case.info_request", "RECORDS,LABS", "de")).not.toMatch(
      /RECORDS|LABS/,
    );
    expect(auditDetailText(t, "case.view", "free text", "de")).toBe("free text");
  });

  it("has a translated label for every action the source writes", () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
        return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
      });
    const codes = new Set<string>();
    for (const f of files("app")) {
      const src = fs.readFileSync(f, "utf8");
      for (const m of src.matchAll(/action: "([a-z]+[a-zA-Z]*\.[a-zA-Z_.-]+)"/g)) codes.add(m[1]!);
      for (const m of src.matchAll(
        /(?:auditWrite\(tx, actor|auditFinanceRead\(\s*[\w.]+), "([a-zA-Z_.-]+)"/g,
      ))
        codes.add(m[1]!);
    }
    // Actions named from a form's intent or a review's decision.
    for (const intent of ["stage", "assign", "note", "message", "requestInfo", "decide", "plan"])
      codes.add(`case.${intent}`);
    codes.add("passport.approve").add("passport.reject");
    expect(codes.size).toBeGreaterThan(30);
    for (const lng of ["en", "de", "fa"]) {
      const tl = getFixedT(lng, "common");
      const missing = [...codes].filter((c) => !tl(auditActionKey(c), { defaultValue: "" }));
      expect(missing, lng).toEqual([]);
    }
    expect(auditActionLabel(t, "payment.record")).toBe("Zahlung erfasst");
  });
});
