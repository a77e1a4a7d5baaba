/**
 * Reading resource properties that may hold values unknown during preview.
 *
 * The policy server hands a policy its properties behind a proxy that throws `UnknownValueError` on
 * the first unknown value read, which would abort the whole policy for one missing value. Reading
 * every property once, here, turns each unknown into {@link UNKNOWN} instead, so a policy still
 * judges everything that is known and leaves the rest to `pulumi up`, which runs the same policies
 * with every value resolved before the job is triggered.
 */
// Exported by @pulumi/policy's index at run time; its declaration is stripped as internal, so it is
// untyped here and serves only for `instanceof`.
import { UnknownValueError } from "@pulumi/policy";
import { containsMatch, isPlainObject, PROVIDER_KEY, UNKNOWN_VALUE, valueAt as valueAtPath } from "pulumi-tencent-ci/provider";

/** Stands for a value the engine cannot know during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/**
 * The sentinels the engine sends in place of unknown values. Current engines send only the string
 * one; @pulumi/policy still recognises the typed ones older engines sent, and so does this.
 */
const ENGINE_UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  UNKNOWN_VALUE,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The property the dynamic-provider framework adds to every resource, which no policy judges. */
export const PROVIDER_PROPERTY = PROVIDER_KEY;

/**
 * A plain copy of a resource's properties with every unknown value replaced by {@link UNKNOWN} and
 * {@link PROVIDER_PROPERTY} left out.
 */
export function readProps(props: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    if (key !== PROVIDER_PROPERTY) copy[key] = readKey(props, key);
  }
  return copy;
}

function readKey(container: Record<string, unknown> | unknown[], key: string | number): unknown {
  try {
    return readValue((container as Record<string | number, unknown>)[key]);
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}

function readValue(value: unknown): unknown {
  if (typeof value === "string") return ENGINE_UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
  // Indexed reads, not map(): map would read the items through the proxy outside readKey's guard.
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_item, index) => readKey(value, index));
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = readKey(value as Record<string, unknown>, key);
    return copy;
  }
  return value;
}

/** Whether a value is unknown during preview. */
export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** Whether a value is, or holds somewhere inside, a value unknown during preview. */
export function containsUnknown(value: unknown): boolean {
  return containsMatch(value, isUnknown);
}

/**
 * The value at a property path such as `operation.output.streamExtract[1].object`, the form every
 * validation failure names. A path that runs through an unknown value yields {@link UNKNOWN}, since
 * what lies below it cannot be known either.
 */
export function valueAt(root: unknown, path: string): unknown {
  return valueAtPath(root, path, isUnknown);
}

export { isPlainObject };
