/**
 * The handover pack as the home doctor opens it through the patient's share link (issue 25):
 * no sign-in, never indexed, no Referer sent on from it (the token is in the address), rate
 * limited per address like the other public routes. The pack reads in English unless the
 * doctor picks another language (?lng=, which the whole page follows). Every opening is
 * counted and audited; an expired, revoked or unknown token gets the same 404 page.
 *
 * The doctor may add a lab value to the follow-up plan; it is stored with its source.
 */
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { followUpTitle } from "~/components/aftercare";
import { PackView, ShareLabEntry } from "~/components/aftercare/handover-share";
import type { FormReply } from "~/components/form";
import { shareLabFormFor } from "~/forms/handover";
import { dirOf, isLocale, LOCALE_NAMES, LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { LabCheckError } from "~/models/aftercare/aftercare.server";
import { markerName, packSections, resultsOf } from "~/models/handover/handover-docs.server";
import {
  enterLabViaShare,
  limitShare,
  openShare,
  SHARE_LAB_LIMIT,
  shareLabContext,
  ShareLabError,
} from "~/models/handover/share.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare", "handover"] };

export const meta: MetaFunction = ({ matches }) => [
  ...translatedTitle(matches, "handover:share.title"),
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

/** The token is in the address: no page it links to learns it, no search engine keeps it. */
export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  "Cache-Control": "no-store",
});

/** The page's language: the one asked for, else English (the home doctor's common language). */
function languageOf(request: Request) {
  const asked = new URL(request.url).searchParams.get("lng");
  return isLocale(asked) ? asked : "en";
}

function gone(lang: string) {
  const t = getFixedT(lang, "handover");
  return data(
    {
      gone: true as const,
      lang,
      dir: dirOf(lang),
      title: t("share.notFoundTitle"),
      text: t("share.notFound"),
    },
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ip = clientIp(context);
  await limitShare(ip);
  const lang = languageOf(request);
  let opened;
  try {
    opened = await openShare(params.token, ip, "page");
  } catch (error) {
    if (error instanceof Response && error.status === 404) return gone(lang);
    throw error;
  }
  const { facts } = opened;
  const t = getFixedT(lang, ["handover", "aftercare"]);
  const results = await resultsOf(facts);
  const { markers } = (await shareLabContext(params.token)) ?? { markers: [] };
  return {
    gone: false as const,
    lang,
    dir: dirOf(lang),
    token: params.token ?? "",
    title: t("share.title"),
    // The name isolated, so an Arabic name does not turn an English sentence round.
    intro: t("share.intro", { patient: `\u2068${facts.patient.name}\u2069` }),
    pack: packSections(facts, results, lang),
    markers: markers.map((m) => ({
      key: m.key,
      label: `${markerName(t, m, m.key, lang)} (${m.unit})`,
    })),
    words: {
      title: t("share.labsTitle"),
      intro: t("share.labsIntro"),
      marker: t("share.marker"),
      value: t("share.value"),
      takenOn: t("share.takenOn"),
      doctorName: t("share.doctorName"),
      doctorHint: t("share.doctorHint"),
      submit: t("share.submit"),
      checkLegend: t("share.checkLegend"),
      checked: t("share.checked"),
    },
    languageLabel: t("share.language"),
    show: t("share.show"),
    pdf: t("download.pdf"),
    json: t("download.json"),
    formKey: newFormKey(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  const lang = languageOf(request);
  const context_ = await shareLabContext(params.token);
  if (!context_) return gone(lang);
  const t = getFixedT(lang, ["handover", "aftercare", "common"]);
  const { submission, sent } = await readSubmission(request, shareLabFormFor(context_.markers), t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "share-lab", ...reply }, { status });
  // Too many values from one address: said on the form in the doctor's language, with what
  // they typed kept (a thrown 429 would show the generic error page and lose it).
  try {
    await limitShare(ip, SHARE_LAB_LIMIT);
  } catch (error) {
    if (!(error instanceof Response) || error.status !== 429) throw error;
    const minutes = Math.max(1, Math.ceil(Number(error.headers.get("Retry-After") ?? 60) / 60));
    return answer(429, {
      result: submission.reply({
        formErrors: [t("handover:errors.rateLimited", { minutes: formatNumber(minutes, lang) })],
      }),
    });
  }
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  try {
    const saved = await enterLabViaShare({
      token: params.token,
      ip,
      marker: input.marker,
      value: input.value,
      takenOn: input.takenOn!,
      doctorName: input.doctorName,
      checked: input.checked,
      formKey: sent,
    });
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("share.saved", { followUp: followUpTitle(t, saved.label, lang) }),
    });
  } catch (error) {
    if (error instanceof Response && error.status === 404) return gone(lang);
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof LabCheckError) {
      const v = error.values[0]!;
      const m = context_.markers.find((x) => x.key === v.key);
      return answer(400, {
        result: submission.reply({
          fieldErrors: {
            value: [
              t("aftercare:errors.implausible", {
                marker: markerName(t, m, v.key, lang),
                value: formatNumber(v.value, lang),
                low: formatNumber(v.low, lang),
                high: formatNumber(v.high, lang),
                unit: v.unit ?? "",
              }),
            ],
            checked: [t("aftercare:errors.checkImplausible")],
          },
        }),
      });
    }
    if (!(error instanceof ShareLabError)) throw error;
    const field = error.code === "future" || error.code === "beforeTreatment" ? "takenOn" : null;
    const message = t(`handover:errors.${error.code}`);
    return answer(409, {
      result: submission.reply(
        field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
      ),
    });
  }
}

export default function SharedHandover() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (d.gone) {
    return (
      <section className="card narrow" lang={d.lang} dir={d.dir}>
        <h1>{d.title}</h1>
        <p>{d.text}</p>
      </section>
    );
  }
  const formReply = reply && "form" in reply ? reply : null;
  const base = `/share/${d.token}`;
  return (
    <div className="share-page">
      <section className="card" lang={d.lang} dir={d.dir}>
        <h1>{d.title}</h1>
        <p>{d.intro}</p>
        <Form method="get" className="inline-form">
          <label htmlFor="share-lng">{d.languageLabel}</label>{" "}
          <select id="share-lng" name="lng" defaultValue={d.lang}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>{" "}
          <button type="submit">{d.show}</button>
        </Form>
        <p className="actions">
          <a className="button" href={`${base}/handover.pdf`} download>
            {d.pdf}
          </a>{" "}
          <a className="button" href={`${base}/handover.json`} download>
            {d.json}
          </a>
        </p>
        <PackView pack={d.pack} />
      </section>
      {d.markers.length ? (
        <ShareLabEntry
          words={d.words}
          markers={d.markers}
          formKey={d.formKey}
          reply={formReply}
          lang={d.lang}
          dir={d.dir}
        />
      ) : null}
    </div>
  );
}
