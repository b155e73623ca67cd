/**
 * The inline viewer of a case document: an image as an <img>, a PDF in a frame, both
 * from the inline route (…/documents/:id/view: the stored type, checked by content, framed by
 * the app's own pages only, audited as "document.view"). Used beside the answers on the case
 * page and beside a passport's typed details on the travel page.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

interface ViewedDoc {
  id: string;
  fileName: string;
  mimeType: string;
}

/** The open record: an image, or a PDF in a frame; its download; close. */
export function Viewer({
  caseId,
  doc,
  onClose,
}: {
  caseId: string;
  doc: ViewedDoc;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  const src = `/staff/cases/${caseId}/documents/${doc.id}/view`;
  const ref = useRef<HTMLElement>(null);
  // Opened (or another record chosen): the viewer comes into view and takes the focus.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.focus({ preventScroll: true });
  }, [doc.id]);
  return (
    <section className="card viewer" id="viewer" aria-labelledby="viewer-h" tabIndex={-1} ref={ref}>
      <div className="viewer-head">
        <h2 id="viewer-h">
          <bdi>{doc.fileName}</bdi>
        </h2>
        <a href={`/staff/cases/${caseId}/documents/${doc.id}`} download>
          {t("case.viewer.download")}
        </a>
        {onClose ? (
          <a
            href="?#documents"
            onClick={(event) => {
              event.preventDefault();
              onClose();
            }}
          >
            {t("case.viewer.close")}
          </a>
        ) : null}
      </div>
      <ViewerBody src={src} doc={doc} />
    </section>
  );
}

/**
 * The document itself: an <img> for an image (no frame at all); a PDF in a frame, which the
 * browser's own PDF viewer draws. That frame carries no `sandbox` attribute: Chromium refuses
 * to run its PDF viewer in a sandboxed frame, whatever the allow- tokens (tried: every one
 * shows an empty frame). What guards it instead is the response (the inline route):
 * only bytes that are a PDF by content, served as application/pdf with nosniff, a CSP of
 * `default-src 'none'` and framing by the app's own pages only; HTML never reaches it (415).
 */
export function ViewerBody({
  src,
  doc,
}: {
  src: string;
  doc: Pick<ViewedDoc, "fileName" | "mimeType">;
}) {
  const { t } = useTranslation();
  const label = t("case.viewer.alt", { name: doc.fileName });
  if (doc.mimeType.startsWith("image/")) {
    return <img className="viewer-image" src={src} alt={label} />;
  }
  // Chromium's viewer reads the fragment: fit the width, without the thumbnails pane.
  return (
    <iframe
      className="viewer-frame"
      src={`${src}#navpanes=0&view=FitH`}
      title={label}
      referrerPolicy="no-referrer"
    />
  );
}
