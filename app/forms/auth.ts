/**
 * The sign-in forms: staff with email and password (login), patients asking for a sign-in
 * link (portal/login) and using it (portal/auth). Messages are translation keys; the actions
 * translate them (app/infra/forms.server.ts).
 */
import { z } from "zod";

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
