import { apiRoute } from "@/lib/server/route";
import { openApiDocument } from "@/lib/server/openapi";

export const GET = apiRoute("read", () => openApiDocument());
