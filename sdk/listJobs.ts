import * as pulumi from "@pulumi/pulumi";
import { CiClient } from "../provider/client/ciClient";
import type { JobDetail, ListJobsQuery } from "../provider/model";
import { clientOptionsFor, resolveSettings } from "../provider/config/settings";

/** Where to list and how many jobs at most. */
export interface ListInventoryTriggerJobsOptions {
  /** Region, overriding `tencent-ci:region`. */
  region?: string;
  /** Bucket with APPID, overriding `tencent-ci:bucket`. */
  bucket?: string;
  /** Stop after this many jobs; default 1000, so a busy bucket cannot exhaust the program's memory. */
  limit?: number;
}

/**
 * Lists jobs from a Pulumi program, with the same credentials as the resources: stack config
 * `tencent-ci:*` first, then the `TENCENTCLOUD_*` environment variables. Without `query.type`,
 * Workflow and Job jobs are listed alike, newest first unless `orderByTime` says otherwise: each
 * type is paged on its own and the two merged, since the service lists one type by default.
 */
export async function listInventoryTriggerJobs(
  query: ListJobsQuery = {},
  options: ListInventoryTriggerJobsOptions = {},
): Promise<JobDetail[]> {
  // runtime.getConfig reads secrets without the warning Config.get prints for them.
  const settings = resolveSettings((key) => pulumi.runtime.getConfig(key));
  const client = new CiClient(clientOptionsFor(settings, { region: options.region, bucket: options.bucket }));
  const limit = options.limit ?? 1000;
  const jobs: JobDetail[] = [];
  try {
    for await (const job of client.listJobs(query)) {
      if (jobs.length >= limit) break;
      jobs.push(job);
    }
  } finally {
    await client.close();
  }
  return jobs;
}
