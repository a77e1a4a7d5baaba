import { stateHas } from "../model";
import { isPlainObject } from "../values";
import { retriggersOf, wasSeenToSucceed } from "./jobOutputs";
import { isRefreshDiff, movedOutputs } from "./refreshStamp";
import { JOB_DEFINING_KEYS, LIFECYCLE_KEYS, maxRetriggersOf, UNKNOWN_VALUE } from "./resourceInputs";

export { isRefreshDiff } from "./refreshStamp";

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
 * Decides between no change, an in-place update and a replacement (docs/lifecycle.md).
 *
 * On a refresh (see {@link isRefreshDiff}) it reports the outputs the refresh saw move, so that the
 * CLI shows `~ state: "Submitted" => "Success"`.
 *
 * On a deploy: a job cannot be edited once triggered, so any change to what defines it (or to
 * `triggers`) is a new job. Life-cycle options only steer the provider and update in place. A job
 * whose last known state is listed in `retriggerOnStates` is replaced so the deploy runs it again,
 * while re-runs are left (see {@link retriggerVerdict}).
 * A job that did not succeed is out of step with the program and reported as a change of `state`:
 * `Failed` or `Cancel` always (what `preview --refresh --expect-no-changes` catches), a re-run whose
 * `maxRetriggers` are spent (which `update` fails), and anything
 * short of `Success` when the deploy must wait for it, which `update` then does. The new job is
 * triggered before the old one is cancelled, so a failed trigger leaves the old job in place.
 */
export function diffJob(olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  if (isRefreshDiff(olds, news)) {
    const moved = movedOutputs(olds);
    return { changes: moved.length > 0, replaces: [], updates: moved, deleteBeforeReplace: false };
  }
  const replaces = JOB_DEFINING_KEYS.flatMap((key) => changedPaths(olds[key], news[key], key));
  const rerun = replaces.length === 0 ? retriggerVerdict(olds, news) : "none";
  if (rerun === "rerun") replaces.push("retriggerOnStates");
  const updates = LIFECYCLE_KEYS.flatMap((key) => changedPaths(olds[key], news[key], key));
  // A spent re-run is an update, so that `update` can fail it, naming the job and the count.
  if (replaces.length === 0 && (rerun === "spent" || isOutOfStep(olds, news.waitForCompletion))) updates.push("state");
  return { changes: replaces.length > 0 || updates.length > 0, replaces, updates, deleteBeforeReplace: false };
}

/**
 * What `retriggerOnStates` does with a job of an unchanged declaration: `none` when its last known
 * state is not listed, `rerun` when it is and the run has re-runs left (`maxRetriggers`, default 3),
 * `spent` when it is and none are left.
 */
export function retriggerVerdict(olds: Record<string, unknown>, news: Record<string, unknown>): "none" | "rerun" | "spent" {
  const listed = news.retriggerOnStates;
  if (!Array.isArray(listed) || typeof olds.state !== "string" || !listed.includes(olds.state)) return "none";
  return retriggersOf(olds) < maxRetriggersOf(news) ? "rerun" : "spent";
}

/**
 * Whether a job's last known outputs make a deploy of an unchanged program do something: a job that
 * failed or was cancelled always, and one that must be waited for until it has been seen to succeed
 * (a job purged upstream after it succeeded has been).
 */
export function isOutOfStep(olds: Record<string, unknown>, waitForCompletion: unknown): boolean {
  if (typeof olds.state !== "string") return false;
  if (stateHas(olds.state, "unsuccessful")) return true;
  const waits = waitForCompletion !== undefined && waitForCompletion !== false;
  return waits && !wasSeenToSucceed(olds);
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
