import { z } from "zod";
import { Id } from "@/lib/core/validation";
import { defineJob } from "@/lib/core/jobs/define-job";
import { listDomains, DomainInfo } from "./list-domains";
import { listPools, PoolInfo, statPaths } from "./pools";
import { classifyDisks } from "./storage";

export const GuestDisk = DomainInfo.shape.disks.element.extend({ placement: z.enum(["shared", "copy"]), pool: z.string().nullable(), why: z.string() });
export const Guest = DomainInfo.omit({ disks: true }).extend({ disks: z.array(GuestDisk) });
export type Guest = z.infer<typeof Guest>;
export const GuestList = z.object({ hostId: z.string(), destHostId: z.string().nullable(), guests: z.array(Guest), pools: z.array(PoolInfo) });
export type GuestList = z.infer<typeof GuestList>;

// The guests of a host with their disks; with a destination, whether each disk is on storage
// that host also sees (its pools, or the same file there) or must be copied. Reads only, so it
// takes no lock: it may run beside a migration of the same host.
export const domainsJob = defineJob({
  kind: "domains",
  input: z.strictObject({ hostId: Id, destHostId: Id.optional() }),
  permission: "read",
  locks: () => [],
  host: (i) => i.hostId,
  run: async (ctx, { report }, { hostId, destHostId }): Promise<GuestList> => {
    const { guests, pools } = await ctx.ssh.use(hostId, async (conn) => {
      const g = await report.step("list domains", () => listDomains(conn), (d) => `${d.length} domain(s)`);
      return { guests: g, pools: await report.step("list pools", () => listPools(conn), (p) => p.map((x) => `${x.name} (${x.type})`).join(", ") || "none") };
    });
    if (!destHostId || destHostId === hostId) {
      return { hostId, destHostId: null, guests: guests.map((g) => ({ ...g, disks: classifyDisks(g.disks, pools) })), pools };
    }
    const dest = await ctx.ssh.use(destHostId, async (conn) => report.step("read the destination's storage", async () => ({
      pools: await listPools(conn),
      files: await statPaths(conn, guests.flatMap((g) => g.disks.map((d) => d.path))),
    }), (d) => `${d.pools.length} pool(s)`));
    return { hostId, destHostId, guests: guests.map((g) => ({ ...g, disks: classifyDisks(g.disks, dest.pools, dest.files) })), pools };
  },
});
