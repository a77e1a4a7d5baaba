/**
 * The refresh stamp: how `diff` tells the engine's refresh diff from a deploy's (docs/lifecycle.md,
 * "Telling the two diff paths apart").
 *
 * `read` stamps what it saw, a hash of the job's reported fields, into the outputs and identically
 * into the inputs it returns, beside the list of outputs that moved. `check` carries the stamp from
 * the stored inputs into the new ones. On a deploy, outputs and inputs were written by the same step,
 * so their stamps agree; on a refresh the outputs come from the read that just ran and the inputs
 * from before it, so the stamps differ exactly when the job moved.
 */
import { createHash } from "node:crypto";
import { stableJson } from "./autoName";
import { reportedOf } from "./jobOutputs";
import { MOVED_KEY, OBSERVED_KEY, OUTPUT_KEYS } from "./resourceInputs";

/** A stamp of the fields the service reports, for {@link OBSERVED_KEY}. */
export function observedStamp(outputs: Record<string, unknown>): string {
  return createHash("sha256")
    .update(stableJson(reportedOf(outputs)))
    .digest("hex")
    .slice(0, 16);
}

/**
 * What a read returns once stamped: the outputs with the stamp and the outputs that moved since
 * `stored`, and whether `stored` (the outputs state held) already carries this stamp. Then the
 * stored inputs carry it too (every step writes inputs and outputs together), so the read can leave
 * them out and the engine keeps them.
 */
export function stampRead(
  outputs: Record<string, unknown>,
  stored: Record<string, unknown>,
): { refreshed: Record<string, unknown>; stamp: string; unchanged: boolean } {
  const moved = OUTPUT_KEYS.filter((key) => outputs[key] !== stored[key]);
  const stamp = observedStamp(outputs);
  return { refreshed: { ...outputs, [OBSERVED_KEY]: stamp, [MOVED_KEY]: moved }, stamp, unchanged: stored[OBSERVED_KEY] === stamp };
}

/**
 * The program's inputs with the stamp of the last read carried over from `olds`, never taken from the
 * program.
 */
export function carryStamp(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  const { [OBSERVED_KEY]: _fromProgram, ...inputs } = news;
  if (typeof olds[OBSERVED_KEY] === "string") inputs[OBSERVED_KEY] = olds[OBSERVED_KEY];
  return inputs;
}

/**
 * Whether the engine asks for a refresh's diff rather than a deploy's. It then passes the refreshed
 * outputs as `olds` and the inputs stored before the refresh as `news`; `read` stamped both its
 * outputs and its inputs, and `check` carries the stamp, so only then can the two stamps differ.
 */
export function isRefreshDiff(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  return typeof olds[OBSERVED_KEY] === "string" && olds[OBSERVED_KEY] !== news[OBSERVED_KEY];
}

/** The outputs a refresh saw move, as `read` listed them. */
export function movedOutputs(refreshed: Record<string, unknown>): string[] {
  const moved = refreshed[MOVED_KEY];
  return Array.isArray(moved) ? moved.filter((key): key is string => typeof key === "string") : [];
}
