import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/core/errors";
import { parseConfEntries, parseLibvirtConf } from "./libvirt-conf";
import { setConfigValues } from "./set-config-values";

const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const LIBVIRTD = fixture("debian12-libvirtd.conf");
const QEMU = fixture("debian12-qemu.conf");

describe("parseLibvirtConf", () => {
  it("reads the stock Debian 12 files as all-defaults (everything commented)", () => {
    expect(parseLibvirtConf(LIBVIRTD)).toEqual({});
    expect(parseLibvirtConf(QEMU)).toEqual({});
  });

  it("types strings, integers and lists, ignoring comments and blank lines", () => {
    const text = [
      "# comment",
      "",
      'listen_addr = "192.0.2.1"   # trailing comment',
      "listen_tls=1",
      "tcp_min_ssf = -5",
      "auth_tls = 'none'",
      'tls_allowed_dn_list = ["C=GB,O=virtshield,CN=hv1", "CN=hv2"]',
      "cgroup_device_acl = [",
      '    "/dev/null", "/dev/full",',
      '    "/dev/zero",',
      "]",
      "empty = []",
      'multi = """a "quoted" value"""',
    ].join("\n");
    expect(parseLibvirtConf(text)).toEqual({
      listen_addr: "192.0.2.1",
      listen_tls: 1,
      tcp_min_ssf: -5,
      auth_tls: "none",
      tls_allowed_dn_list: ["C=GB,O=virtshield,CN=hv1", "CN=hv2"],
      cgroup_device_acl: ["/dev/null", "/dev/full", "/dev/zero"],
      empty: [],
      multi: 'a "quoted" value',
    });
    const acl = parseConfEntries(text).find((e) => e.key === "cgroup_device_acl");
    expect(acl).toMatchObject({ startLine: 7, endLine: 10 });
  });

  it("lets the first occurrence win, like virConfGetValue", () => {
    expect(parseLibvirtConf("listen_tcp = 1\nlisten_tcp = 0\n")).toEqual({ listen_tcp: 1 });
  });

  it.each([
    ['listen_addr = "unterminated', 1],
    ["listen_tls 1", 1],
    ["listen_tls = yes", 1],
    ['x = ["a" "b"]', 1],
    ['x = ["a",', 1],
    ["ok = 1\n= 2", 2],
    ['ok = 1\n\nbad = "x', 3],
  ])("reports the line of a syntax error in %j", (text, line) => {
    try {
      parseLibvirtConf(String(text));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("VALIDATION");
      expect((e as DomainError).message).toContain(`line ${line}`);
    }
  });
});

describe("setConfigValues on the real Debian 12 libvirtd.conf", () => {
  it("inserts after the commented default and keeps every other line", () => {
    const out = setConfigValues(LIBVIRTD, { listen_tls: 1, listen_tcp: 0, auth_tls: "none" });
    const before = LIBVIRTD.split("\n");
    const after = out.split("\n");
    expect(after.length).toBe(before.length + 3);
    expect(after.filter((l) => !before.includes(l))).toEqual(["listen_tls = 1", "listen_tcp = 0", 'auth_tls = "none"']);
    expect(after[after.indexOf("#listen_tls = 0") + 1]).toBe("listen_tls = 1");
    expect(after[after.indexOf('#auth_tls = "none"') + 1]).toBe('auth_tls = "none"');
    expect(parseLibvirtConf(out)).toEqual({ listen_tls: 1, listen_tcp: 0, auth_tls: "none" });
  });

  it("round-trips: removing the inserted lines gives the original byte for byte", () => {
    const out = setConfigValues(LIBVIRTD, { listen_tls: 1, tls_allowed_dn_list: ["CN=a", "CN=b"] });
    const stripped = out
      .split("\n")
      .filter((l) => l !== "listen_tls = 1" && l !== 'tls_allowed_dn_list = ["CN=a", "CN=b"]')
      .join("\n");
    expect(stripped).toBe(LIBVIRTD);
  });

  it("is idempotent: applying the same changes twice changes nothing the second time", () => {
    const changes = { listen_tls: 1, listen_tcp: 0, tls_allowed_dn_list: ["CN=hv1", "CN=hv2"], listen_addr: "198.18.0.2" };
    const once = setConfigValues(LIBVIRTD, changes);
    expect(setConfigValues(once, changes)).toBe(once);
  });

  it("replaces an active value in place", () => {
    const insecure = setConfigValues(LIBVIRTD, { listen_tcp: 1, auth_tcp: "none" });
    const fixed = setConfigValues(insecure, { listen_tcp: 0, auth_tcp: "sasl" });
    expect(fixed.split("\n").length).toBe(insecure.split("\n").length);
    expect(parseLibvirtConf(fixed)).toEqual({ listen_tcp: 0, auth_tcp: "sasl" });
  });

  it("unset (null) comments a key out and leaves the commented default", () => {
    const set = setConfigValues(LIBVIRTD, { listen_addr: "198.18.0.2" });
    const unset = setConfigValues(set, { listen_addr: null });
    expect(parseLibvirtConf(unset)).toEqual({});
    expect(unset).toContain('#listen_addr = "198.18.0.2"');
    expect(unset).toContain('#listen_addr = "192.168.0.1"');
  });
});

