import { triggerRequestWarnings, validateTriggerRequest } from "../validation/triggerRequest";
import type { ValidationFailure } from "../validation/triggerRequest";
import { validateLifecycleOptions, isAutoNameSeed } from "../validation/lifecycleOptions";
import { autoJobName } from "./autoName";
import { deepEqual } from "./diff";
import {
  containsUnknown,
  definitionOf,
  isUnknownValue,
  JobResourceInputs,
  INVENTORY_TRIGGER_JOB_INPUT_KEYS,
  PROVIDER_KEY,
  UNKNOWN_VALUE,
} from "./resourceInputs";
import { valueAt } from "../values";
import { carryStamp } from "./refreshStamp";
import { redactFailures } from "./secretPaths";

/**
 * The result of {@link checkJob}: the inputs to use (with the name filled in), every failure, and
 * what is merely unusual (sent as it is, and reported through the `warn` callback too).
 */
export interface JobCheck {
  inputs: Record<string, unknown>;
  failures: ValidationFailure[];
  warnings: ValidationFailure[];
}

/**
 * Where warnings go by default: stderr of the provider process, which the engine shows on the
 * resource's step. The dynamic provider protocol has no other channel for check warnings.
 */
export function warnOnStderr(warning: ValidationFailure): void {
  console.error(`[tencent-ci] warning: ${warning.reason}`);
}

/**
 * Validates a resource's inputs without any network call and fills in its name.
 *
 * Every failure is reported at once, each naming its property path, so a user fixes a program in one
 * pass. Values unknown during preview are not judged: a failure is dropped when the value it is about
 * is, or holds, an unknown. A key that is not an input is reported whatever its value.
 *
 * `olds` are the inputs this function returned last time (none for a new resource): the only record
 * of the previous declaration, from which the run counter is derived (see {@link nextGeneration}).
 */
export function checkJob(
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
  warn: (warning: ValidationFailure) => void = warnOnStderr,
): JobCheck {
  // What a refresh saw is carried from the previous state only, never taken from the program.
  const inputs = carryStamp(olds, news);
  const given = inputs as JobResourceInputs;
  const generation = nextGeneration(olds, news);
  inputs.generation = generation;
  if (given.name === undefined && given.autoName !== undefined && isAutoNameSeed(given.autoName)) {
    inputs.name = containsUnknown(definitionOf(inputs)) ? UNKNOWN_VALUE : autoJobName(given.autoName, given, generation);
  }
  const valueFailures = [
    ...validateTriggerRequest({ name: inputs.name, type: inputs.type, input: inputs.input, operation: inputs.operation }),
    ...validateLifecycleOptions(inputs),
  ].filter((failure) => !containsUnknown(valueAt(inputs, failure.property, isUnknownValue)));
  // A key that is not an input is wrong whatever its value, so an unknown value does not excuse it.
  // Reasons may quote values: those a program marked secret are taken out (see secretPaths.ts).
  const failures = redactFailures([...unknownKeyFailures(inputs), ...valueFailures], inputs);
  const warnings = redactFailures(
    triggerRequestWarnings({
      name: inputs.name,
      type: inputs.type,
      input: inputs.input,
      operation: inputs.operation,
    }).filter((warning) => !containsUnknown(valueAt(inputs, warning.property, isUnknownValue))),
    inputs,
  );
  warnings.forEach(warn);
  return { inputs, failures, warnings };
}

/**
 * The run counter of the declared job: the previous one when the declared definition (explicit name,
 * type, input, operation, region, bucket, triggers) is the one checked last time, else one more. A
 * retry of an interrupted deploy has the same previous declaration, hence the same counter and name;
 * a re-run, a revert included, has a new one. A definition still unknown during preview counts as new.
 */
export function nextGeneration(olds: Record<string, unknown>, news: Record<string, unknown>): number {
  const previous = typeof olds.generation === "number" && Number.isInteger(olds.generation) && olds.generation >= 0 ? olds.generation : 0;
  if (olds.input === undefined && olds.operation === undefined) return previous;
  return deepEqual(declaredDefinition(olds), declaredDefinition(news)) && !containsUnknown(declaredDefinition(news))
    ? previous
    : previous + 1;
}

function declaredDefinition(inputs: Record<string, unknown>): unknown[] {
  const explicitName = inputs.autoName === undefined ? inputs.name : undefined;
  const seed = inputs.autoName as { prefix?: unknown } | undefined;
  // The auto-name's prefix counts: renaming the resource is a new run. An auto-name itself is left
  // out, as it is derived from this list and the counter.
  return [explicitName, seed?.prefix, ...definitionOf(inputs)];
}

function unknownKeyFailures(inputs: Record<string, unknown>): ValidationFailure[] {
  return Object.keys(inputs)
    .filter((key) => key !== PROVIDER_KEY && !INVENTORY_TRIGGER_JOB_INPUT_KEYS.includes(key))
    .map((key) => ({ property: key, reason: `${key} is not an input of InventoryTriggerJob.` }));
}
