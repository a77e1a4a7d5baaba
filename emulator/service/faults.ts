/**
 * Fault injection: error responses by rate, added latency, and triggers that commit and then lose
 * their response. Switched on by options or by `CI_EMULATOR_FAULTS`, driven by a seeded generator.
 *
 * Beside the faults proper sit the service's undocumented behaviours (listing lag, how the `name`
 * filter matches, fields the service fills in, how unknown jobs and started jobs are answered, a
 * burst of throttling): the real service may answer either way, so the emulator can be each of
 * them, and the provider is tested against all. Each is off by default.
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

/** How the list `name` filter may match: the whole name, its start, or any part of it. */
export const NAME_MATCHES = ["exact", "prefix", "substring"] as const;

/** A mode of {@link NAME_MATCHES}. */
export type NameMatch = (typeof NAME_MATCHES)[number];

/** Which cancels are refused: of finished jobs only, or of every job that has started. */
export const REFUSE_CANCELS = ["finished", "started"] as const;

/** A mode of {@link REFUSE_CANCELS}. */
export type RefuseCancel = (typeof REFUSE_CANCELS)[number];

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
  /**
   * A new job shows in listings only this many ms after its creation, on the emulator's clock;
   * a query by id sees it at once. Read-after-write of listings is undocumented. Default 0.
   */
  listingLagMs?: number;
  /** How the list `name` filter matches job names (undocumented); default `exact`. */
  nameMatch?: NameMatch;
  /**
   * The service reports fields the trigger left out: a `Type=Job` job gets `Operation/JobLevel` 0
   * and an empty `Operation/UserData`, in trigger, query and list answers alike. Default off.
   */
  filledFields?: boolean;
  /**
   * A query or cancel of an unknown job id answers HTTP 404 `NoSuchJob`, instead of a 200 naming it
   * in `NonExistJobIds` (query) or 400 `InvalidArgument` (cancel). Default off.
   */
  unknownJob404?: boolean;
  /**
   * `finished` (default): cancelling a `Success` or `Failed` job is refused and cancelling a `Cancel`
   * job again succeeds. `started`: a `Running` or `Pause` job is refused too, and keeps running, as
   * the sibling media-job cancel page says only jobs not yet started can be canceled.
   */
  refuseCancel?: RefuseCancel;
  /**
   * The next this many requests after these faults are set (or the emulator starts) answer 429
   * `SlowDown` with {@link FaultOptions.retryAfterSeconds}, before anything else: a burst, where the
   * rates give scattered throttling. Default 0.
   */
  throttleStorm?: number;
}

/** The environment variable read when no faults are passed in options. */
export const FAULTS_ENV_VAR = "CI_EMULATOR_FAULTS";

type NumberKey = "latencyMs" | "jitterMs" | "resetAfterCommitRate" | "retryAfterSeconds" | "listingLagMs" | "throttleStorm";
type BooleanKey = "filledFields" | "unknownJob404";

const SIMPLE_KEYS: Record<string, NumberKey> = {
  latency: "latencyMs",
  latencyMs: "latencyMs",
  jitter: "jitterMs",
  jitterMs: "jitterMs",
  reset: "resetAfterCommitRate",
  resetAfterCommit: "resetAfterCommitRate",
  resetAfterCommitRate: "resetAfterCommitRate",
  retryAfter: "retryAfterSeconds",
  retryAfterSeconds: "retryAfterSeconds",
  listingLag: "listingLagMs",
  listingLagMs: "listingLagMs",
  throttleStorm: "throttleStorm",
};

const BOOLEAN_KEYS: readonly BooleanKey[] = ["filledFields", "unknownJob404"];

function isBooleanKey(key: string): key is BooleanKey {
  return (BOOLEAN_KEYS as readonly string[]).includes(key);
}

function flag(key: string, value: string): boolean {
  if (value === "1" || value === "true") {
    return true;
  }
  if (value === "0" || value === "false") {
    return false;
  }
  throw new Error(`fault '${key}' needs 1, true, 0 or false, not '${value}'`);
}

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
    const text = pair.slice(equals + 1).trim();
    const dot = key.indexOf(".");
    if (dot > 0 && isOperation(key.slice(0, dot)) && isStatus(key.slice(dot + 1))) {
      const settings = ((options.operations ??= {})[key.slice(0, dot) as OperationName] ??= {});
      (settings.errorRates ??= {})[key.slice(dot + 1) as FaultStatus] = number(key, text);
    } else if (isStatus(key)) {
      (options.errorRates ??= {})[key] = number(key, text);
    } else if (Object.hasOwn(SIMPLE_KEYS, key)) {
      options[SIMPLE_KEYS[key]] = number(key, text);
    } else if (isBooleanKey(key)) {
      options[key] = flag(key, text);
    } else if (key === "nameMatch") {
      // Taken as given: validateFaults, which JSON specs go through too, refuses an unknown mode.
      options.nameMatch = text as NameMatch;
    } else if (key === "refuseCancel") {
      options.refuseCancel = text as RefuseCancel;
    } else {
      throw new Error(`unknown fault '${key}'`);
    }
  }
  return options;
}

/**
 * Parses a fault spec: JSON of {@link FaultOptions}, or `k=v,…` with keys `429`/`500`/`503` (rates),
 * `<Operation>.<status>` (a rate for one operation), `latency`, `jitter`, `reset`, `retryAfter`,
 * `listingLag`, `throttleStorm` (numbers), `filledFields`, `unknownJob404` (`1`/`true`/`0`/`false`),
 * `nameMatch` (`exact`/`prefix`/`substring`) and `refuseCancel` (`finished`/`started`).
 * Example: `503=0.2,429=0.1,latency=20,CreateInventoryTriggerJob.500=0.5,nameMatch=prefix`.
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
  for (const key of BOOLEAN_KEYS) {
    const value = options[key];
    if (value !== undefined && typeof value !== "boolean") {
      throw new Error(`${key} must be true or false`);
    }
  }
}

/** Decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  private settings: FaultOptions;
  /** Triggers committed since the faults in force were set, for {@link FaultOptions.resetAfterCommits}. */
  private commits = 0;
  /** Requests still to throttle, for {@link FaultOptions.throttleStorm}. */
  private stormLeft: number;

  constructor(
    options: FaultOptions,
    private readonly random: SeededRandom,
  ) {
    validateFaults(options);
    this.settings = options;
    this.stormLeft = options.throttleStorm ?? 0;
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
    this.stormLeft = options.throttleStorm ?? 0;
  }

  /** Delay before answering this request, in ms. */
  latencyMs(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.settings;
    return jitterMs > 0 ? latencyMs + this.random.next() * jitterMs : latencyMs;
  }

  /** An error to answer instead of serving the request, or undefined to serve it; call once per request. */
  errorFor(operation: OperationName | undefined): ServiceError | undefined {
    if (this.stormLeft > 0) {
      // Drawn before the rates and without touching the generator, so a storm does not shift the
      // seeded sequence of the faults that follow it.
      this.stormLeft -= 1;
      return this.errorOf("429");
    }
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
