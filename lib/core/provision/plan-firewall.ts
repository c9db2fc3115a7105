import crypto from "node:crypto";
import type { Firewall } from "@/lib/core/facts/facts";
import type { FirewallPlan, ProvisionMode } from "@/lib/core/provision/types";

export const NFT_TABLE = "virtshield";
export const FIREWALL_MARKER = "/var/lib/virtshield/firewall.sha256";
const TAG = "virtshield";

export interface FirewallInput {
  manager: Firewall;
  mode: ProvisionMode;
  fleetAddresses: string[];
  migrationPorts: [number, number];
  // The hash of the rules the last apply put in place (the marker file), if any.
  applied?: string | null;
}

const v4 = (a: string) => /^\d+\.\d+\.\d+\.\d+$/.test(a);

// The dashboard's own address (as the host sees it) is part of the allowed set: it verifies
// 16514 after each apply. The product's rules live in one place it owns (an nftables table, a firewalld zone, ufw rules
// with its comment), so a re-apply replaces them instead of adding duplicates.
function nftScript(i: FirewallInput): string {
  const ports = `16514, ${i.migrationPorts[0]}-${i.migrationPorts[1]}`;
  const v4s = i.fleetAddresses.filter(v4);
  const v6s = i.fleetAddresses.filter((a) => a.includes(":"));
  return [
    `table inet ${NFT_TABLE}`,
    `delete table inet ${NFT_TABLE}`,
    `table inet ${NFT_TABLE} {`,
    `  chain input {`,
    `    type filter hook input priority -10; policy accept;`,
    ...(v4s.length ? [`    ip saddr { ${v4s.join(", ")} } tcp dport { ${ports} } accept`] : []),
    ...(v6s.length ? [`    ip6 saddr { ${v6s.join(", ")} } tcp dport { ${ports} } accept`] : []),
    `    iif "lo" tcp dport { ${ports} } accept`,
    `    tcp dport { ${ports} } drop`,
    ...(i.mode === "tls-only" ? [`    tcp dport 16509 drop`] : []),
    `  }`,
    `}`,
    ``,
  ].join("\n");
}

export function planFirewall(i: FirewallInput): FirewallPlan {
  const plan = rulesFor(i);
  const hash = crypto.createHash("sha256").update(JSON.stringify(plan.commands)).digest("hex");
  if (plan.commands.length && i.applied?.trim() === hash) return { ...plan, commands: [], hash, note: `${plan.note} Already in place.` };
  return { ...plan, hash };
}

function rulesFor(i: FirewallInput): Omit<FirewallPlan, "hash"> {
  const range = `${i.migrationPorts[0]}-${i.migrationPorts[1]}`;
  const rules = [`allow 16514/tcp and ${range}/tcp from ${i.fleetAddresses.join(", ")} only`, ...(i.mode === "tls-only" ? ["drop 16509/tcp"] : [])];
  switch (i.manager) {
    case "none":
    case "iptables":
      return {
        manager: i.manager, commands: [], rules: [],
        note: i.manager === "none"
          ? "No filtering firewall on this host: nothing to open. 16509 stops listening with listen_tcp = 0."
          : "Raw iptables rules are left to the operator: open 16514/tcp and the migration range to the fleet.",
      };
    case "nftables":
      return { manager: i.manager, commands: [{ argv: ["nft", "-f", "-"], stdin: nftScript(i) }], rules, note: `Rules in the nftables table inet ${NFT_TABLE}, replaced on each apply.` };
    case "firewalld": {
      const zone = TAG;
      const cmd = (...a: string[]) => ["firewall-cmd", "--permanent", ...a];
      return {
        manager: i.manager,
        commands: [
          ["sh", "-c", `firewall-cmd --permanent --delete-zone=${zone} >/dev/null 2>&1; true`],
          cmd(`--new-zone=${zone}`),
          ...i.fleetAddresses.map((a) => cmd(`--zone=${zone}`, `--add-source=${a}`)),
          cmd(`--zone=${zone}`, "--add-port=16514/tcp"),
          cmd(`--zone=${zone}`, `--add-port=${range}/tcp`),
          ["firewall-cmd", "--reload"],
        ].map((argv) => ({ argv })),
        rules, note: `A firewalld zone "${zone}" holding the fleet's addresses, replaced on each apply.`,
      };
    }
    case "ufw":
      return {
        manager: i.manager,
        commands: ([
          ["sh", "-c", `ufw status numbered | grep -F '# ${TAG}' | sed -E 's/^\\[ *([0-9]+)\\].*/\\1/' | sort -rn | while read n; do ufw --force delete "$n"; done`],
          ...i.fleetAddresses.flatMap((a) => [
            ["ufw", "allow", "from", a, "to", "any", "port", "16514", "proto", "tcp", "comment", TAG],
            ["ufw", "allow", "from", a, "to", "any", "port", range.replace("-", ":"), "proto", "tcp", "comment", TAG],
          ]),
          ...(i.mode === "tls-only" ? [["ufw", "deny", "16509/tcp", "comment", TAG]] : []),
        ] as string[][]).map((argv) => ({ argv })),
        rules, note: `ufw rules commented "${TAG}", replaced on each apply.`,
      };
  }
}
