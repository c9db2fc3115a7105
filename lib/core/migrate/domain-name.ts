import { z } from "zod";

// libvirt accepts almost any name; the product only drives guests whose names are safe to show,
// log and pass as one argv word: letters, digits, '.', '_', '-', not starting with '-'.
export const DomainName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,199}$/, "a libvirt domain name (letters, digits, '.', '_', '+', '-')");
export type DomainName = z.infer<typeof DomainName>;
