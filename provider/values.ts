/**
 * Reading untyped values: what programs, the engine and the network hand the provider before any
 * type can be trusted. One copy for the codec, validation, the dynamic provider and the policy pack.
 */

/** A plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` is, or holds anywhere inside, a value `matches` accepts: for example the engine's
 * sentinel for a value unknown during preview.
 */
export function containsMatch(value: unknown, matches: (candidate: unknown) => boolean): boolean {
  if (matches(value)) return true;
  if (Array.isArray(value)) return value.some((item) => containsMatch(item, matches));
  if (value !== null && typeof value === "object") return Object.values(value).some((item) => containsMatch(item, matches));
  return false;
}

/**
 * The value at a property path such as `operation.output.streamExtract[1].object`, the form every
 * validation failure names; `undefined` when the path leads nowhere. A path that runs through a
 * value `opaque` accepts yields that value, since what lies below it cannot be known either (a value
 * unknown during preview).
 */
export function valueAt(root: unknown, path: string, opaque: (value: unknown) => boolean = () => false): unknown {
  let current: unknown = root;
  // The capture group yields undefined at every dot and "" beside every index: both are dropped.
  for (const part of path.split(/\.|\[(\d+)\]/).filter(Boolean)) {
    if (opaque(current)) return current;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
