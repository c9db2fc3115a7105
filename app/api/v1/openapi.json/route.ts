import { apiRoute } from "@/lib/server/route";

// The document lists this route too (lib/server/openapi-routes.ts imports it), so it is loaded on
// request rather than imported: a static import would close a cycle route -> openapi -> routes.
export const GET = apiRoute({ permission: "read", summary: "This document: the API as OpenAPI 3.1" }, async () => (await import("@/lib/server/openapi")).openApiDocument());
