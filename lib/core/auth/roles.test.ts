import { describe, expect, it } from "vitest";
import { can, isRole, requirePermission, type Actor } from "./roles";

const actor = (role: Actor["role"]): Actor => ({ type: "user", id: "u1", name: "x", role });

describe("roles", () => {
  it("lets viewers only read", () => {
    expect(can("viewer", "read")).toBe(true);
    for (const p of ["hosts:write", "jobs:run", "certs:issue", "clusters:write", "ca:admin", "users:admin"] as const) {
      expect(can("viewer", p)).toBe(false);
    }
  });

  it("lets operators change inventory and run jobs but not administer", () => {
    expect(can("operator", "hosts:write")).toBe(true);
    expect(can("operator", "jobs:run")).toBe(true);
    expect(can("operator", "ca:admin")).toBe(false);
    expect(can("operator", "users:admin")).toBe(false);
    expect(can("operator", "clusters:write")).toBe(false);
  });

  it("lets admins do everything", () => {
    expect(can("admin", "users:admin")).toBe(true);
    expect(can("admin", "ca:admin")).toBe(true);
  });

  it("throws FORBIDDEN with the missing permission", () => {
    expect(() => requirePermission(actor("viewer"), "hosts:write")).toThrow(/needs hosts:write/);
    expect(() => requirePermission(actor("admin"), "hosts:write")).not.toThrow();
  });

  it("recognises only the three roles", () => {
    expect(isRole("admin")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
