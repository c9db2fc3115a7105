import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";

export const GET = apiRoute(
  {
    permission: "read",
    summary: "The dashboard's SSH public key, to install on hosts",
    response: z.object({ publicKey: z.string().describe("an OpenSSH authorized_keys line") }),
  },
  async ({ ctx }) => ({ publicKey: (await ensureDashboardSshKey(ctx)).publicKey }),
);
