import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { PortMatrixCell } from "@/lib/server/check-schemas";
import { MatrixQuery, listPortMatrix } from "@/lib/core/checks/matrix-store";

export const GET = apiRoute(
  { permission: "read", summary: "The latest port matrix (every source x destination x port probed)", query: MatrixQuery, response: z.array(PortMatrixCell) },
  ({ ctx, query }) => listPortMatrix(ctx.db, query),
);
