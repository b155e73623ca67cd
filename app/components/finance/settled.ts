import { useNavigation } from "@remix-run/react";
import type { FormReply } from "~/components/form";

/**
 * The action's answer, once the page's data has been reloaded as well. A form whose defaults
 * come from the loader (a draft's lines, the amount still owed, the price list) is emptied
 * after a success to those defaults: Conform must get the answer together with the new data,
 * not in between (the answer arrives first), or it would empty the form to what was there
 * before. Until then the buttons are disabled (busy) and what is typed stays.
 */
export function useSettledReply(reply: FormReply | undefined): FormReply | undefined {
  return useNavigation().state === "idle" ? reply : undefined;
}
