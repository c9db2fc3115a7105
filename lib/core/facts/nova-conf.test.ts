import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FACTS_SCRIPT } from "./gather-facts";
import { parseFactsOutput, parseNovaConf } from "./parse-facts";

const NOW = new Date("2026-12-01T00:00:00Z");

describe("nova.conf live-migration keys in the facts", () => {
  it("reads the two keys the audit needs, oslo.config booleans in any case, the last one winning", () => {
    expect(parseNovaConf("present\nlive_migration_tunnelled = True\nlive_migration_with_native_tls=false")).toEqual({ confPresent: true, liveMigrationTunnelled: true, liveMigrationWithNativeTls: false });
    expect(parseNovaConf("present\n  live_migration_tunnelled = yes\nlive_migration_tunnelled = 0")).toEqual({ confPresent: true, liveMigrationTunnelled: false, liveMigrationWithNativeTls: null });
    expect(parseNovaConf("present")).toEqual({ confPresent: true, liveMigrationTunnelled: null, liveMigrationWithNativeTls: null });
    expect(parseNovaConf("")).toEqual({ confPresent: false, liveMigrationTunnelled: null, liveMigrationWithNativeTls: null });
  });

  it("prints only those keys from the file, as its own section", () => {
    expect(FACTS_SCRIPT).toContain("s nova-conf; [ -f /etc/nova/nova.conf ] && echo present && grep -E '^[[:space:]]*live_migration_(tunnelled|with_native_tls)[[:space:]]*=' /etc/nova/nova.conf");
    const base = readFileSync(path.join(__dirname, "fixtures", "debian12-listen.txt"), "utf8");
    const withNova = base.replace("::virtshield::end::", "::virtshield::nova-conf::\npresent\nlive_migration_tunnelled = true\n\n::virtshield::end::");
    expect(parseFactsOutput(withNova, NOW).nova).toEqual({ confPresent: true, liveMigrationTunnelled: true, liveMigrationWithNativeTls: null });
    // Output of a facts script from before this section: no nova.conf.
    expect(parseFactsOutput(base, NOW).nova?.confPresent).toBe(false);
  });
});
