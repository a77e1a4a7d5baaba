/**
 * What can be switched on in an emulator, and its check: the faults proper (error responses by
 * rate, added latency, triggers that commit and then lose their response, a burst of throttling)
 * and, through {@link ServiceBehaviours}, the service's undocumented behaviours. Read from a spec by
 * `faultSpec.ts`, applied request by request by `faultInjector.ts`.
 */
import { BEHAVIOUR_FLAGS, NAME_MATCHES, REFUSE_CANCELS } from "./serviceBehaviours";
import type { ServiceBehaviours } from "./serviceBehaviours";

/** The four calls, by the names of their sub-account actions. */
export type OperationName =
  "CreateInventoryTriggerJob" | "DescribeInventoryTriggerJob" | "DescribeInventoryTriggerJobs" | "CancelInventoryTriggerJob";

/** Every {@link OperationName}. */
export const OPERATION_NAMES: readonly OperationName[] = [
  "CreateInventoryTriggerJob",
  "DescribeInventoryTriggerJob",
  "DescribeInventoryTriggerJobs",
  "CancelInventoryTriggerJob",
];

/** Statuses a fault can answer with, and the service code each carries. */
export const FAULT_STATUSES = { "429": "SlowDown", "500": "InternalError", "503": "ServiceUnavailable" } as const;

/** A status of {@link FAULT_STATUSES}. */
export type FaultStatus = keyof typeof FAULT_STATUSES;

/** Probability (0 to 1) of answering each status instead of serving the request. */
export type ErrorRates = Partial<Record<FaultStatus, number>>;

/** What to inject: the faults proper, and the service behaviours of {@link ServiceBehaviours}. */
export interface FaultOptions extends ServiceBehaviours {
  /** Error rates for every operation, e.g. `{ "503": 0.2, "429": 0.1 }`; they add up to at most 1. */
  errorRates?: ErrorRates;
  /** Error rates of one operation, replacing {@link FaultOptions.errorRates} for it. */
  operations?: Partial<Record<OperationName, { errorRates?: ErrorRates }>>;
  /** Fixed delay before every response, in ms. */
  latencyMs?: number;
  /** Extra random delay, uniform in [0, jitterMs), in ms. */
  jitterMs?: number;
  /**
   * Probability that a trigger creates its job and then has its connection destroyed without a
   * response: the case that makes blind retries of a POST create duplicates.
   */
  resetAfterCommitRate?: number;
  /**
   * Triggers that lose their answer after committing whatever the rate draws, by their number in
   * the order triggers commit (from 1, counted since these faults were set). A test under
   * concurrent load cannot count on a rate to hit at least once; these always do. JSON specs only.
   */
  resetAfterCommits?: number[];
  /** `Retry-After` sent with 429 and 503, in seconds; default 1. */
  retryAfterSeconds?: number;
  /**
   * The next this many requests after these faults are set (or the emulator starts) answer 429
   * `SlowDown` with {@link FaultOptions.retryAfterSeconds}, before anything else: a burst, where the
   * rates give scattered throttling. Default 0.
   */
  throttleStorm?: number;
}

/** Whether `key` is a status of {@link FAULT_STATUSES}. */
export function isStatus(key: string): key is FaultStatus {
  return Object.prototype.hasOwnProperty.call(FAULT_STATUSES, key);
}

/** Whether `key` is one of {@link OPERATION_NAMES}. */
export function isOperation(key: string): key is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(key);
}

function checkRates(rates: ErrorRates | undefined, where: string): void {
  let total = 0;
  for (const [status, rate] of Object.entries(rates ?? {})) {
    if (!isStatus(status)) {
      throw new Error(`${where}: status ${status} cannot be injected; use ${Object.keys(FAULT_STATUSES).join(", ")}`);
    }
    if (typeof rate !== "number" || rate < 0 || rate > 1) {
      throw new Error(`${where}: rate of ${status} must be from 0 to 1`);
    }
    total += rate;
  }
  if (total > 1 + 1e-9) {
    throw new Error(`${where}: error rates add up to more than 1`);
  }
}

function checkChoice(key: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !(typeof value === "string" && allowed.includes(value))) {
    throw new Error(`${key} must be ${allowed.join(", ")}, not ${JSON.stringify(value)}`);
  }
}

/** Throws an `Error` describing the first unusable setting. */
export function validateFaults(options: FaultOptions): void {
  checkRates(options.errorRates, "errorRates");
  for (const [operation, settings] of Object.entries(options.operations ?? {})) {
    if (!isOperation(operation)) {
      throw new Error(`unknown operation '${operation}'; use ${OPERATION_NAMES.join(", ")}`);
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON from the environment may hold null here
    checkRates(settings?.errorRates, operation);
  }
  for (const key of ["latencyMs", "jitterMs", "retryAfterSeconds", "listingLagMs"] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      throw new Error(`${key} must be a number of at least 0`);
    }
  }
  const reset = options.resetAfterCommitRate;
  if (reset !== undefined && (typeof reset !== "number" || reset < 0 || reset > 1)) {
    throw new Error("resetAfterCommitRate must be from 0 to 1");
  }
  const commits = options.resetAfterCommits;
  if (commits !== undefined && (!Array.isArray(commits) || !commits.every((n) => Number.isInteger(n) && n >= 1))) {
    throw new Error("resetAfterCommits must be a list of whole numbers from 1");
  }
  const storm = options.throttleStorm;
  if (storm !== undefined && !(Number.isInteger(storm) && storm >= 0)) {
    throw new Error("throttleStorm must be a whole number of at least 0");
  }
  checkChoice("nameMatch", options.nameMatch, NAME_MATCHES);
  checkChoice("refuseCancel", options.refuseCancel, REFUSE_CANCELS);
  for (const key of BEHAVIOUR_FLAGS) {
    const value = options[key];
    if (value !== undefined && typeof value !== "boolean") {
      throw new Error(`${key} must be true or false`);
    }
  }
}
