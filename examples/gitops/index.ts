import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { InventoryTriggerJob } from "pulumi-tencent-ci";

interface JobSpec {
  name: string;
  prefix: string;
  workflowId: string;
  /** Bump to run the job again with the same definition. */
  revision: number;
}

const specs = JSON.parse(fs.readFileSync(path.join(__dirname, "jobs.json"), "utf8")) as JobSpec[];

export const jobs = specs.map((spec) => {
  // The hash of a job's own entry: editing one entry re-runs that job only.
  const contentHash = createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 12);
  const job = new InventoryTriggerJob(spec.name, {
    input: { prefix: spec.prefix },
    operation: { workflowIds: [spec.workflowId] },
    triggers: [contentHash],
    // A job that failed or was cancelled upstream runs again on the next deploy after a refresh.
    retriggerOnStates: ["Failed", "Cancel"],
    waitForCompletion: { timeoutSeconds: 300, pollIntervalSeconds: 1 },
  });
  return { name: spec.name, jobId: job.jobId, state: job.state };
});
