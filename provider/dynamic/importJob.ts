/**
 * Adopting a job made elsewhere through the `import` resource option.
 */
import type { JobDetail } from "../model";
import { valueAt } from "../values";
import type { JobResourceInputs } from "./resourceInputs";
import { definitionDifferences } from "./triggerOnce";
import type { JobClient } from "./triggerOnce";

/**
 * Adopts a job made elsewhere (the `import` option) after checking that it is the declared one: a
 * difference fails the create naming each field, as state would otherwise describe another job than
 * the one the service runs (and the next preview would replace it). Only what the program declared
 * is compared (see {@link definitionDifferences}).
 */
export async function importJob(client: JobClient, jobId: string, declared: JobResourceInputs): Promise<JobDetail> {
  const job = await client.describeJob(jobId);
  if (job === undefined) throw new Error(`cannot import job ${jobId}: the service does not know it`);
  const differences: string[] = [];
  if (declared.name !== undefined && job.name !== declared.name)
    differences.push(`name (the job has ${describeValue(job.name)}, the program ${describeValue(declared.name)})`);
  for (const path of definitionDifferences(job, declared)) {
    differences.push(
      `${path} (the job has ${describeValue(valueAt(job, path))}, the program ${describeValue(valueAt({ type: "Workflow", ...declared }, path))})`,
    );
  }
  if (differences.length > 0) throw new Error(`cannot import job ${jobId}: it differs from the program in ${differences.join(", ")}`);
  return job;
}

function describeValue(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
