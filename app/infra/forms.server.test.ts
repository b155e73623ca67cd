/**
 * The form mechanism (ADR 018): messages translated with their bounds, an unreadable body
 * answered as a form error, and single-use keys that refuse a second press, a forged or
 * outdated key, and are swept by the worker once past their life.
 */
import { z } from "zod";
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY_DAYS } from "~/lib/forms";
import { resetDatabase } from "../../tests/support/db";
import {
  deleteSpentFormKeys,
  FormReplay,
  newFormKey,
  readSubmission,
  spendFormKey,
} from "./forms.server";

beforeEach(resetDatabase);

const Schema = z.object({
  name: z.string({ error: "enquiry:errors.nameRequired" }).min(2, "enquiry:errors.nameRequired"),
  note: z.string().max(5, "enquiry:errors.tooLong").optional(),
});

function post(body: string, type = "application/x-www-form-urlencoded") {
  return new Request("http://localhost/x", {
    method: "POST",
    headers: { "content-type": type },
    body,
  });
}

describe("readSubmission", () => {
  it("gives typed values on success", async () => {
    const { submission } = await readSubmission(post("name=Leyla"), Schema, getFixedT("en"));
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value.name).toBe("Leyla");
  });

  it("translates each message into the reader's language and keeps what was typed", async () => {
    const en = await readSubmission(post("name=L&note=toolong"), Schema, getFixedT("en"));
    const ar = await readSubmission(post("name=L&note=toolong"), Schema, getFixedT("ar"));
    const enReply = en.submission.reply();
    const arReply = ar.submission.reply();
    expect(enReply.error?.name?.[0]).toBe(getFixedT("en")("enquiry:errors.nameRequired"));
    expect(arReply.error?.name?.[0]).toBe(getFixedT("ar")("enquiry:errors.nameRequired"));
    expect(arReply.error?.name?.[0]).not.toBe(enReply.error?.name?.[0]);
    // No raw key leaks through.
    expect(JSON.stringify(arReply.error)).not.toContain("errors.");
    expect(enReply.initialValue).toMatchObject({ name: "L", note: "toolong" });
  });

  it("answers an unreadable body with a form error, never a throw", async () => {
    const { submission } = await readSubmission(
      post("--x\r\nbroken", "multipart/form-data; boundary=x"),
      Schema,
      getFixedT("en"),
    );
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.[""]).toEqual([getFixedT("en")("common:form.malformed")]);
  });
});

describe("form keys", () => {
  it("lets a key write once and refuses the second press as a duplicate", async () => {
    const key = newFormKey();
    await db.$transaction((tx) => spendFormKey(tx, key, null));
    await expect(db.$transaction((tx) => spendFormKey(tx, key, null))).rejects.toEqual(
      new FormReplay("duplicate"),
    );
    expect(await db.formSubmission.count()).toBe(1);
  });

  it("keeps no key when the writing transaction fails, so the form can be sent again", async () => {
    const key = newFormKey();
    await expect(
      db.$transaction(async (tx) => {
        await spendFormKey(tx, key, null);
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    await db.$transaction((tx) => spendFormKey(tx, key, null));
    expect(await db.formSubmission.count()).toBe(1);
  });

  it("refuses forged, missing, future and outdated keys as stale", async () => {
    const now = Date.now();
    const old = newFormKey(now - (FORM_KEY_DAYS + 1) * 86_400_000);
    const future = newFormKey(now + 10 * 60_000);
    for (const key of [undefined, "", "abc", "x".repeat(80), old, future, 42]) {
      await expect(db.$transaction((tx) => spendFormKey(tx, key, null, now))).rejects.toEqual(
        new FormReplay("stale"),
      );
    }
    expect(await db.formSubmission.count()).toBe(0);
  });

  it("sweeps spent keys once they are past their life, and only those", async () => {
    const now = Date.now();
    await db.$transaction((tx) => spendFormKey(tx, newFormKey(now), null, now));
    await db.formSubmission.create({
      data: {
        key: newFormKey(now - (FORM_KEY_DAYS + 2) * 86_400_000),
        createdAt: new Date(now - (FORM_KEY_DAYS + 2) * 86_400_000),
      },
    });
    expect(await deleteSpentFormKeys(db, now)).toBe(1);
    expect(await db.formSubmission.count()).toBe(1);
  });
});
