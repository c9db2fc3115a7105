import { DomainError } from "@/lib/core/errors";

export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

// What each role may do. admin: users, tokens, CA, cluster policy. operator: inventory,
// provisioning, certificates, migration. viewer: read only.
export const PERMISSIONS = {
  read: ["viewer", "operator", "admin"],
  "hosts:write": ["operator", "admin"],
  "jobs:run": ["operator", "admin"],
  "certs:issue": ["operator", "admin"],
  "clusters:write": ["admin"],
  "ca:admin": ["admin"],
  "users:admin": ["admin"],
  "settings:admin": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export interface Actor {
  type: "user" | "token" | "system";
  id: string | null;
  name: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, name: "system", role: "admin" };

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new DomainError("FORBIDDEN", `The ${actor.role} role may not do this (needs ${permission})`);
  }
}
