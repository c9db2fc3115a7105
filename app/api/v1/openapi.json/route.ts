import { apiRoute } from "@/lib/server/route";
import { openApiDocument } from "@/lib/server/openapi";

export const GET = apiRoute({ permission: "read", summary: "This document: the API as OpenAPI 3.1" }, () => openApiDocument());