describe("setConfigValues on the real Debian 12 qemu.conf", () => {
  it("sets the TLS keys next to their commented defaults", () => {
    const out = setConfigValues(QEMU, {
      default_tls_x509_cert_dir: "/etc/pki/qemu",
      default_tls_x509_verify: 1,
      migrate_tls_force: 1,
    });
    const lines = out.split("\n");
    expect(lines[lines.indexOf('#default_tls_x509_cert_dir = "/etc/pki/qemu"') + 1]).toBe(
      'default_tls_x509_cert_dir = "/etc/pki/qemu"',
    );
    expect(lines[lines.indexOf("#migrate_tls_force = 0") + 1]).toBe("migrate_tls_force = 1");
    expect(parseLibvirtConf(out)).toEqual({
      default_tls_x509_cert_dir: "/etc/pki/qemu",
      default_tls_x509_verify: 1,
      migrate_tls_force: 1,
    });
  });

  it("inserts after the end of a commented multi-line list, not inside it", () => {
    const out = setConfigValues(QEMU, { cgroup_device_acl: ["/dev/null"] });
    const lines = out.split("\n");
    const at = lines.indexOf('cgroup_device_acl = ["/dev/null"]');
    expect(lines[at - 1].startsWith("#") && lines[at - 1].includes("]")).toBe(true);
    expect(parseLibvirtConf(out)).toEqual({ cgroup_device_acl: ["/dev/null"] });
  });

  it("replaces an active multi-line list with one line", () => {
    const text = 'a = 1\nnvram = [\n  "x", "y"\n]\nb = 2\n';
    const out = setConfigValues(text, { nvram: ["z"] });
    expect(out).toBe('a = 1\nnvram = ["z"]\nb = 2\n');
  });
});

describe("setConfigValues edge cases", () => {
  it("appends a key with no commented default, keeping the final newline", () => {
    expect(setConfigValues("# only a comment\n", { migration_address: "198.18.0.3" })).toBe(
      '# only a comment\nmigration_address = "198.18.0.3"\n',
    );
    expect(setConfigValues("", { listen_tls: 1 })).toBe("listen_tls = 1\n");
  });

  it("comments out later duplicates so the file has one truth", () => {
    const out = setConfigValues("listen_tcp = 1\nx = 2\nlisten_tcp = 1\n", { listen_tcp: 0 });
    expect(out).toBe("listen_tcp = 0\nx = 2\n#listen_tcp = 1\n");
  });

  it("quotes strings holding double quotes with single quotes", () => {
    const out = setConfigValues("", { tls_priority: 'NORMAL:"x"' });
    expect(out).toBe(`tls_priority = 'NORMAL:"x"'\n`);
    expect(parseLibvirtConf(out)).toEqual({ tls_priority: 'NORMAL:"x"' });
  });

  it.each([
    [{ "bad key": 1 }],
    [{ "1abc": 1 }],
    [{ k: "two\nlines" }],
    [{ k: `both ' and "` }],
    [{ k: 1.5 }],
  ])("refuses %j with VALIDATION", (changes) => {
    expect(() => setConfigValues("", changes as Record<string, string | number>)).toThrow(DomainError);
  });
});
