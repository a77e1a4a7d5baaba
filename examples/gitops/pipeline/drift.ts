/**
 * Drift of jobs after a refresh: which jobs the service reports as failed, cancelled or gone.
 * It reads the refreshed outputs in state, not the refresh's diff, so it says the same whatever
 * the provider reports as a change.
 */
import type { Deployment } from "@pulumi/pulumi/automation";
import { JOB_TYPE } from "./events";

/** States that mean a job did not do its work. */
export const DRIFTED_STATES: ReadonlySet<string> = new Set(["Failed", "Cancel", "NotFound"]);

/** A job as the refresh left it in state. */
export interface JobStatus {
  resource: string;
  jobId: string;
  jobName?: string;
  state: string;
  code?: string;
  message?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The jobs of an exported deployment with their refreshed state. */
export function jobStatuses(deployment: Deployment): JobStatus[] {
  const resources = ((deployment.deployment as { resources?: Record<string, unknown>[] }).resources ?? []).filter(
    (resource) => resource.type === JOB_TYPE && resource.delete !== true,
  );
  return resources.map((resource) => {
    const outputs = (resource.outputs ?? {}) as Record<string, unknown>;
    const urn = String(resource.urn);
    return {
      resource: urn.slice(urn.lastIndexOf("::") + 2),
      jobId: text(outputs.jobId) ?? text(resource.id) ?? "",
      jobName: text(outputs.name),
      state: text(outputs.state) ?? "Unknown",
      code: text(outputs.code),
      message: text(outputs.message),
    };
  });
}

/** The jobs that failed, were cancelled or vanished. */
export function drifted(jobs: readonly JobStatus[]): JobStatus[] {
  return jobs.filter((job) => DRIFTED_STATES.has(job.state));
}
