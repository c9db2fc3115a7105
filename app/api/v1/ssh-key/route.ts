import { apiRoute } from "@/lib/server/route";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";

export const GET = apiRoute("read", async ({ ctx }) => ({ publicKey: (await ensureDashboardSshKey(ctx)).publicKey }));
