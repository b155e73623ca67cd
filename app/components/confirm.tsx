/**
 * An action that cannot be taken back asks first, with or without JavaScript: a disclosure
 * (`<details class="confirm">`) whose summary names the action, and inside it the question and
 * the one button that does it ("Yes, …"). Nothing is sent until that button is pressed. Every
 * destructive one-click form (cancel, delete, remove) renders through here; the intent is a prop,
 * so tests/confirm-actions.test.tsx can find any that does not.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function ConfirmAction({
  intent,
  fields,
  label,
  question,
  confirm,
  busy,
  open = false,
  formProps,
  children,
}: {
  /** The action's intent, posted with the form. */
  intent: string;
  /** Hidden fields naming what it acts on (for example `{ appointmentId }`). */
  fields: Record<string, string>;
  /** The summary: what the action is (its accessible name says which entry). */
  label: ReactNode;
  /** The question asked before it is done. */
  question: ReactNode;
  /** The button that does it ("Yes, cancel it"). */
  confirm: ReactNode;
  busy: boolean;
  /** Open when the last answer was this form's refusal, so its error shows. */
  open?: boolean;
  /** Props for the form (conform's id and handlers), where the form has a reply. */
  formProps?: Record<string, unknown>;
  /** Above the question: the form's errors, its key. */
  children?: ReactNode;
}) {
  return (
    <details className="confirm" open={open || undefined}>
      <summary>{label}</summary>
      <Form method="post" {...formProps}>
        {children}
        <p>{question}</p>
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="danger" disabled={busy}>
          {confirm}
        </button>
      </Form>
    </details>
  );
}
