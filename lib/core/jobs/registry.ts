import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import { factsJob } from "@/lib/core/facts/facts-job";
import { scanJob } from "@/lib/core/pki/scan-host";
import { renewJob } from "@/lib/core/pki/renewal";
import { portChecksJob, portCheckSourceJob } from "@/lib/core/checks/port-check-job";
import { provisionFleetJob, provisionJob } from "@/lib/core/provision/provision-job";
import { rollbackJob } from "@/lib/core/provision/rollback-job";
import { validateJob } from "@/lib/core/provision/validation/validate-job";
import { migrationJobs } from "@/lib/core/migrate/jobs";

// Every kind of job the product runs. A new kind is one file beside its domain, listed here.
export const jobRegistry = jobRegistryOf([factsJob, scanJob, renewJob, portChecksJob, portCheckSourceJob, provisionJob, provisionFleetJob, rollbackJob, validateJob, ...migrationJobs]);
