/** The patient's request to erase their data (portal/data). */
import { z } from "zod";

export const ErasureForm = z.object({
  confirm: z.literal("yes", { error: "aftercare:rights.confirmRequired" }),
});
