/**
 * The detailed diff the plugin sends with each resource diff, so that the CLI shows the properties
 * the handlers name, and only those: a deploy shows each moved input (`~ input.prefix`) and the job's
 * `state` when it is out of step; a refresh shows the outputs the service moved (`~ state`,
 * `~ endTime`). Without one the CLI would diff every stored key, internal ones included.
 */
import { valueAt } from "../values";
import type { JobDiff } from "./lifecycle";

/** The kinds of `pulumirpc.PropertyDiff.Kind`, named as the protocol names them. */
export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

/** One entry of a detailed diff: how the property at a path changes. */
export interface PropertyChange {
  kind: DiffKind;
  /** Always false here: the handlers compare stored outputs with new inputs, and so does the display. */
  inputDiff: boolean;
}

/** What a `DiffResponse` carries besides `changes`. */
export interface DetailedDiff {
  replaces: string[];
  /** Top-level properties that change. */
  diffs: string[];
  detailedDiff: Record<string, PropertyChange>;
}

/**
 * The handler's property a re-run through `retriggerOnStates` replaces under: the option did not
 * change, the job's state did, so that is what is shown.
 */
const RERUN_KEY = "retriggerOnStates";

/**
 * Turns the handlers' answer into the protocol's. `olds` and `news` are what the handlers were
 * given. On a refresh (`refresh` true) the engine inverts the diff and shows old against new
 * outputs, so every moved output is an update, even one the job did not report before.
 */
export function detailedDiffOf(
  diff: JobDiff,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  refresh: boolean,
): DetailedDiff {
  const replaces = [...new Set(diff.replaces.map((path) => (path === RERUN_KEY ? "state" : path)))].filter(isShown);
  const updates = diff.updates.filter((path) => isShown(path) && !replaces.includes(path));
  const detailedDiff: Record<string, PropertyChange> = {};
  for (const path of replaces) detailedDiff[path] = { kind: kindOf(path, olds, news, true, refresh), inputDiff: false };
  for (const path of updates) detailedDiff[path] = { kind: kindOf(path, olds, news, false, refresh), inputDiff: false };
  const diffs = [...new Set(Object.keys(detailedDiff).map(topLevelKey))];
  return { replaces, diffs, detailedDiff };
}

function kindOf(path: string, olds: Record<string, unknown>, news: Record<string, unknown>, replace: boolean, refresh: boolean): DiffKind {
  // `state` is an output the program never declares: an absent new value is no deletion.
  const kind =
    refresh || path === "state"
      ? "UPDATE"
      : valueAt(olds, path) === undefined
        ? "ADD"
        : valueAt(news, path) === undefined
          ? "DELETE"
          : "UPDATE";
  return replace ? `${kind}_REPLACE` : kind;
}

/** Keys starting with `__` are the provider's own bookkeeping and never shown. */
function isShown(path: string): boolean {
  return !topLevelKey(path).startsWith("__");
}

function topLevelKey(path: string): string {
  return path.split(/[.[]/, 1)[0];
}
