import type { ReactElement } from "react";

/** A template's output before the HTML element is rendered to a string. */
export interface RenderedEmail {
  subject: string;
  html: ReactElement;
  text: string;
}
