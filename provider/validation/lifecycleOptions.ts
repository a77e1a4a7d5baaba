/**
 * What the life-cycle options of an `InventoryTriggerJob` may hold: the inputs that steer the
 * provider rather than the job (waits, re-runs, cancel on delete, triggers, per-resource region and
 * bucket, the job to import, the SDK's auto-name seed). Each failure names its property.
 */
import { BUCKET_PATTERN, JOB_ID_PATTERN, RECORDED_JOB_STATES, REGION_PATTERN } from "../model";
import type { ValidationFailure } from "./checker";

/** States `retriggerOnStates` may list: the service's, plus `NotFound` for a job gone upstream. */
export const RETRIGGER_STATES: readonly string[] = RECORDED_JOB_STATES;

/** Longest `waitForCompletion` timeout accepted: one day. */
export const MAX_WAIT_SECONDS = 86_400;

/** Largest `maxRetriggers` accepted. */
export const MAX_RETRIGGERS_LIMIT = 100;

/** Every failure of the life-cycle options among `inputs`, each naming its property. */
export function validateLifecycleOptions(inputs: Record<string, unknown>): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const { waitForCompletion, retriggerOnStates, maxRetriggers, cancelOnDelete, triggers, region, bucket, adoptJobId, autoName } = inputs;
  if (waitForCompletion !== undefined && typeof waitForCompletion !== "boolean") {
    if (waitForCompletion === null || typeof waitForCompletion !== "object" || Array.isArray(waitForCompletion)) {
      fail("waitForCompletion", "waitForCompletion must be a boolean or { timeoutSeconds?, pollIntervalSeconds? }.");
    } else {
      const wait = waitForCompletion as Record<string, unknown>;
      for (const key of Object.keys(wait).filter((k) => k !== "timeoutSeconds" && k !== "pollIntervalSeconds")) {
        fail(`waitForCompletion.${key}`, `waitForCompletion.${key} is not a wait option (timeoutSeconds, pollIntervalSeconds).`);
      }
      if (wait.timeoutSeconds !== undefined && !isIntegerIn(wait.timeoutSeconds, 1, MAX_WAIT_SECONDS)) {
        fail(
          "waitForCompletion.timeoutSeconds",
          `waitForCompletion.timeoutSeconds must be a whole number of seconds from 1 to ${MAX_WAIT_SECONDS}.`,
        );
      }
      if (wait.pollIntervalSeconds !== undefined && !isIntegerIn(wait.pollIntervalSeconds, 1, 3600)) {
        fail(
          "waitForCompletion.pollIntervalSeconds",
          "waitForCompletion.pollIntervalSeconds must be a whole number of seconds from 1 to 3600.",
        );
      }
    }
  }
  if (retriggerOnStates !== undefined) {
    if (!Array.isArray(retriggerOnStates)) {
      fail("retriggerOnStates", "retriggerOnStates must be a list of job states.");
    } else {
      retriggerOnStates.forEach((state, i) => {
        if (typeof state !== "string" || !RETRIGGER_STATES.includes(state)) {
          fail(`retriggerOnStates[${i}]`, `retriggerOnStates[${i}] must be one of ${RETRIGGER_STATES.join(", ")}.`);
        }
      });
    }
  }
  if (maxRetriggers !== undefined && !isIntegerIn(maxRetriggers, 0, MAX_RETRIGGERS_LIMIT)) {
    fail("maxRetriggers", `maxRetriggers must be a whole number from 0 to ${MAX_RETRIGGERS_LIMIT}.`);
  }
  if (cancelOnDelete !== undefined && typeof cancelOnDelete !== "boolean") fail("cancelOnDelete", "cancelOnDelete must be a boolean.");
  if (triggers !== undefined && !Array.isArray(triggers)) fail("triggers", "triggers must be a list.");
  if (region !== undefined && (typeof region !== "string" || !REGION_PATTERN.test(region))) {
    fail("region", "region must be a region such as ap-guangzhou.");
  }
  if (bucket !== undefined && (typeof bucket !== "string" || !BUCKET_PATTERN.test(bucket))) {
    fail("bucket", "bucket must be a bucket as BucketName-APPID, such as media-1250000000.");
  }
  if (adoptJobId !== undefined && (typeof adoptJobId !== "string" || !JOB_ID_PATTERN.test(adoptJobId))) {
    fail("adoptJobId", "adoptJobId, the job id to import, must be 1-128 letters, digits, '-' or '_'.");
  }
  if (autoName !== undefined && !isAutoNameSeed(autoName)) fail("autoName", "autoName must be { prefix, scope } strings (set by the SDK).");
  return failures;
}

/** Whether a value is the auto-name seed the SDK sets: `{ prefix, scope }` strings. */
export function isAutoNameSeed(value: unknown): value is { prefix: string; scope: string } {
  const seed = value as { prefix?: unknown; scope?: unknown } | null;
  return seed !== null && typeof seed === "object" && typeof seed.prefix === "string" && typeof seed.scope === "string";
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}
