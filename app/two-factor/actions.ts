"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { beginTotpEnrolment, confirmTotpEnrolment, disableOwnTotp } from "@/lib/core/auth/totp";
import { toPublicError } from "@/lib/core/public-error";
import { currentSession } from "@/lib/server/auth";
import { logger, serverContext } from "@/lib/server/context";
import type { ActionResult, ActionState } from "@/lib/server/action";
import type { CoreContext } from "@/lib/core/context";

// Not runAction: an admin who must enrol has a session that may do nothing else, and this is
// the one thing it must be able to do.
async function enrolmentAction<T>(action: string, fn: (ctx: CoreContext) => Promise<T>): Promise<ActionResult<T>> {
  const session = await currentSession();
  if (!session) redirect("/login");
  try {
    return { ok: true, data: await fn(serverContext(session.actor)) };
  } catch (e) {
    const { code, message, fieldErrors } = toPublicError(e, logger(), { in: "server action", action });
    return { ok: false, code, message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
}

export async function beginEnrolmentAction(_prev: ActionState) {
  return enrolmentAction("user.totp-begin", (ctx) => beginTotpEnrolment(ctx));
}

export async function confirmEnrolmentAction(_prev: ActionState, form: FormData) {
  return enrolmentAction("user.totp-enable", (ctx) => confirmTotpEnrolment(ctx, { code: z.string().parse(form.get("code") ?? "") }));
}

export async function disableTotpAction(_prev: ActionState, form: FormData) {
  return enrolmentAction("user.totp-disable", async (ctx) => {
    await disableOwnTotp(ctx, { password: String(form.get("password") ?? "") });
    return { disabled: true };
  });
}
