/**
 * Fault injection: error responses by rate, added latency, and triggers that commit and then lose
 * their response. Switched on by options or by `CI_EMULATOR_FAULTS`, driven by a seeded generator.
 */
import { InternalError, ServiceUnavailableError, SlowDownError } from "./errors";
import type { ServiceError } from "./errors";
import type { SeededRandom } from "./random";

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

/** What to inject. */
export interface FaultOptions {
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
}

/** The environment variable read when no faults are passed in options. */
export const FAULTS_ENV_VAR = "CI_EMULATOR_FAULTS";

const SIMPLE_KEYS: Record<string, "latencyMs" | "jitterMs" | "resetAfterCommitRate" | "retryAfterSeconds"> = {
  latency: "latencyMs",
  latencyMs: "latencyMs",
  jitter: "jitterMs",
  jitterMs: "jitterMs",
  reset: "resetAfterCommitRate",
  resetAfterCommit: "resetAfterCommitRate",
  resetAfterCommitRate: "resetAfterCommitRate",
  retryAfter: "retryAfterSeconds",
  retryAfterSeconds: "retryAfterSeconds",
};

function isStatus(key: string): key is FaultStatus {
  return Object.prototype.hasOwnProperty.call(FAULT_STATUSES, key);
}

function isOperation(key: string): key is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(key);
}

function number(key: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) {
    throw new Error(`fault '${key}' needs a number, not '${value}'`);
  }
  return parsed;
}

function parseSimple(text: string): FaultOptions {
  const options: FaultOptions = {};
  for (const pair of text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")) {
    const equals = pair.indexOf("=");
    if (equals < 0) {
      throw new Error(`fault '${pair}' is not key=value`);
    }
    const key = pair.slice(0, equals).trim();
    const value = number(key, pair.slice(equals + 1).trim());
    const dot = key.indexOf(".");
    if (dot > 0 && isOperation(key.slice(0, dot)) && isStatus(key.slice(dot + 1))) {
      const settings = ((options.operations ??= {})[key.slice(0, dot) as OperationName] ??= {});
      (settings.errorRates ??= {})[key.slice(dot + 1) as FaultStatus] = value;
    } else if (isStatus(key)) {
      (options.errorRates ??= {})[key] = value;
    } else if (Object.hasOwn(SIMPLE_KEYS, key)) {
      options[SIMPLE_KEYS[key]] = value;
    } else {
      throw new Error(`unknown fault '${key}'`);
    }
  }
  return options;
}

/**
 * Parses a fault spec: JSON of {@link FaultOptions}, or `k=v,…` with keys `429`/`500`/`503` (rates),
 * `<Operation>.<status>` (a rate for one operation), `latency`, `jitter`, `reset`, `retryAfter`.
 * Example: `503=0.2,429=0.1,latency=20,CreateInventoryTriggerJob.500=0.5`.
 */
export function parseFaultSpec(text: string): FaultOptions {
  const trimmed = text.trim();
  const options = trimmed.startsWith("{") ? (JSON.parse(trimmed) as FaultOptions) : parseSimple(trimmed);
  validateFaults(options);
  return options;
}

/** The faults named by {@link FAULTS_ENV_VAR}, or undefined when it is unset or empty. */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultOptions | undefined {
  const text = env[FAULTS_ENV_VAR];
  return text === undefined || text.trim() === "" ? undefined : parseFaultSpec(text);
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
  for (const key of ["latencyMs", "jitterMs", "retryAfterSeconds"] as const) {
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
}

/** Decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  private settings: FaultOptions;
  /** Triggers committed since the faults in force were set, for {@link FaultOptions.resetAfterCommits}. */
  private commits = 0;

  constructor(
    options: FaultOptions,
    private readonly random: SeededRandom,
  ) {
    validateFaults(options);
    this.settings = options;
  }

  /** The faults in force. */
  get options(): FaultOptions {
    return this.settings;
  }

  /** Replaces the faults in force. */
  setOptions(options: FaultOptions): void {
    validateFaults(options);
    this.settings = options;
    this.commits = 0;
  }

  /** Delay before answering this request, in ms. */
  latencyMs(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.settings;
    return jitterMs > 0 ? latencyMs + this.random.next() * jitterMs : latencyMs;
  }

  /** An error to answer instead of serving the request, or undefined to serve it. */
  errorFor(operation: OperationName | undefined): ServiceError | undefined {
    const perOperation = operation === undefined ? undefined : this.settings.operations?.[operation]?.errorRates;
    const rates = perOperation ?? this.settings.errorRates ?? {};
    const statuses = (Object.keys(rates) as FaultStatus[]).filter((status) => (rates[status] ?? 0) > 0).sort();
    if (statuses.length === 0) {
      return undefined;
    }
    const draw = this.random.next();
    let threshold = 0;
    for (const status of statuses) {
      threshold += rates[status] ?? 0;
      if (draw < threshold) {
        return this.errorOf(status);
      }
    }
    return undefined;
  }

  /** Whether this trigger's connection is destroyed after its job is created. */
  resetAfterCommit(): boolean {
    this.commits += 1;
    if (this.settings.resetAfterCommits?.includes(this.commits) === true) {
      return true;
    }
    const rate = this.settings.resetAfterCommitRate ?? 0;
    return rate > 0 && this.random.next() < rate;
  }

  private errorOf(status: FaultStatus): ServiceError {
    const retryAfter = this.settings.retryAfterSeconds ?? 1;
    switch (status) {
      case "429":
        return new SlowDownError(retryAfter);
      case "503":
        return new ServiceUnavailableError(retryAfter);
      default:
        return new InternalError();
    }
  }
}
