import { z } from "zod";
import { formList, formPort, formText, optionalText } from "@/lib/server/action";

// The host form as the browser sends it; the core's NewHost/HostPatch schemas do the real validation.
export const HostForm = z.object({
  name: formText,
  address: formText,
  sshPort: formPort,
  sshUser: optionalText,
  clusterId: formText,
  names: formList,
  ips: formList,
  migrationAddress: optionalText,
  tags: formList,
});
export type HostForm = z.infer<typeof HostForm>;

// On edit a blank migration address means "use the SSH address" again.
export function toHostPatch(input: HostForm) {
  return { ...input, migrationAddress: input.migrationAddress ?? null, sshPort: input.sshPort ?? 22, sshUser: input.sshUser ?? "root" };
}
