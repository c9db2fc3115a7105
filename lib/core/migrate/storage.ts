import type { DiskInfo } from "./list-domains";
import type { PoolInfo } from "./pools";

// Pool types whose volumes every host of the cluster reaches at the same path.
const SHARED_POOL_TYPES = new Set(["netfs", "rbd", "iscsi", "iscsi-direct", "gluster", "sheepdog", "vstorage"]);

export type DiskPlacement = "shared" | "copy";

export interface DiskStorage extends DiskInfo {
  placement: DiskPlacement;
  /** The pool the verdict rests on (on the destination when one is given), or null. */
  pool: string | null;
  why: string;
}

const under = (path: string, dir: string | null) => dir !== null && (path === dir || path.startsWith(dir.endsWith("/") ? dir : dir + "/"));

export function poolOf(path: string, pools: readonly PoolInfo[]): PoolInfo | null {
  // The deepest target wins (a netfs pool mounted below a dir pool's path).
  return [...pools].filter((p) => under(path, p.targetPath)).sort((a, b) => (b.targetPath?.length ?? 0) - (a.targetPath?.length ?? 0))[0] ?? null;
}

// Whether a disk must be copied (--copy-storage-all) or is on storage the destination also sees:
// network disks and disks under a shared pool type are shared; so is a path the destination
// reports with the same inode. Without a destination the host's own pools decide.
export function classifyDisk(disk: DiskInfo, pools: readonly PoolInfo[], destFiles?: ReadonlyMap<string, string | null>): DiskStorage {
  if (disk.type === "network") return { ...disk, placement: "shared", pool: null, why: "a network disk" };
  const pool = poolOf(disk.path, pools);
  if (pool && SHARED_POOL_TYPES.has(pool.type)) return { ...disk, placement: "shared", pool: pool.name, why: `in the ${pool.type} pool ${pool.name}` };
  const destId = destFiles?.get(disk.path);
  if (destId != null && disk.fileId != null && destId === disk.fileId && disk.type !== "block") {
    return { ...disk, placement: "shared", pool: pool?.name ?? null, why: "the same file (inode) on the destination" };
  }
  return { ...disk, placement: "copy", pool: pool?.name ?? null, why: pool ? `in the local ${pool.type} pool ${pool.name}` : "on local storage outside any pool" };
}

export function classifyDisks(disks: readonly DiskInfo[], pools: readonly PoolInfo[], destFiles?: ReadonlyMap<string, string | null>): DiskStorage[] {
  return disks.map((d) => classifyDisk(d, pools, destFiles));
}

// Bytes the destination must hold for the copied disks: the allocated size, or the virtual size
// where qemu-img did not say.
export function bytesToCopy(disks: readonly DiskStorage[]): number {
  return disks.filter((d) => d.placement === "copy").reduce((n, d) => n + (d.actualSize ?? d.virtualSize ?? 0), 0);
}
