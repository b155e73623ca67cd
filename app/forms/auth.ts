/**
 * The sign-in forms: staff with email and password (login), patients asking for a sign-in
 * link (portal/login) and using it (portal/auth). Messages are translation keys; the actions
 * translate them (app/infra/forms.server.ts).
 */
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";

const Credentials = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(200),
});

/**
 * Staff sign-in. Whatever is wrong, the answer is one message for the whole form (the email
 * address or the password is incorrect), never which of the two, so it tells nobody which
 * addresses have accounts.
 */
export const LoginForm = z
  .object({
    email: z.string().optional(),
    password: z.string().optional(),
    redirectTo: z.string().optional(),
  })
  .transform((input, ctx) => {
    const credentials = Credentials.safeParse(input);
    if (!credentials.success) {
      ctx.addIssue({ code: "custom", message: "common:login.invalid" });
      return z.NEVER;
    }
    return { ...credentials.data, redirectTo: input.redirectTo };
  });

const email = "portal:login.invalidEmail";

/** A patient asks for a sign-in link to their address. */
export const MagicLinkForm = z.object({
  email: z.string({ error: email }).trim().toLowerCase().max(254, email).pipe(z.email(email)),
});

/** The patient uses the link: the POST spends its token. */
const linkGone = "portal:auth.invalid";
export const SignInLinkForm = z.object({
  token: z.string({ error: linkGone }).min(1, linkGone).max(200, linkGone),
});

// --- staff second factor, invitations and password resets (ADR 027) -----------------------

const codeMissing = "common:twoFactor.codeMissing";

/**
 * The code of the second step: six digits from the authenticator app (Arabic-Indic and
 * Persian digits read as ASCII, spaces ignored) or a recovery code.
 */
const code = z.preprocess(
  (v) => (typeof v === "string" ? normalizeDigits(v).replace(/[\s\u00a0]/g, "") : v),
  z.string({ error: codeMissing }).min(1, codeMissing).max(40, "common:twoFactor.codeWrong"),
);

/** The second step of staff sign-in. */
export const SecondFactorForm = z.object({ code, redirectTo: z.string().max(2000).optional() });

/** Confirming a new authenticator app with one of its codes: six digits only. */
export const EnrolForm = z.object({
  code: z.preprocess(
    (v) => (typeof v === "string" ? normalizeDigits(v).replace(/[\s\u00a0]/g, "") : v),
    z
      .string({ error: "common:twoFactor.enrolCodeFormat" })
      .regex(/^\d{6}$/, "common:twoFactor.enrolCodeFormat"),
  ),
  redirectTo: z.string().max(2000).optional(),
});

/** A new password (invitation, reset). Its strength is judged by the action (zxcvbn). */
export const NewPasswordForm = z.object({
  password: z
    .string({ error: "common:password.tooShort" })
    .min(1, "common:password.tooShort")
    .max(200, "common:password.tooLong"),
});

/** "Forgot password": the staff address to send a reset link to. */
export const ForgotPasswordForm = z.object({
  email: z
    .string({ error: "common:forgot.invalidEmail" })
    .trim()
    .toLowerCase()
    .max(254, "common:forgot.invalidEmail")
    .pipe(z.email("common:forgot.invalidEmail")),
});
