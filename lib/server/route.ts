import { DomainError, HTTP_STATUS } from "@/lib/core/errors";
import { toPublicError } from "@/lib/core/public-error";
import { can, type Actor, type Permission } from "@/lib/core/auth/roles";
import type { CoreContext } from "@/lib/core/context";
import { actorFromRequest } from "@/lib/server/auth";
import { logger, serverContext } from "@/lib/server/context";
import { recordRefusal } from "@/lib/server/refusal";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface RouteArgs<P> {
  req: Request;
  params: P;
  actor: Actor;
  ctx: CoreContext;
  body: () => Promise<unknown>;
}

type Handler<P> = (args: RouteArgs<P>) => unknown;

export function errorResponse(e: unknown, req?: Request): Response {
  const where = req ? { in: "api", method: req.method, path: new URL(req.url).pathname } : { in: "api" };
  const { code, message, fieldErrors } = toPublicError(e, logger(), where);
  return Response.json({ error: { code, message, ...(fieldErrors ? { fields: fieldErrors } : {}) } }, { status: HTTP_STATUS[code] });
}

async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("VALIDATION", "The request body is not valid JSON");
  }
}

// Cookie-authenticated writes must come from our own pages (CSRF); tokens are not sent by browsers.
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}

async function refuse(req: Request, actor: Actor | null, code: "UNAUTHENTICATED" | "FORBIDDEN", message: string): Promise<Response> {
  if (req.method !== "GET") await recordRefusal(actor, `api.${req.method} ${new URL(req.url).pathname}`, code);
  return errorResponse(new DomainError(code, message));
}

// Every API route: authenticate, check the role, parse, call the core, shape the answer.
export function apiRoute<P = Record<string, never>>(permission: Permission, handler: Handler<P>, opts: { status?: number } = {}) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const { actor, via } = await actorFromRequest(req);
      if (!actor) return await refuse(req, null, "UNAUTHENTICATED", "A valid bearer token or session is required");
      if (via === "cookie" && req.method !== "GET" && !sameOrigin(req)) return await refuse(req, actor, "FORBIDDEN", "Cross-origin request refused");
      if (!can(actor.role, permission)) return await refuse(req, actor, "FORBIDDEN", `The ${actor.role} role may not do this`);
      const params = (await context.params) ?? ({} as P);
      const result = await handler({ req, params, actor, ctx: serverContext(actor), body: () => readJson(req) });
      if (result instanceof Response) return result;
      return Response.json(result ?? null, { status: opts.status ?? 200 });
    } catch (e) {
      return errorResponse(e, req);
    }
  };
}
