// What proxy.ts decides before Next routes a request: pure functions of the request's method,
// URL and headers, so they are unit-tested here and proxy.ts stays a few lines.

/** Server actions: Next's body limit (next.config.ts serverActions.bodySizeLimit) is the same number. */
export const ACTION_MAX_BODY_BYTES = 2 * 1024 * 1024;

export type Refusal = { status: number; code: "VALIDATION" | "FORBIDDEN" | "PAYLOAD_TOO_LARGE"; message: string };

// Next decodes path segments into route params and fails with a plain-text 500 on invalid
// UTF-8 such as /api/v1/hosts/%ff%fe, before any handler of ours runs.
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

// The CSRF rule of server actions and of cookie-authenticated API writes (lib/server/route.ts): a
// write must name our own origin. Browsers send Origin on every POST; one without it is refused.
export function sameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).host === headers.get("host");
  } catch {
    return false;
  }
}

/**
 * A refusal for a request Next would otherwise answer with a 500, or accept although the API
 * refuses the same: undecodable paths, and server-action posts (every unsafe method outside
 * /api) that are cross-origin, lack an Origin, or exceed the body limit. Null lets it through.
 */
export function refuseRequest(method: string, pathname: string, headers: Headers): Refusal | null {
  if (undecodablePath(pathname)) return { status: 400, code: "VALIDATION", message: "The request path is not valid percent-encoded UTF-8" };
  if (SAFE_METHODS.has(method) || isApiPath(pathname)) return null;
  if (!sameOrigin(headers)) return { status: 403, code: "FORBIDDEN", message: "Cross-origin request refused" };
  const declared = headers.get("content-length");
  if (declared === null) {
    if (headers.has("transfer-encoding")) return { status: 411, code: "VALIDATION", message: "Form posts must declare their Content-Length" };
    return null;
  }
  if (!/^\d{1,15}$/.test(declared)) return { status: 400, code: "VALIDATION", message: "Content-Length is not a number" };
  if (Number(declared) > ACTION_MAX_BODY_BYTES) return { status: 413, code: "PAYLOAD_TOO_LARGE", message: `Form posts are limited to ${ACTION_MAX_BODY_BYTES} bytes` };
  return null;
}

export interface HeaderOptions {
  nonce?: string; // pages only: Next puts it on its inline and bootstrap scripts
  https: boolean;
  dev: boolean;
}

/**
 * Pages: scripts only with this response's nonce ('strict-dynamic' lets Next's runtime load its
 * chunks); styles allow inline because React and recharts set style attributes. Everything else
 * (API answers, errors): nothing may load at all.
 */
export function contentSecurityPolicy(o: HeaderOptions): string {
  if (!o.nonce) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), browsing-topics=()";

// Set by proxy.ts on every response it sees; next.config.ts sets the static ones for the assets
// the proxy skips.
export function securityHeaders(o: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(o),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    // Answers carry tokens, users, the audit log and the inventory: no cache keeps them. A
    // route that means otherwise sets its own Cache-Control, which wins.
    "Cache-Control": "no-store",
    ...(o.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

// Behind a TLS-terminating proxy the URL says http; X-Forwarded-Proto says what the browser
// used. Trusting it is harmless here: browsers ignore HSTS received over plain http.
export function servedOverHttps(url: URL, headers: Headers): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() === "https";
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
