"use client";
import type { ActionState } from "@/lib/action-result";
import { Field, Input, Select, errorProps } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-message";

export interface HostDefaults {
  name: string;
  address: string;
  sshPort: string;
  sshUser: string;
  clusterId: string;
  names: string;
  ips: string;
  migrationAddress: string;
  tags: string;
}

export const EMPTY_HOST: HostDefaults = { name: "", address: "", sshPort: "22", sshUser: "root", clusterId: "", names: "", ips: "", migrationAddress: "", tags: "" };

// The fields shared by "Add host" and "Edit host"; `prefix` keeps ids unique on a page.
export function HostFields({ state, defaults, clusters, prefix }: { state: ActionState; defaults: HostDefaults; clusters: { id: string; name: string }[]; prefix: string }) {
  const v = (k: keyof HostDefaults) => (state && !state.ok ? (state.values?.[k] ?? defaults[k]) : defaults[k]);
  const f = (k: keyof HostDefaults, label: string, hint?: string, props: Record<string, unknown> = {}) => {
    const id = `${prefix}-${k}`;
    const errors = fieldErrors(state, k);
    return (
      <Field id={id} label={label} hint={hint} errors={errors}>
        <Input id={id} name={k} defaultValue={v(k)} {...errorProps(id, errors)} {...props} />
      </Field>
    );
  };
  const clusterErrors = fieldErrors(state, "clusterId");
  return (
    <div className="grid gap-3 md:grid-cols-3">
      {f("name", "Name", "DNS name of the host, e.g. hv1.example.net", { required: true })}
      {f("address", "Address", "Where the dashboard reaches it over SSH", { required: true })}
      <Field id={`${prefix}-clusterId`} label="Cluster" errors={clusterErrors}>
        <Select id={`${prefix}-clusterId`} name="clusterId" defaultValue={v("clusterId")} required {...errorProps(`${prefix}-clusterId`, clusterErrors)}>
          <option value="">Choose a cluster…</option>
          {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </Select>
      </Field>
      {f("sshPort", "SSH port", undefined, { inputMode: "numeric" })}
      {f("sshUser", "SSH user", "root, or a user with passwordless sudo")}
      {f("migrationAddress", "Migration address", "Blank: the SSH address")}
      {f("names", "DNS names", "Extra names for the certificate; commas or spaces")}
      {f("ips", "IP addresses", "Extra IPs for the certificate; commas or spaces")}
      {f("tags", "Tags", "Commas or spaces, e.g. rack1 ssd")}
    </div>
  );
}
