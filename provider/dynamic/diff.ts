import { JOB_DEFINING_KEYS, LIFECYCLE_KEYS, UNKNOWN_VALUE } from "./resourceInputs";

/** What the engine needs to know about a change (the dynamic provider's `DiffResult`). */
export interface JobDiff {
  changes: boolean;
  /** Property paths whose change replaces the job. */
  replaces: string[];
  /** Property paths that change in place (life-cycle options). */
  updates: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Decides between no change, an in-place update and a replacement.
 *
 * A job cannot be edited once triggered: any change to what defines it (or to `triggers`) is a new
 * job. Life-cycle options only steer the provider, so they update in place without an API call.
 * A job whose last known state is listed in `retriggerOnStates` is replaced so the next deploy runs
 * it again. The new job is triggered before the old one is cancelled, so a failed trigger leaves
 * the old job in place.
 */
export function diffJob(olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  const replaces = JOB_DEFINING_KEYS.flatMap((key) => changedPaths(olds[key], news[key], key));
  const retrigger = news.retriggerOnStates;
  if (Array.isArray(retrigger) && typeof olds.state === "string" && retrigger.includes(olds.state)) {
    replaces.push("retriggerOnStates");
  }
  const updates = LIFECYCLE_KEYS.flatMap((key) => changedPaths(olds[key], news[key], key));
  return { changes: replaces.length > 0 || updates.length > 0, replaces, updates, deleteBeforeReplace: false };
}

/**
 * Paths below `path` where two values differ, down to the leaves. An unknown new value counts as a
 * change; arrays are compared whole because an element's position is part of its meaning.
 */
export function changedPaths(before: unknown, after: unknown, path: string): string[] {
  if (after === UNKNOWN_VALUE) return [path];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], `${path}.${key}`));
  }
  return deepEqual(before, after) ? [] : [path];
}

/** Structural equality of JSON-like values; `undefined` and absent are equal. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
