import { domainsJob } from "./domains-job";
import { migrateJob } from "./migrate-job";
import { preflightJob } from "./preflight-job";

// The job kinds of this room, listed once in lib/core/jobs/registry.ts.
export const migrationJobs = [domainsJob, preflightJob, migrateJob];
