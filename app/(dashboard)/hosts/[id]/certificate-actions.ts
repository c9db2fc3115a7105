"use server";
import { z } from "zod";
import { issueForHost } from "@/lib/core/pki/issue-for-host";
import { REVOCATION_REASONS } from "@/lib/core/pki/revoke";
import { revokeAndDeploy } from "@/lib/core/provision/revoke-and-deploy";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";
import { enqueue } from "@/lib/core/jobs/enqueue";

// The host page's certificate panel: issue, scan and revoke one host's certificates.
const HostId = z.object({ id: Id });
const Revoke = z.object({ id: Id, reason: z.enum(REVOCATION_REASONS).default("unspecified") });

export async function issueCertificatesAction(_prev: ActionState, form: FormData) {
  return runFormAction("certs:issue", "certificate.issue", form, HostId, ({ ctx, input }) => issueForHost(ctx, input.id));
}

// Reads what is deployed on the host over SSH, so the host key must be pinned first.
export async function scanCertificatesAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "certificate.scan", form, HostId, async ({ ctx, input }) => ({
    jobId: (await enqueue(ctx, "scan", { hostId: input.id })).id,
  }));
}

export async function revokeCertificatesAction(_prev: ActionState, form: FormData) {
  return runFormAction("ca:admin", "certificate.revoke", form, Revoke, async ({ ctx, input }) => {
    const { revoked, crlNumber } = await revokeAndDeploy(ctx, input.id, input.reason);
    return { revoked, crlNumber };
  });
}
