/**
 * Fault specs: the text of `--faults` and `CI_EMULATOR_FAULTS`, as JSON of {@link FaultOptions} or
 * as `k=v,…` pairs, read into options and checked.
 */
import { isOperation, isStatus, validateFaults } from "./faults";
import type { FaultOptions, FaultStatus, OperationName } from "./faults";
import { BEHAVIOUR_FLAGS } from "./serviceBehaviours";
import type { BehaviourFlag, NameMatch, RefuseCancel } from "./serviceBehaviours";

/** The environment variable read when no faults are passed in options. */
export const FAULTS_ENV_VAR = "CI_EMULATOR_FAULTS";

type NumberKey = "latencyMs" | "jitterMs" | "resetAfterCommitRate" | "retryAfterSeconds" | "listingLagMs" | "throttleStorm";

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

function isBooleanKey(key: string): key is BehaviourFlag {
  return (BEHAVIOUR_FLAGS as readonly string[]).includes(key);
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
