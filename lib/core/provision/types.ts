import { z } from "zod";
import type { ConfValue } from "@/lib/core/config/libvirt-conf";
import type { Firewall } from "@/lib/core/facts/facts";
import type { PkiRole, PkiSet } from "@/lib/core/provision/pki-files";

// tls-alongside: TLS on, plain TCP still listening (the transitional step of a rollout);
// tls-only: the goal, plain TCP closed and every migration forced onto TLS.
export const PROVISION_MODES = ["tls-alongside", "tls-only"] as const;
export const ProvisionMode = z.enum(PROVISION_MODES);
export type ProvisionMode = z.infer<typeof ProvisionMode>;

export type ChangeAction = "create" | "replace" | "chmod" | "none";

export interface ObservedFile {
  exists: boolean;
  mode?: number;
  owner?: string;
  group?: string;
  sha256?: string;
}

// What the host has now, read over SSH before planning (and again before applying).
export interface ObservedState {
  files: Record<string, ObservedFile>;
  dirs: Record<string, ObservedFile>;
  // Text of the config files the plan may edit; null when the file is missing.
  texts: Record<string, string | null>;
  // The dashboard's address as the host sees it (from SSH_CONNECTION), for the firewall.
  dashboardAddress: string | null;
}

export interface DirChange {
  path: string;
  mode: number;
  owner: string;
  group: string;
  action: "create" | "chmod" | "none";
}

export interface FileChange {
  path: string;
  set: PkiSet;
  role: PkiRole;
  mode: number;
  owner: string;
  group: string;
  sha256: string;
  serial?: string;
  action: ChangeAction;
  before?: ObservedFile;
  secret: boolean;
  // Only inside the plan that is applied; never in a dry-run answer.
  content?: string;
}

export interface ConfigChange {
  path: string;
  changes: Record<string, ConfValue | null>;
  before: string;
  after: string;
  diff: string;
  action: "replace" | "none";
}

export type ServiceAction =
  | { kind: "enable-socket"; unit: string }
  | { kind: "disable-socket"; unit: string }
  | { kind: "restart"; unit: string }
  | { kind: "update-tls"; daemon: string };

export interface FirewallPlan {
  manager: Firewall;
  // Commands (argument arrays) that put the product's own rules in place, replacing earlier ones.
  commands: { argv: string[]; stdin?: string }[];
  rules: string[];
  note: string;
  // Of the rules; equal to the marker left on the host by the last apply means nothing to do.
  hash: string;
}

export interface ProvisionPlan {
  hostId: string;
  hostName: string;
  mode: ProvisionMode;
  daemon: "libvirtd" | "virtproxyd";
  dirs: DirChange[];
  files: FileChange[];
  configs: ConfigChange[];
  services: ServiceAction[];
  firewall: FirewallPlan;
  warnings: string[];
  changed: boolean;
  hash: string;
  summary: string;
}
