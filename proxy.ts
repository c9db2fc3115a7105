import { NextResponse, type NextRequest } from "next/server";
import { isApiPath, newNonce, refuseRequest, securityHeaders, servedOverHttps } from "@/lib/server/http-guards";

// Runs before Next routes anything (Next 16's successor of middleware.ts): refuses what Next
// would answer with a 500 or accept unchecked, and sets the security headers with a fresh
// CSP nonce per page. Next reads the nonce from the request's Content-Security-Policy header.
export function proxy(req: NextRequest): NextResponse {
  const { pathname } = req.nextUrl;
  const https = servedOverHttps(req.nextUrl, req.headers);
  // A build-time constant (Next inlines it), not configuration: React's dev build needs eval.
  const dev = process.env.NODE_ENV === "development";
  const refusal = refuseRequest(req.method, pathname, req.headers);
  if (refusal) {
    const headers = securityHeaders({ https, dev });
    return NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers });
  }
  const nonce = isApiPath(pathname) ? undefined : newNonce();
  const headers = securityHeaders({ nonce, https, dev });
  const forwarded = new Headers(req.headers);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const res = NextResponse.next({ request: { headers: forwarded } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Not for build assets: they are static, carry no nonce, and get next.config.ts's headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
