import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/core/errors";
import { FakeConnection } from "./fake-connection";

describe("FakeConnection", () => {
  it("records commands and answers from the latest matching rule", async () => {
    const conn = new FakeConnection()
      .on(["virsh"], { stdout: "generic\n" })
      .on(["virsh", "list"], { stdout: "vm1\n" });
    expect(await conn.run(["virsh", "list", "--all"])).toBe("vm1\n");
    expect(await conn.run(["virsh", "version"])).toBe("generic\n");
    expect(conn.commands.map((c) => c.line)).toEqual(["virsh list --all", "virsh version"]);
  });

  it("fails unknown commands with 127 and run() throws REMOTE_COMMAND_FAILED", async () => {
    const conn = new FakeConnection();
    expect((await conn.exec(["nope"])).code).toBe(127);
    await expect(conn.run(["nope"])).rejects.toMatchObject({ code: "REMOTE_COMMAND_FAILED" });
  });

  it("supports one-shot answers and answer functions", async () => {
    const conn = new FakeConnection()
      .on(["systemctl"], (argv) => ({ stdout: argv.slice(1).join(",") }))
      .on(["systemctl", "restart"], { code: 1, stderr: "failed" }, { once: true });
    expect((await conn.exec(["systemctl", "restart", "libvirtd"])).code).toBe(1);
    expect(await conn.run(["systemctl", "restart", "libvirtd"])).toBe("restart,libvirtd");
  });

  it("keeps files in memory with mode and owner", async () => {
    const conn = new FakeConnection().addFile("/etc/libvirt/libvirtd.conf", "listen_tcp = 1\n");
    expect((await conn.readFile("/etc/libvirt/libvirtd.conf"))?.toString()).toBe("listen_tcp = 1\n");
    expect(await conn.readFile("/etc/missing")).toBeNull();
    await conn.writeFileAtomic("/etc/pki/qemu/server-key.pem", "key", { mode: 0o640, owner: "root", group: "libvirt-qemu" });
    expect(conn.files.get("/etc/pki/qemu/server-key.pem")).toMatchObject({ mode: 0o640, group: "libvirt-qemu" });
    expect(conn.writes).toHaveLength(1);
    await expect(conn.writeFileAtomic("relative/path", "x", { mode: 0o644 })).rejects.toBeInstanceOf(DomainError);
  });

  it("simulates a dropped connection", async () => {
    const conn = new FakeConnection().on(["true"], {});
    conn.breakConnection();
    await expect(conn.exec(["true"])).rejects.toMatchObject({ code: "HOST_UNREACHABLE" });
  });
});
