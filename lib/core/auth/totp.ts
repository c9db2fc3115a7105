import crypto from "node:crypto";
import { z } from "zod";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { hashToken } from "@/lib/core/auth/opaque-token";
import { verifyPassword } from "@/lib/core/auth/password";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";

// RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 s.
const PERIOD = 30;
const RECOVERY_CODES = 10;
export const TotpCode = z.string().trim().regex(/^\d{6}$/, "the 6-digit code from your app");
// Recovery codes: 10 random base32 characters, shown as xxxxx-xxxxx.
export const RecoveryCodeInput = z.string().trim().toLowerCase().regex(/^[a-z2-7]{5}-?[a-z2-7]{5}$/, "a recovery code");

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: "virtshield", label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

function userActor(ctx: CoreContext): string {
  if (ctx.actor.type !== "user" || !ctx.actor.id) throw new DomainError("FORBIDDEN", "Only a signed-in user can manage their own two-factor login");
  return ctx.actor.id;
}

// The code's time step, or null; a step at or before the last accepted one is a replay.
function acceptedStep(secretBase32: string, code: string, nowMs: number, lastStep: number | null): number | null {
  const delta = totp(secretBase32, "x").validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export interface TotpEnrolment {
  otpauthUrl: string;
  qrDataUrl: string; // an SVG data URL, rendered here so the secret never passes through a third party
  secret: string; // base32, for typing into an app by hand; shown during enrolment only
}

export async function beginTotpEnrolment(ctx: CoreContext): Promise<TotpEnrolment> {
  const userId = userActor(ctx);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) throw new DomainError("CONFLICT", "Two-factor login is already on; turn it off first to enrol a new app");
  const secret = new Secret({ size: 20 }).base32;
  await ctx.db.user.update({ where: { id: userId }, data: { totpPendingEnc: ctx.secrets.seal(secret) } });
  const otpauthUrl = totp(secret, user.name).toString();
  const svg = await QRCode.toString(otpauthUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { otpauthUrl, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, secret };
}

function newRecoveryCode(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const chars = Array.from(crypto.randomBytes(10), (b) => alphabet[b & 31]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const recoveryHash = (code: string) => hashToken(code.replace("-", ""));

// The first right code turns the pending secret into the real one; recovery codes are returned once.
export async function confirmTotpEnrolment(ctx: CoreContext, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const userId = userActor(ctx);
  const { code } = parseInput(z.object({ code: TotpCode }), input);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpPendingEnc) throw new DomainError("PRECONDITION_FAILED", "Start the enrolment first: no QR code is waiting for confirmation");
  const pending = user.totpPendingEnc;
  const step = acceptedStep(ctx.secrets.open(pending), code, ctx.now().getTime(), null);
  if (step === null) throw new DomainError("VALIDATION", "That code does not match: check the time on your phone and try the next code", { fieldErrors: { code: ["does not match"] } });
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await ctx.db.$transaction([
    ctx.db.user.update({ where: { id: userId }, data: { totpSecretEnc: pending, totpPendingEnc: null, totpEnabledAt: ctx.now(), totpLastStep: step } }),
    ctx.db.recoveryCode.deleteMany({ where: { userId } }),
    ctx.db.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryHash(c) })) }),
  ]);
  await recordAudit(ctx, { action: "user.totp-enable", targetType: "user", targetId: userId });
  return { recoveryCodes: codes };
}

// A TOTP code (each works once) or an unused recovery code. Both checks are single conditional
// writes, so two requests racing with the same code cannot both pass.
export async function verifySecondFactor(ctx: Pick<CoreContext, "db" | "secrets" | "now">, userId: string, code: string): Promise<"totp" | "recovery" | null> {
  const user = await ctx.db.user.findUnique({ where: { id: userId } });
  if (!user?.totpSecretEnc) return null;
  if (TotpCode.safeParse(code).success) {
    const step = acceptedStep(ctx.secrets.open(user.totpSecretEnc), code.trim(), ctx.now().getTime(), user.totpLastStep);
    if (step === null) return null;
    const { count } = await ctx.db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  const recovery = RecoveryCodeInput.safeParse(code);
  if (!recovery.success) return null;
  const { count } = await ctx.db.recoveryCode.updateMany({ where: { userId, codeHash: recoveryHash(recovery.data), usedAt: null }, data: { usedAt: ctx.now() } });
  return count === 1 ? "recovery" : null;
}

// Turning it off needs the password again: a stolen session alone cannot remove the second factor.
export async function disableOwnTotp(ctx: CoreContext, input: unknown): Promise<void> {
  const userId = userActor(ctx);
  const { password } = parseInput(z.object({ password: z.string().min(1).max(1024) }), input);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, password))) throw new DomainError("VALIDATION", "Wrong password", { fieldErrors: { password: ["wrong password"] } });
  await clearTotp(ctx.db, userId);
  await recordAudit(ctx, { action: "user.totp-disable", targetType: "user", targetId: userId });
}

// For an admin, or the CLI for a locked-out admin with shell access.
export async function resetTotp(ctx: CoreContext, userId: string): Promise<void> {
  requirePermission(ctx.actor, "users:admin");
  const user = await ctx.db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
  if (!user) throw new DomainError("NOT_FOUND", "No such user");
  await clearTotp(ctx.db, userId);
  await recordAudit(ctx, { action: "user.totp-reset", targetType: "user", targetId: userId, detail: { name: user.name } });
}

async function clearTotp(db: Db, userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, totpLastStep: null } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.loginChallenge.deleteMany({ where: { userId } }),
  ]);
}

export async function totpStatus(db: Db, userId: string): Promise<{ enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabled: !!user?.totpEnabledAt, enabledAt: user?.totpEnabledAt ?? null, recoveryCodesLeft: left };
}
