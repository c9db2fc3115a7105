import { z } from "zod";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password";

export const PASSWORD_MAX_LENGTH = 256;
// zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks".
const MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return zxcvbn;
}

// Why a new password is refused, or null. The user's own name and the product's name count as
// dictionary words for the estimate.
export function passwordProblem(password: string, context: { userName?: string } = {}): string | null {
  if (password.trim().length === 0) return "must not be only spaces";
  if (/\p{Cc}/u.test(password)) return "must not contain control characters (tabs, newlines, NUL ...)";
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  const inputs = ["virtshield", ...(context.userName ? [context.userName] : [])];
  if (estimator().check(password, inputs).score < MIN_SCORE) {
    return "too easy to guess: it is a common password, a word with small changes, or a simple pattern; use a longer passphrase of unrelated words";
  }
  return null;
}

// For zod objects that carry a new password: the problem lands on the `field` as a field error.
export function refineNewPassword<T extends Record<string, unknown>>(field: keyof T & string, nameField?: keyof T & string) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const password = value[field];
    if (typeof password !== "string") return;
    const userName = nameField && typeof value[nameField] === "string" ? (value[nameField] as string) : undefined;
    const problem = passwordProblem(password, { userName });
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
  };
}

export const NewPassword = z.string().max(PASSWORD_MAX_LENGTH * 4).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
