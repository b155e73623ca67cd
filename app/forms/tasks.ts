/**
 * The task forms (app/routes/staff.cases.$caseId_.tasks.tsx and staff.tasks.tsx): create a
 * task on a case, complete one (with an optional note), reopen one, and hand one to someone
 * else. The due date and time are read as typed here; the model reads them in the creator's
 * own time zone (User.timeZone), where it also checks the range. Native digits are accepted.
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";
import { REMIND_OFFSETS, TASK_TITLE_MAX } from "~/lib/tasks";
import { cleanLine, cleanText } from "~/lib/text";

/** The longest note on a completed task. */
export const NOTE_MAX = 2000;

const E = (key: string) => `common:tasks.errors.${key}`;
const ID = z
  .string({ error: E("notFound") })
  .min(1, E("notFound"))
  .max(64, E("notFound"));

/**
 * A select's "nobody" or "no reminder": a value of its own, since a form library resets an
 * empty one to no choice at all after an error.
 */
export const NONE = "none";

/** Text as typed, read with the rest of the form (an empty box is ""). */
const typed = z.string().optional().default("");

export const CreateTaskForm = z
  .object({
    intent: z.literal("create"),
    title: z
      .string()
      .optional()
      .transform((v) => cleanLine(v ?? ""))
      .refine((v) => v.length > 0, { error: E("titleRequired") })
      .refine((v) => v.length <= TASK_TITLE_MAX, {
        error: E("titleTooLong"),
        params: { max: TASK_TITLE_MAX },
      }),
    /** NONE (or "") leaves the task with nobody (the form assigns the creator by default). */
    assigneeId: z
      .string()
      .max(64, E("assignee"))
      .optional()
      .transform((v) => (!v || v === NONE ? "" : v)),
    dueDate: nativeDigits(typed),
    dueTime: nativeDigits(typed),
    remind: z
      .enum([NONE, ...REMIND_OFFSETS], { error: E("remind") })
      .optional()
      .transform((v) => (!v || v === NONE ? "" : v)),
  })
  .superRefine((v, ctx) => {
    const date = v.dueDate.trim();
    const time = v.dueTime.trim();
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: E("date") });
    }
    if (time && !/^\d{1,2}:\d{2}$/.test(time)) {
      ctx.addIssue({ code: "custom", path: ["dueTime"], message: E("time") });
    }
    if (time && !date)
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: E("dateForTime") });
    if (date && !time)
      ctx.addIssue({ code: "custom", path: ["dueTime"], message: E("timeForDate") });
    if (v.remind && !date) {
      ctx.addIssue({ code: "custom", path: ["remind"], message: E("remindNeedsDue") });
    }
  });

export const CompleteTaskForm = z.object({
  intent: z.literal("complete"),
  taskId: ID,
  note: z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ""))
    .refine((v) => v.length <= NOTE_MAX, { error: E("noteTooLong"), params: { max: NOTE_MAX } }),
});

export const ReopenTaskForm = z.object({ intent: z.literal("reopen"), taskId: ID });

export const ReassignTaskForm = z.object({
  intent: z.literal("reassign"),
  taskId: ID,
  assigneeId: z.string().max(64, E("assignee")).optional().default(""),
  /** Who the page showed as assigned ("" for nobody): a stale form is refused. */
  was: z.string().max(64, E("assignee")).optional().default(""),
});

/** The case's task panel: every form. */
export const TaskForm = z.discriminatedUnion("intent", [
  CreateTaskForm,
  CompleteTaskForm,
  ReopenTaskForm,
  ReassignTaskForm,
]);
export type TaskInput = z.output<typeof TaskForm>;

/** "My tasks": done and undone from the list. */
export const MyTaskForm = z.discriminatedUnion("intent", [CompleteTaskForm, ReopenTaskForm]);

/** The id of the form an answer belongs to: the create form, or one task's row. */
export function taskFormId(payload: Record<string, unknown>): string {
  const intent = typeof payload.intent === "string" ? payload.intent : "";
  const id = typeof payload.taskId === "string" ? payload.taskId.slice(0, 64) : "";
  return intent === "create" || !id ? "task-create" : `task-${intent}-${id}`;
}
