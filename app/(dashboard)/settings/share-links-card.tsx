import { listShareLinks, shareLinkStatus } from "@/lib/core/auth/share-links";
import { db } from "@/lib/server/db";
import { Card, EmptyState } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatTime } from "@/components/format";
import { CreateShareLinkForm, RevokeShareLinkForm } from "./share-link-forms";

const STATUS_TONE = { active: "green", expired: "yellow", revoked: "red" } as const;

// Admins only (the page decides): links that open the wall screen without an account.
export async function ShareLinksCard() {
  const links = await listShareLinks(db());
  const now = new Date();
  return (
    <Card title="Wall screen share links" id="share-links" description="A link opens the read-only wall screen (/wall) and nothing else: no other page, no API. It expires, and revoking it takes effect at the screen's next refresh.">
      <div className="space-y-4">
        <CreateShareLinkForm />
        {links.length === 0 ? (
          <EmptyState title="No share links">Viewers can open /wall with their own account.</EmptyState>
        ) : (
          <Table label="Share links">
            <thead><tr><Th>Name</Th><Th>Created</Th><Th>Expires</Th><Th>Status</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
            <tbody>
              {links.map((l) => {
                const status = shareLinkStatus(l, now);
                return (
                  <Tr key={l.id}>
                    <Td className="font-medium">{l.name}</Td>
                    <Td className="text-slate-600">{formatTime(l.createdAt)} by {l.createdBy}</Td>
                    <Td className="text-slate-600">{formatTime(l.expiresAt)}</Td>
                    <Td><Badge tone={STATUS_TONE[status]}>{status}</Badge></Td>
                    <Td>{status === "active" && <RevokeShareLinkForm id={l.id} name={l.name} />}</Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
