import type { JobDetail } from "../model";
import { MOVED_KEY, OUTPUT_KEYS } from "./resourceInputs";

/** The state the provider reports for a job gone from the service. */
export const NOT_FOUND_STATE = "NotFound";

/**
 * The resource's outputs: its inputs as declared (so diffs after a refresh compare like with like)
 * plus what the service reports about the job. Keys without a value are left out: the engine cannot
 * store `undefined`.
 */
export function jobOutputs(inputs: Record<string, unknown>, job: JobDetail): Record<string, unknown> {
  const reported: Record<(typeof OUTPUT_KEYS)[number], string | undefined> = {
    jobId: job.jobId,
    state: job.state,
    code: job.code,
    message: job.message,
    creationTime: job.creationTime,
    startTime: job.startTime,
    endTime: job.endTime,
  };
  const outputs = inputsOf(inputs);
  for (const [key, value] of Object.entries(reported)) if (value !== undefined) outputs[key] = value;
  return outputs;
}

/** Inputs without the framework's `__provider`, which the dynamic provider adds back itself. */
export function withoutProviderKey(props: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _ignored, ...rest } = props;
  return rest;
}

/** The keys of outputs that are not inputs: what the service reports, and what a refresh saw move. */
const NOT_INPUTS: ReadonlySet<string> = new Set([...OUTPUT_KEYS, MOVED_KEY]);

/** The inputs kept in outputs: everything that is not an output key (nor what a refresh saw move). */
export function inputsOf(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(withoutProviderKey(props)).filter(([key]) => !NOT_INPUTS.has(key)));
}

/** The fields the service reports about a job, as outputs hold them. */
export function reportedOf(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(OUTPUT_KEYS.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]));
}
