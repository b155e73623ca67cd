/**
 * Signing (issue 25): the typed full name, and the signature drawn with a finger, pen or mouse
 * on a canvas (signature_pad, pointer events), with a button to clear it; or, for anyone who
 * cannot or would rather not draw (keyboard, screen reader, tremor), "sign by typing instead":
 * the typed name is then the signature, and the PDF sets it in a signature style.
 *
 * The drawing travels as a PNG data URL in a hidden field, kept after a refusal (the server
 * echoes it, and the pad redraws it), so nothing drawn or typed is lost. The server checks it
 * again by content (app/models/consent/signature.server.ts).
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormField, type FieldMetadata } from "~/components/form";

type Method = "DRAWN" | "TYPED";

export interface SignatureFieldsMeta {
  typedName: FieldMetadata<unknown>;
  method: FieldMetadata<unknown>;
  signature: FieldMetadata<unknown>;
}

/** The canvas's height in CSS pixels; its width follows the form's. */
const PAD_HEIGHT = 180;

export function SignatureField({ fields }: { fields: SignatureFieldsMeta }) {
  const { t } = useTranslation("portal");
  const echoedMethod = fields.method.initialValue === "TYPED" ? "TYPED" : "DRAWN";
  const [method, setMethod] = useState<Method>(echoedMethod);
  const [typed, setTyped] = useState<string>(
    (fields.typedName.initialValue as string | undefined) ?? "",
  );
  const [drawing, setDrawing] = useState<string>(
    (fields.signature.initialValue as string | undefined) ?? "",
  );
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<import("signature_pad").default | null>(null);
  const [ready, setReady] = useState(false);
  const signatureError = Boolean(fields.signature.errors?.length);

  // The pad lives only in the browser: loaded once the page is interactive.
  useEffect(() => {
    if (method !== "DRAWN") return;
    const canvas = canvasRef.current;
    if (!canvas) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import("signature_pad").then(({ default: SignaturePad }) => {
      if (cancelled) return;
      const pad = new SignaturePad(canvas, {
        penColor: "#0b2a4a",
        minWidth: 0.8,
        maxWidth: 2.6,
      });
      padRef.current = pad;
      const fit = () => {
        // Sharp on high-density screens; what was drawn is kept across a resize (a phone
        // turned round) by replaying its strokes.
        const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 3);
        const strokes = pad.toData();
        canvas.width = canvas.offsetWidth * ratio;
        canvas.height = PAD_HEIGHT * ratio;
        canvas.getContext("2d")?.scale(ratio, ratio);
        pad.clear();
        if (strokes.length) pad.fromData(strokes);
      };
      fit();
      if (drawing && !pad.toData().length) {
        void pad.fromDataURL(drawing, {
          ratio: Math.min(Math.max(window.devicePixelRatio || 1, 1), 3),
          width: canvas.offsetWidth,
          height: PAD_HEIGHT,
        });
      }
      pad.addEventListener("endStroke", () => setDrawing(pad.toDataURL("image/png")));
      observer = new ResizeObserver(() => {
        const before = pad.toData();
        fit();
        if (before.length) setDrawing(pad.toDataURL("image/png"));
      });
      observer.observe(canvas);
      setReady(true);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      padRef.current?.off();
      padRef.current = null;
      setReady(false);
    };
    // The pad is made once per switch to drawing; `drawing` is only read for the echo.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method]);

  const clear = () => {
    padRef.current?.clear();
    setDrawing("");
  };

  const errorId = fields.signature.errorId;
  return (
    <fieldset className="signature-field">
      <legend>{t("consent.sign.legend")}</legend>
      <FormField
        meta={fields.typedName}
        label={t("consent.sign.typedName")}
        hint={t("consent.sign.typedNameHint")}
      >
        {({ defaultValue: _echo, ...p }) => (
          <input
            {...p}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="name"
            maxLength={120}
            dir="auto"
          />
        )}
      </FormField>

      <div className="signature-method" role="radiogroup" aria-label={t("consent.sign.how")}>
        <label className="check">
          <input
            type="radio"
            name={fields.method.name}
            form={fields.method.formId}
            value="DRAWN"
            checked={method === "DRAWN"}
            onChange={() => setMethod("DRAWN")}
          />{" "}
          {t("consent.sign.draw")}
        </label>
        <label className="check">
          <input
            type="radio"
            name={fields.method.name}
            form={fields.method.formId}
            value="TYPED"
            checked={method === "TYPED"}
            onChange={() => setMethod("TYPED")}
          />{" "}
          {t("consent.sign.typeInstead")}
        </label>
      </div>

      {method === "DRAWN" ? (
        <div className={["signature-pad", signatureError ? "has-error" : ""].join(" ").trim()}>
          <p className="hint" id="signature-pad-hint">
            {t("consent.sign.drawHint")}
          </p>
          <canvas
            ref={canvasRef}
            className="signature-canvas"
            style={{ height: PAD_HEIGHT }}
            role="img"
            aria-label={drawing ? t("consent.sign.padLabelDrawn") : t("consent.sign.padLabelEmpty")}
            aria-describedby={
              signatureError ? `signature-pad-hint ${errorId}` : "signature-pad-hint"
            }
            data-ready={ready ? "yes" : "no"}
          />
          <input type="hidden" name={fields.signature.name} value={drawing} readOnly />
          <div className="actions">
            <button type="button" className="button" onClick={clear} disabled={!drawing}>
              {t("consent.sign.clear")}
            </button>
          </div>
        </div>
      ) : (
        <div className="signature-typed">
          <p className="hint">{t("consent.sign.typedHint")}</p>
          <p className="signature-preview" aria-hidden="true" dir="auto">
            {typed.trim() || "\u00a0"}
          </p>
        </div>
      )}
      <FieldErrors meta={fields.signature} />
    </fieldset>
  );
}
