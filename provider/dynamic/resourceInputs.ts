import type { JobInput, JobOperation, JobType } from "../model";
import { containsMatch } from "../values";
import { SECRET_PATHS_KEY } from "./secretPaths";

/**
 * The type token of `InventoryTriggerJob`, as the dynamic-provider framework builds it from the
 * resource's name; policy packs match resources on it.
 */
export const INVENTORY_TRIGGER_JOB_TYPE = "pulumi-nodejs:dynamic/tencent-ci:InventoryTriggerJob";

/** How long and how often `create` waits for a terminal state. */
export interface WaitOptions {
  /** Give up after this many seconds; default 1800. */
  timeoutSeconds?: number;
  /** Seconds between two queries; default 5. */
  pollIntervalSeconds?: number;
}

/** What `waitForCompletion: true` means: wait up to 30 minutes, querying every 5 seconds. */
export const DEFAULT_WAIT_OPTIONS: Readonly<Required<WaitOptions>> = Object.freeze({ timeoutSeconds: 1800, pollIntervalSeconds: 5 });

/** How an auto-named job's name is derived when `name` is not given. */
export interface AutoNameSeed {
  /** The resource's name in the program; becomes the name's start. */
  prefix: string;
  /** `<project>/<stack>`, so the same program in two stacks names its jobs apart. */
  scope: string;
}

/**
 * The inputs of an `InventoryTriggerJob` as they reach the provider: the job's definition (sent to
 * the service) plus life-cycle options (which only steer the provider).
 */
export interface JobResourceInputs {
  name?: string;
  type?: JobType;
  input?: JobInput;
  operation?: JobOperation;
  region?: string;
  bucket?: string;
  triggers?: unknown[];
  waitForCompletion?: boolean | WaitOptions;
  retriggerOnStates?: string[];
  /** How many times `retriggerOnStates` may re-run one declared run; default {@link DEFAULT_MAX_RETRIGGERS}. */
  maxRetriggers?: number;
  cancelOnDelete?: boolean;
  /** Set by the SDK from the `import` resource option: adopt this job instead of triggering one. */
  adoptJobId?: string;
  /** Set by the SDK when `name` is not given. */
  autoName?: AutoNameSeed;
  /**
   * Set by `check`: how many times the declared definition changed in this resource's life. Part of
   * an auto-name, so that each run (a revert included) has a name of its own.
   */
  generation?: number;
  /** Set by `read` and carried by `check`: see {@link OBSERVED_KEY}. */
  __observed?: string;
}

/**
 * What a job runs over and how, besides its name: the one list the definition comes from, in the
 * order an auto-name hashes it (so the order is part of every auto-named job's name).
 */
export const DEFINITION_KEYS = ["type", "input", "operation", "region", "bucket", "triggers"] as const;

/**
 * A declared job's definition as one list of {@link DEFINITION_KEYS}' values, `type` defaulted to
 * `Workflow` as the service defaults it. The auto-name hashes it and `check`'s run counter compares
 * it, each with what else it needs (the stack and resource name; an explicit name).
 */
export function definitionOf(inputs: Readonly<Record<string, unknown>>): unknown[] {
  return DEFINITION_KEYS.map((key) => (key === "type" ? (inputs.type ?? "Workflow") : inputs[key]));
}

/**
 * Inputs whose change means a different job: a change replaces the job (a new trigger). `diff`
 * compares them key by key as declared, so that it can name each changed path; unlike
 * {@link definitionOf} it takes `type` as written, so writing out the default `Workflow` is a change
 * it reports. The name is among them: an explicit one is part of the definition, and an auto-name
 * changes whenever the rest does.
 */
export const JOB_DEFINING_KEYS = ["name", ...DEFINITION_KEYS] as const;

/** Inputs that only steer the provider: a change is an in-place update with no API call. */
export const LIFECYCLE_KEYS = ["waitForCompletion", "retriggerOnStates", "maxRetriggers", "cancelOnDelete", "adoptJobId"] as const;

/**
 * Re-runs `retriggerOnStates` makes of one declared run unless `maxRetriggers` says otherwise: a job
 * that fails every time must not be run again by every reconciler pass (the Kubernetes operator
 * stalls a stack after 3 failures for the same reason).
 */
export const DEFAULT_MAX_RETRIGGERS = 3;

/** The re-runs one declared run may have, from its inputs. */
export function maxRetriggersOf(inputs: Record<string, unknown>): number {
  const value = inputs.maxRetriggers;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : DEFAULT_MAX_RETRIGGERS;
}

/**
 * A stamp of the job's reported fields as the last `read` saw them, kept identically in the inputs
 * and the outputs that read returns. On a refresh the engine diffs the refreshed outputs against the
 * inputs stored before it, so the stamps differ exactly when the refresh saw the job move: that is how
 * `diff` tells a refresh from a deploy (docs/lifecycle.md). Keys starting with `__` are internal to
 * the engine's display.
 */
export const OBSERVED_KEY = "__observed";

/** The outputs a refresh saw move, set by `read` next to {@link OBSERVED_KEY} (outputs only). */
export const MOVED_KEY = "__moved";

/** Inputs the provider sets itself: `check` computes or carries them, whatever a program gives. */
export const PROVIDER_SET_KEYS = ["generation", OBSERVED_KEY] as const;

/** Every input key the resource accepts; anything else is reported by `check`. */
export const INVENTORY_TRIGGER_JOB_INPUT_KEYS: readonly string[] = [
  ...JOB_DEFINING_KEYS,
  ...LIFECYCLE_KEYS,
  "autoName",
  SECRET_PATHS_KEY,
  ...PROVIDER_SET_KEYS,
];

/** Output properties the provider adds to the inputs. */
export const OUTPUT_KEYS = ["jobId", "state", "code", "message", "creationTime", "startTime", "endTime"] as const;

/**
 * The key the dynamic-provider framework adds to every resource's inputs and outputs: the provider's
 * serialized code. It is the framework's, not the program's: no check, diff or policy judges it.
 */
export const PROVIDER_KEY = "__provider";

/**
 * The sentinel the Pulumi engine puts in place of values unknown during preview
 * (`@pulumi/pulumi/runtime/rpc` `unknownValue`).
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value is, or holds somewhere inside, a value unknown during preview. */
export function containsUnknown(value: unknown): boolean {
  return containsMatch(value, isUnknownValue);
}

/** Whether a value is the engine's sentinel for a value unknown during preview. */
export function isUnknownValue(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
