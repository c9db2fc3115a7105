import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import { ensureFirstAdmin } from "@/lib/core/auth/users";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { serverContext, logger } from "@/lib/server/context";
import { env } from "@/lib/server/env";
import { startRunner } from "@/lib/server/jobs";
import { startScheduler } from "@/lib/server/scheduler";

// First start: the first admin, the dashboard's SSH identity; every start: the job runner,
// which marks jobs a crash left running as interrupted.
export async function bootstrap(): Promise<void> {
  const ctx = serverContext(SYSTEM_ACTOR);
  const { VIRTSHIELD_ADMIN_NAME: name, VIRTSHIELD_ADMIN_PASSWORD: password } = env();
  const admin = await ensureFirstAdmin(ctx, { name, password });
  if (admin.created && admin.generatedPassword) {
    // Printed once, to the operator's terminal only; never stored in clear or logged elsewhere.
    process.stdout.write(`\nvirtshield: first admin "${admin.name}" created with password: ${admin.generatedPassword}\n` +
      "virtshield: it is shown only this once: keep it in your password manager (or set VIRTSHIELD_ADMIN_PASSWORD before the first start).\n\n");
  }
  const key = await ensureDashboardSshKey(ctx);
  if (key.created) logger().info("generated the dashboard SSH key pair", { publicKey: key.publicKey });
  const { interrupted } = (await startRunner()) as { interrupted: number };
  if (interrupted) logger().warn("jobs interrupted by the previous shutdown", { interrupted });
  startScheduler();
}
