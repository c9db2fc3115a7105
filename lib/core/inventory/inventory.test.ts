import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { createCluster, deleteCluster, updateCluster } from "./clusters";
import { createHost, deleteHost, getHost, listHosts, updateHost } from "./hosts";
import { exportHosts, importHosts } from "./import-hosts";
import { parseCsv, toCsv } from "./csv";
import { certificateNames } from "./host-view";

let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let clusterId: string;
beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  clusterId = (await createCluster(ctx, { name: "prod" })).id;
});
afterAll(() => t.cleanup());

const HOSTILE = ["hv1; rm -rf /", "$(reboot)", "`id`", "a\nb", "../../etc/passwd", "hv1 && true", "x".repeat(300)];

describe("clusters", () => {
  it("defaults new clusters to the tls policy and refuses duplicates", async () => {
    const c = await createCluster(ctx, { name: "staging" });
    expect(c.policy).toBe("tls");
    await expect(createCluster(ctx, { name: "staging" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createCluster(ctx, { name: "x", policy: "plaintext" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await updateCluster(ctx, c.id, { policy: "prefer-tls" })).policy).toBe("prefer-tls");
    await deleteCluster(ctx, c.id);
  });
});

describe("hosts", () => {
  it("creates a host with defaults and derives certificate names", async () => {
    const h = await createHost(ctx, { name: "hv1", address: "198.18.0.11", clusterId, names: ["hv1.lab"], ips: ["198.18.0.11"] });
    expect(h).toMatchObject({ sshPort: 22, sshUser: "root", migrationAddress: "198.18.0.11", policy: "tls", hostKey: { pinned: null } });
    expect(certificateNames(h)).toEqual({ dnsNames: ["hv1", "hv1.lab"], ips: ["198.18.0.11"] });
  });

  it.each(HOSTILE)("refuses the hostile name %j in every field and writes nothing", async (bad) => {
    const before = (await listHosts(t.db)).length;
    for (const field of ["name", "address", "sshUser", "migrationAddress"]) {
      await expect(createHost(ctx, { name: "ok", address: "198.18.0.12", clusterId, [field]: bad })).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: expect.objectContaining({ [field]: expect.any(Array) }),
      });
    }
    await expect(createHost(ctx, { name: "ok", address: "198.18.0.12", clusterId, names: [bad] })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await listHosts(t.db)).length).toBe(before);
  });

  it("refuses unknown fields, unknown clusters, bad ports; 404s unknown ids", async () => {
    await expect(createHost(ctx, { name: "z", address: "198.18.0.13", clusterId, extra: 1 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createHost(ctx, { name: "z", address: "198.18.0.13", clusterId: "nope" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createHost(ctx, { name: "z", address: "198.18.0.13", clusterId, sshPort: 70000 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(getHost(t.db, "missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateHost(ctx, "missing", { sshPort: 2222 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("updates and deletes, and forbids viewers", async () => {
    const h = await createHost(ctx, { name: "hv9", address: "hv9.lab", clusterId });
    expect((await updateHost(ctx, h.id, { sshPort: 2222, tags: ["rack-1"] })).sshPort).toBe(2222);
    const viewer = { ...ctx, actor: { type: "user" as const, id: "v", name: "v", role: "viewer" as const } };
    await expect(updateHost(viewer, h.id, { sshPort: 22 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteHost(viewer, h.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteHost(ctx, h.id);
    await expect(getHost(t.db, h.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("policy", () => {
  it("lets only an admin move a host into a cluster with a weaker policy", async () => {
    const legacy = await createCluster(ctx, { name: "old-fleet", policy: "legacy" });
    const h = await createHost(ctx, { name: "hv-move", address: "198.18.0.40", clusterId });
    const operator = { ...ctx, actor: { type: "user" as const, id: "o", name: "o", role: "operator" as const } };
    await expect(updateHost(operator, h.id, { clusterId: legacy.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getHost(t.db, h.id)).policy).toBe("tls");
    expect((await updateHost(ctx, h.id, { clusterId: legacy.id })).policy).toBe("legacy");
    expect((await updateHost(operator, h.id, { clusterId })).policy).toBe("tls");
    await deleteHost(ctx, h.id);
  });
});

describe("bulk import", () => {
  it("imports a CSV file with quoted lists", async () => {
    const csv = 'name,address,cluster,names,ips,tags\nhv2,198.18.0.12,prod,"hv2.lab hv2.example",198.18.0.12,rack-1\nhv3,198.18.0.13,prod,,,\n';
    expect(await importHosts(ctx, csv, "csv")).toEqual({ created: 2 });
    expect((await listHosts(t.db, { tag: "rack-1" })).map((h) => h.name)).toEqual(["hv2"]);
  });

  it("rejects the whole file when one row is bad, naming its line, and writes nothing", async () => {
    const before = (await listHosts(t.db)).length;
    const csv = "name,address,cluster\nhv4,198.18.0.14,prod\nhv5,$(reboot),prod\nhv4,198.18.0.16,prod\nhv6,198.18.0.17,nocluster\n";
    const err = await importHosts(ctx, csv, "csv").catch((e) => e);
    expect(err.code).toBe("VALIDATION");
    expect(Object.keys(err.fieldErrors)).toEqual(expect.arrayContaining(["line 3: address", "line 4: name", "line 5: cluster"]));
    expect((await listHosts(t.db)).length).toBe(before);
  });

  it("imports JSON and refuses what is not an array, and unknown columns", async () => {
    expect(await importHosts(ctx, JSON.stringify([{ name: "hv7", address: "198.18.0.17", cluster: "prod", sshPort: 2200 }]), "json")).toEqual({ created: 1 });
    await expect(importHosts(ctx, '{"a":1}', "json")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(importHosts(ctx, JSON.stringify([{ name: "hv8", address: "198.18.0.18", clusterId: "unknownid" }]), "json")).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "line 1: cluster": ["no cluster unknownid"] },
    });
    await expect(importHosts(ctx, "{", "json")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(importHosts(ctx, "name,address,evil\n", "csv")).rejects.toThrow(/Unknown CSV column/);
    await expect(importHosts(ctx, "x".repeat(1024 * 1024 + 1), "csv")).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("stores an imported row exactly as it stores the same host created alone", async () => {
    const odd = {
      name: " HV-Odd ", address: " HV-Odd.LAB ", sshUser: " root ", migrationAddress: "MIG.hv-odd.lab",
      names: ["HV-Odd.LAB", "hv-odd.lab", " Extra.Lab "], ips: ["198.18.0.50", " 198.18.0.50", "2001:DB8::1"], tags: ["rack-1", "rack-1 "],
    };
    // Everything but what makes each row unique.
    const stored = async (id: string) =>
      Object.fromEntries(Object.entries(await getHost(t.db, id)).filter(([k]) => !["id", "createdAt", "updatedAt"].includes(k)));
    const created = await createHost(ctx, { ...odd, clusterId });
    const alone = await stored(created.id);
    expect(alone).toMatchObject({
      name: "hv-odd", address: "hv-odd.lab", sshUser: "root", migrationAddress: "mig.hv-odd.lab",
      names: ["hv-odd.lab", "extra.lab"], ips: ["198.18.0.50", "2001:db8::1"], tags: ["rack-1"],
    });
    await deleteHost(ctx, created.id);

    expect(await importHosts(ctx, JSON.stringify([{ ...odd, cluster: "prod" }]), "json")).toEqual({ created: 1 });
    const fromJson = (await listHosts(t.db, { q: "hv-odd" }))[0];
    expect(await stored(fromJson.id)).toEqual(alone);
    await deleteHost(ctx, fromJson.id);

    const csv = `name,address,sshUser,cluster,names,ips,migrationAddress,tags\n HV-Odd , HV-Odd.LAB , root ,prod,"HV-Odd.LAB hv-odd.lab  Extra.Lab ","198.18.0.50;198.18.0.50 2001:DB8::1",MIG.hv-odd.lab,rack-1 rack-1\n`;
    expect(await importHosts(ctx, csv, "csv")).toEqual({ created: 1 });
    const fromCsv = (await listHosts(t.db, { q: "hv-odd" }))[0];
    expect(await stored(fromCsv.id)).toEqual(alone);
  });

  it("treats names that differ only in case as the same host, in the file and against the inventory", async () => {
    const err = await importHosts(ctx, "name,address,cluster\nHV-ODD,198.18.0.51,prod\nNew-One,198.18.0.52,prod\nnew-one,198.18.0.53,prod\n", "csv").catch((e) => e);
    expect(err.fieldErrors).toEqual({ "line 2: name": ["host hv-odd already exists"], "line 4: name": ["duplicate of line 3"] });
    await expect(createHost(ctx, { name: "HV-ODD", address: "198.18.0.51", clusterId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("exports what it imports", async () => {
    const csv = await exportHosts(t.db, "csv");
    expect(parseCsv(csv)[0].fields[0]).toBe("name");
    const json = JSON.parse(await exportHosts(t.db, "json"));
    expect(json.find((h: { name: string }) => h.name === "hv2")).toMatchObject({ names: ["hv2.lab", "hv2.example"], cluster: "prod" });
  });

  it("neutralises spreadsheet formulas in CSV export", () => {
    expect(toCsv([["=cmd()", "a,b"]])).toBe("'=cmd(),\"a,b\"\n");
  });
});
