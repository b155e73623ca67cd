/**
 * Whether a new staff password is good enough (ADR 027). zxcvbn-ts estimates how many
 * guesses it would take, with the common-password and common-word lists shipped in
 * @zxcvbn-ts/language-common and the person's own name and address as extra words. A
 * password that is (a variation of) a well-known password, or that scores below 3 out of 4,
 * is refused with the reason. Nothing leaves the server: no breached-password service is asked.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_SCORE = 3;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "personal" | "weak";

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

function matchesList(result: ZxcvbnResult, names: string[]): boolean {
  return result.sequence.some(
    (m) =>
      m.pattern === "dictionary" &&
      names.includes(String((m as { dictionaryName?: string }).dictionaryName)) &&
      m.token.length >= result.password.length - 4,
  );
}

/** Null when the password may be used; otherwise why not (a translation key's last part). */
export function passwordProblem(
  password: string,
  personal: (string | null | undefined)[] = [],
): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "tooLong";
  const words = personal
    .flatMap((p) => {
      if (!p) return [];
      const lower = p.toLowerCase();
      const local = lower.split("@")[0]!;
      return [lower, local, local.replace(/[\s.+_-]+/g, ""), ...lower.split(/[\s@.+_-]+/)];
    })
    .filter((w) => w.length >= 3);
  const result = zxcvbn().check(password.slice(0, 100), words);
  if (result.score >= MIN_SCORE) return null;
  if (matchesList(result, ["passwords-common"])) return "common";
  if (matchesList(result, ["userInputs"])) return "personal";
  return "weak";
}
