/**
 * The form mechanism (ADR 018): messages translated with their bounds, an unreadable body
 * answered as a form error, and single-use keys that refuse a second press, a forged or
 * outdated key, and are swept by the worker once past their life; and the same content sent
 * again under a fresh key (the Back button) refused as a repeat (ADR 021).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { resetDatabase } from "../../tests/support/db";
import { FORM_KEY, FORM_KEY_DAYS, FORM_REPEAT_MINUTES } from "~/lib/forms";
import {
  contentDigest,
  deleteSpentFormKeys,
  FormReplay,
  newFormKey,
  readSubmission,
  replayReply,
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

/** A form as a model gets it: `key`, and content standing for what was typed. */
const sent = (key: unknown, content = "content-of-its-own") => ({ key, content });

describe("form keys", () => {
  it("lets a key write once and refuses the second press as a duplicate", async () => {
    const key = newFormKey();
    await db.$transaction((tx) => spendFormKey(tx, sent(key), null));
    await expect(db.$transaction((tx) => spendFormKey(tx, sent(key), null))).rejects.toEqual(
      new FormReplay("duplicate"),
    );
    expect(await db.formSubmission.count()).toBe(1);
  });

  it("keeps no key when the writing transaction fails, so the form can be sent again", async () => {
    const key = newFormKey();
    await expect(
      db.$transaction(async (tx) => {
        await spendFormKey(tx, sent(key), null);
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    await db.$transaction((tx) => spendFormKey(tx, sent(key), null));
    expect(await db.formSubmission.count()).toBe(1);
  });

  it("refuses forged, missing, future and outdated keys as stale", async () => {
    const now = Date.now();
    const old = newFormKey(now - (FORM_KEY_DAYS + 1) * 86_400_000);
    const future = newFormKey(now + 10 * 60_000);
    for (const key of [undefined, "", "abc", "x".repeat(80), old, future, 42]) {
      await expect(
        db.$transaction((tx) => spendFormKey(tx, sent(key, String(key)), null, { now })),
      ).rejects.toEqual(new FormReplay("stale"));
    }
    expect(await db.formSubmission.count()).toBe(0);
  });

  it("sweeps spent keys once they are past their life, and only those", async () => {
    const now = Date.now();
    await db.$transaction((tx) => spendFormKey(tx, sent(newFormKey(now)), null, { now }));
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

describe("the same content sent again with a fresh key (the Back button)", () => {
  const message = (body: string, key: string = newFormKey(), path = "/portal/cases/c1") =>
    new Request(`http://localhost${path}?index`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "message", body, [FORM_KEY]: key }).toString(),
    });
  const read = async (request: Request) =>
    (await readSubmission(request, z.object({ body: z.string() }), getFixedT("en"))).sent;

  it("digests the route and the fields, not the key, the field order or stray whitespace", async () => {
    const key = newFormKey();
    const first = await read(message("Is the hotel close?", key));
    expect(first.key).toBe(key);
    const again = await read(message("  Is the  hotel\nclose? "));
    expect(again.key).not.toBe(key);
    expect(again.content).toBe(first.content);
    // The fields in another order are the same content.
    const reordered = new Request("http://localhost/portal/cases/c1", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `body=Is+the+hotel+close%3F&${FORM_KEY}=${newFormKey()}&intent=message`,
    });
    expect((await read(reordered)).content).toBe(first.content);
    // Other words, or the same words on another case, are not.
    expect((await read(message("Is the hotel far?"))).content).not.toBe(first.content);
    expect(
      (await read(message("Is the hotel close?", newFormKey(), "/portal/cases/c2"))).content,
    ).not.toBe(first.content);
  });

  it("digests each file by its bytes, not its name", () => {
    const fields = new Map([["intent", ["upload"]]]);
    const file = (name: string, bytes: number[]) => ({ name, bytes: new Uint8Array(bytes) });
    const a = contentDigest("/x", { fields, files: [file("labs.pdf", [1, 2, 3])] });
    expect(contentDigest("/x", { fields, files: [file("renamed.pdf", [1, 2, 3])] })).toBe(a);
    expect(contentDigest("/x", { fields, files: [file("labs.pdf", [1, 2, 4])] })).not.toBe(a);
    expect(contentDigest("/x", { fields, files: [] })).not.toBe(a);
  });

  it("refuses the same actor's same content within the window as a repeat, and keeps nothing", async () => {
    const now = Date.now();
    const content = (await read(message("Is the hotel close?"))).content;
    await db.$transaction((tx) =>
      spendFormKey(tx, { key: newFormKey(now), content }, "patient-1", { now }),
    );
    const later = now + (FORM_REPEAT_MINUTES - 1) * 60_000;
    await expect(
      db.$transaction((tx) =>
        spendFormKey(tx, { key: newFormKey(later), content }, "patient-1", { now: later }),
      ),
    ).rejects.toEqual(new FormReplay("repeat"));
    expect(await db.formSubmission.count()).toBe(1);
    expect(replayReply(submissionFor(), new FormReplay("repeat"), getFixedT("de")).error).toEqual({
      "": [getFixedT("de")("common:form.repeat")],
    });
  });

  it("lets other content, another actor, a later send and a form that allows repeats through", async () => {
    const now = Date.now();
    const content = "same-content";
    const spend = (actor: string | null, at: number, c = content, allowed = false) =>
      db.$transaction((tx) =>
        spendFormKey(tx, { key: newFormKey(at), content: c }, actor, {
          now: at,
          repeats: allowed ? "allowed" : "refused",
        }),
      );
    await spend("patient-1", now);
    await spend("patient-1", now + 1000, "other-content");
    await spend("patient-2", now + 2000);
    await spend(null, now + 3000);
    await spend("patient-1", now + FORM_REPEAT_MINUTES * 60_000 + 1000);
    // A form that allows repeats stores no digest, and is not refused by one either.
    await spend("coordinator-1", now, "booking", true);
    await spend("coordinator-1", now + 1000, "booking", true);
    expect(await db.formSubmission.count()).toBe(7);
    expect(await db.formSubmission.count({ where: { digest: null } })).toBe(2);
  });

  it("answers a replay of the same key as a duplicate, not a repeat", async () => {
    const key = newFormKey();
    await db.$transaction((tx) => spendFormKey(tx, sent(key, "x"), "patient-1"));
    await expect(
      db.$transaction((tx) => spendFormKey(tx, sent(key, "x"), "patient-1")),
    ).rejects.toEqual(new FormReplay("duplicate"));
  });
});

/** A submission to answer, as an action has one. */
function submissionFor() {
  return parseWithZod(new FormData(), { schema: z.object({}) });
}
