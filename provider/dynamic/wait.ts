/**
 * Waiting for a job to end, for `waitForCompletion`: how long and how often, the wait itself, and
 * what a job that did not succeed is reported as.
 */
import { NOT_FOUND_STATE, stateHas } from "../model";
import type { JobDetail } from "../model";
import { DEFAULT_WAIT_OPTIONS } from "./resourceInputs";
import type { JobResourceInputs, WaitOptions } from "./resourceInputs";
import type { JobClient } from "./triggerOnce";

/** The time a wait runs on: monotonic ms for its deadline, and the pause between two queries. */
export interface WaitTime {
  /** Monotonic ms from any origin: a deadline never follows the wall clock. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The error shape the dynamic provider framework turns into a partially created resource. */
export interface PartialCreateError extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/** The wait `waitForCompletion` asks for, with its defaults filled in, or `undefined` for none. */
export function waitOptions(value: JobResourceInputs["waitForCompletion"]): Required<WaitOptions> | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? { ...DEFAULT_WAIT_OPTIONS } : { ...DEFAULT_WAIT_OPTIONS, ...value };
}

/**
 * Queries the job every `pollIntervalSeconds` until it ends, is gone or `timeoutSeconds` have passed,
 * reporting each change of state; returns the job as last seen.
 */
export async function waitForTerminalState(
  client: JobClient,
  start: JobDetail,
  wait: Required<WaitOptions>,
  time: WaitTime,
  progress: (job: JobDetail, what: string) => void,
): Promise<JobDetail> {
  const deadline = time.now() + wait.timeoutSeconds * 1000;
  let job = start;
  let lastState = job.state;
  while (!stateHas(job.state, "terminal") && time.now() < deadline) {
    await time.sleep(Math.min(wait.pollIntervalSeconds * 1000, Math.max(0, deadline - time.now())));
    job = (await client.describeJob(job.jobId)) ?? { ...job, state: NOT_FOUND_STATE };
    if (job.state !== lastState) progress(job, `is now ${job.state ?? "in no state"}`);
    lastState = job.state;
  }
  return job;
}

/** Why a waited-for job fails the step: gone, not finished in time, or ended other than `Success`. */
export function notSuccessReason(job: JobDetail, wait: Required<WaitOptions>): string {
  if (job.state === NOT_FOUND_STATE) {
    return `job ${job.jobId} is gone from the service before it was seen to succeed; list NotFound in retriggerOnStates or change triggers to run it again, or drop waitForCompletion to accept it`;
  }
  if (!stateHas(job.state, "terminal"))
    return `job ${job.jobId} did not finish within ${wait.timeoutSeconds}s (last state ${job.state ?? "unknown"})`;
  return `job ${job.jobId} ended ${job.state ?? "unknown"}${job.code ? `: ${job.code}` : ""}${job.message ? ` ${job.message}` : ""}`;
}

/** A create that made its job and then failed: the engine keeps the job in state with these outputs. */
export function partialCreate(id: string, properties: Record<string, unknown>, reason: string): PartialCreateError {
  return Object.assign(new Error(reason), { id, properties, reasons: [reason] });
}
