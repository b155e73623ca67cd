/**
 * A video consultation's way in, on the patient's pages: the "Join" button from 15 minutes
 * before the start until the end, and before that when it will appear, in the patient's own
 * zone. The button goes through the portal's join route, which checks again and redirects to
 * the meeting; the meeting link itself never reaches the page.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import { JOIN_OPENS_MINUTES, liveJoinState, type JoinState, type PatientVideo } from "~/lib/video";

/**
 * Re-reads the clock every 20 s, so a page left open follows the window. Until the browser
 * has read its clock, the state is the server's (the same HTML on both sides).
 */
function useLiveState(video: PatientVideo | null): JoinState | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 20_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, []);
  if (!video) return null;
  return now === null ? video.state : liveJoinState(video, now);
}

export function VideoJoin({ video, timeZone }: { video: PatientVideo | null; timeZone: string }) {
  const { t, i18n } = useTranslation("travel");
  const state = useLiveState(video);
  if (video && state === "open") {
    return (
      <p>
        {/* A full page load: the join route answers with a redirect to another site. */}
        <a className="button primary video-join" href={video.path}>
          {t("video.join")}
        </a>
      </p>
    );
  }
  if (video && state === "early") {
    return (
      <p className="muted">
        {t("video.opensAt", {
          when: formatDateTime(video.opensAt, i18n.language, timeZone, "full"),
          minutes: JOIN_OPENS_MINUTES,
        })}
      </p>
    );
  }
  return null;
}

/** The meeting link for staff who may see the appointment: it opens in a new tab. */
export function MeetingLink({ url, name }: { url: string | null | undefined; name?: string }) {
  const { t } = useTranslation("travel");
  if (!url) return null;
  return (
    <p>
      <a href={url} target="_blank" rel="noopener noreferrer">
        {t("video.staffLink")}
        <span className="visually-hidden">
          {name ? ` (${name})` : ""} {t("video.newTab")}
        </span>
      </a>
    </p>
  );
}
