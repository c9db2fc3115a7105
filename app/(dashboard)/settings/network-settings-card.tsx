import { getNetworkSettings } from "@/lib/core/inventory/network-settings";
import { db } from "@/lib/server/db";
import { Card } from "@/components/ui/card";
import { NetworkSettingsForm } from "./network-settings-form";

// Admins only (the page decides): which addresses the dashboard may open SSH connections to.
export async function NetworkSettingsCard() {
  const { allowedHostNetworks } = await getNetworkSettings(db());
  return (
    <Card title="Allowed host networks" description="Checked when a host is added, imported or changed, and again after name resolution each time the dashboard connects.">
      <NetworkSettingsForm networks={allowedHostNetworks} />
    </Card>
  );
}
