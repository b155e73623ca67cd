/**
 * The action's answer, once the page's data has been reloaded as well. A form whose defaults
 * come from the loader (a follow-up's answers and lab values, a resource's working hours, the
 * chosen treatment week) is emptied after a success to those defaults: Conform must get the
 * answer together with the new data, not in between (the answer arrives first), or it would
 * empty the form to what was there before. Until then the buttons are disabled (busy) and
 * what is typed stays. (The same hook as app/components/finance/settled.ts; both belong in
 * app/components/form.tsx.)
 */
import { useNavigation } from "@remix-run/react";
import type { FormReply } from "~/components/form";

export function useSettledReply(reply: FormReply | null | undefined): FormReply | null | undefined {
  return useNavigation().state === "idle" ? reply : undefined;
}
