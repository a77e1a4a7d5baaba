import { NOT_FOUND_STATE, parseServiceTime } from "../model";
import type { JobDetail } from "../model";
import { MOVED_KEY, OUTPUT_KEYS, PROVIDER_KEY } from "./resourceInputs";

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
  const { [PROVIDER_KEY]: _ignored, ...rest } = props;
  return rest;
}

/**
 * Outputs the provider keeps about the declared run, neither inputs nor reported by the service:
 * `retriggers`, how many times `retriggerOnStates` re-ran it (absent for none). Every step that
 * writes outputs carries them, or resets them for a new declared run.
 */
export const RUN_RECORD_KEYS = ["retriggers"] as const;

/** The keys of outputs that are not inputs: what the service reports, the run's record, and what a refresh saw move. */
const NOT_INPUTS: ReadonlySet<string> = new Set([...OUTPUT_KEYS, ...RUN_RECORD_KEYS, MOVED_KEY]);

/** The run's record as outputs hold it; see {@link RUN_RECORD_KEYS}. */
export function runRecordOf(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(RUN_RECORD_KEYS.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]));
}

/**
 * Whether the job these outputs describe was seen to succeed: it is `Success`, or it is gone
 * (`NotFound`) and the outputs its last read kept say it ended with code `Success`. A job the service
 * purged after it succeeded did what it was declared for; one gone before it was seen to end did not.
 */
export function wasSeenToSucceed(props: Record<string, unknown>): boolean {
  if (props.state === "Success") return true;
  return (
    props.state === NOT_FOUND_STATE &&
    props.code === "Success" &&
    typeof props.endTime === "string" &&
    parseServiceTime(props.endTime) !== undefined
  );
}

/** How many times `retriggerOnStates` re-ran the declared run whose outputs these are. */
export function retriggersOf(props: Record<string, unknown>): number {
  const count = props.retriggers;
  return typeof count === "number" && Number.isInteger(count) && count > 0 ? count : 0;
}

/** The inputs kept in outputs: everything that is not an output key (nor what a refresh saw move). */
export function inputsOf(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(withoutProviderKey(props)).filter(([key]) => !NOT_INPUTS.has(key)));
}

/** The fields the service reports about a job, as outputs hold them. */
export function reportedOf(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(OUTPUT_KEYS.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]));
}
