import { z } from "zod";
import { DomainError, HTTP_STATUS } from "@/lib/core/errors";
import { toPublicError } from "@/lib/core/public-error";
import { can, type Actor, type Permission } from "@/lib/core/auth/roles";
import type { CoreContext } from "@/lib/core/context";
import { Id, parseInput } from "@/lib/core/validation";
import { queryObject } from "@/lib/core/paging";
import { actorFromRequest } from "@/lib/server/auth";
import { logger, serverContext } from "@/lib/server/context";
import { recordRefusal } from "@/lib/server/refusal";
import { sameOrigin } from "@/lib/server/http-guards";

export const MAX_BODY_BYTES = 1024 * 1024;

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema, Else> = S extends z.ZodType ? z.output<S> : Else;

// What a route declares once, next to its handler: the permission it needs and the zod schemas it
// parses and answers with. apiRoute enforces it; lib/server/openapi.ts turns it into the document.
export interface Operation<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema, R extends Schema = Schema> {
  permission: Permission;
  summary: string;
  description?: string;
  params?: P; // an object of the path's {placeholders}
  query?: Q; // an object of the URL parameters (strings: use z.coerce for numbers)
  body?: B; // the JSON body; an empty body reads as {}
  response?: R; // the JSON answer at `status`
  status?: number; // of the success answer: 200 unless said; 204 answers no content
  produces?: string; // a non-JSON media type of the success answer (CSV, PEM, Prometheus text, SSE)
  otherResponses?: Record<number, { description: string; schema?: z.ZodType }>; // e.g. 202 {jobId} while a job runs
  paged?: boolean; // the answer is one page: X-Total-Count and Link headers (pageHeaders in lib/core/paging)
}

export interface RouteArgs<P, Q, B> {
  req: Request;
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  ctx: CoreContext;
}

type Answer<R extends Schema> = R extends z.ZodType ? z.input<R> | Response : unknown;
type Handler<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> = (
  args: RouteArgs<Parsed<P, Record<string, never>>, Parsed<Q, Record<string, never>>, Parsed<B, undefined>>,
) => Answer<R> | Promise<Answer<R>>;

export type RouteHandler = ((req: Request, context: { params: Promise<object> }) => Promise<Response>) & { operation: Operation };

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

async function refuse(req: Request, actor: Actor | null, code: "UNAUTHENTICATED" | "FORBIDDEN", message: string): Promise<Response> {
  if (req.method !== "GET") await recordRefusal(actor, `api.${req.method} ${new URL(req.url).pathname}`, code);
  return errorResponse(new DomainError(code, message));
}

const parse = (schema: z.ZodType | undefined, input: unknown) => (schema ? parseInput(schema, input) : {});

type Run = (args: { req: Request; rawParams: object; actor: Actor; ctx: CoreContext }) => Promise<unknown>;

// Every API route: authenticate, check the role, parse, call the core, shape the answer.
function handle(operation: Operation, run: Run): RouteHandler {
  const handler = async (req: Request, context: { params: Promise<object> }): Promise<Response> => {
    try {
      const { actor, via } = await actorFromRequest(req);
      if (!actor) return await refuse(req, null, "UNAUTHENTICATED", "A valid bearer token or session is required");
      // Cookie-authenticated writes must come from our own pages (CSRF), as server actions must (proxy.ts).
      if (via === "cookie" && req.method !== "GET" && !sameOrigin(req.headers)) return await refuse(req, actor, "FORBIDDEN", "Cross-origin request refused");
      if (!can(actor.role, operation.permission)) return await refuse(req, actor, "FORBIDDEN", `The ${actor.role} role may not do this`);
      const rawParams = (await context.params) ?? {};
      const result = await run({ req, rawParams, actor, ctx: serverContext(actor) });
      if (result instanceof Response) return result;
      if (operation.status === 204) return new Response(null, { status: 204 });
      return Response.json(result ?? null, { status: operation.status ?? 200 });
    } catch (e) {
      return errorResponse(e, req);
    }
  };
  return Object.assign(handler, { operation });
}

// Declare a route: apiRoute({ permission, summary, params?, query?, body?, response?, status? }, handler).
export function apiRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, R extends Schema = undefined>(
  op: Operation<P, Q, B, R>,
  handler: Handler<P, Q, B, R>,
): RouteHandler {
  const typed = handler as unknown as (args: RouteArgs<unknown, unknown, unknown>) => unknown;
  return handle(op as Operation, async ({ req, rawParams, actor, ctx }) => {
    const params = parse(op.params, rawParams);
    const query = parse(op.query, queryObject(new URL(req.url).searchParams));
    const body = op.body ? parseInput(op.body, await readJson(req)) : undefined;
    return typed({ req, params, query, body, actor, ctx });
  });
}

// The `{id}` of a resource path.
export const IdParams = z.object({ id: Id });
