import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { TlsMatrixCell } from "@/lib/server/check-schemas";
import { MatrixQuery, listTlsMatrix } from "@/lib/core/checks/matrix-store";

export const GET = apiRoute(
  { permission: "read", summary: "The latest TLS matrix (virsh -c qemu+tls:// from each source to each destination)", query: MatrixQuery, response: z.array(TlsMatrixCell) },
  ({ ctx, query }) => listTlsMatrix(ctx.db, query),
);
