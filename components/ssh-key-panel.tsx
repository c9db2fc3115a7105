import { CopyButton } from "@/components/copy-button";

// The dashboard's identity and the one-liner an operator runs on each hypervisor.
export function SshKeyPanel({ publicKey }: { publicKey: string }) {
  const oneLiner = `echo '${publicKey}' >> ~/.ssh/authorized_keys`;
  return (
    <div className="space-y-3">
      <div>
        <div className="mb-1 flex items-center justify-between">
          <span className="text-xs font-medium text-slate-600">Public key</span>
          <CopyButton text={publicKey} label="Copy public key" targetId="ssh-public-key" />
        </div>
        <pre id="ssh-public-key" aria-label="Dashboard SSH public key" className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">{publicKey}</pre>
      </div>
      <div>
        <div className="mb-1 flex items-center justify-between">
          <span className="text-xs font-medium text-slate-600">Install it on a hypervisor (as the SSH user)</span>
          <CopyButton text={oneLiner} label="Copy install command" targetId="ssh-install-command" />
        </div>
        <pre id="ssh-install-command" aria-label="Install command" className="overflow-x-auto rounded bg-slate-900 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">{oneLiner}</pre>
      </div>
    </div>
  );
}
