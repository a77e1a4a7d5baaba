import { createHash } from "node:crypto";
import { definitionOf } from "./resourceInputs";
import type { AutoNameSeed, JobResourceInputs } from "./resourceInputs";
import { JOB_NAME_CHARACTER_CLASS, JOB_NAME_MAX_LENGTH } from "../model";

/** Length of the suffix that tells apart jobs of the same resource name. */
export const AUTO_NAME_SUFFIX_LENGTH = 7;

/**
 * Names a job `<resource name>-<7 characters>` within the service's rules (letters, digits, Chinese,
 * `-`, `_`; at most 128).
 *
 * The suffix is a hash of the stack and of everything that defines the job, not a random draw. A
 * random name would differ between the attempt an interrupted `pulumi up` made and the attempt
 * after it, and the job the first attempt triggered could then not be found by name: it would run
 * twice. A hash gives the same name to the same job in the same stack and a new name whenever the
 * definition or `triggers` change, which is exactly when a new job is wanted. The run counter
 * (`generation`, see `check`) makes a revert to an earlier definition a new name too.
 */
export function autoJobName(seed: AutoNameSeed, inputs: JobResourceInputs, generation = 0): string {
  const defining = [seed.scope, seed.prefix, ...definitionOf(inputs as Record<string, unknown>)];
  // Run 0 is left out so that names given before runs were counted stay the same.
  const suffix = createHash("sha256")
    .update(stableJson(generation === 0 ? defining : [...defining, generation]))
    .digest("hex");
  const letters = BigInt(`0x${suffix.slice(0, 16)}`)
    .toString(36)
    .padStart(AUTO_NAME_SUFFIX_LENGTH, "0")
    .slice(-AUTO_NAME_SUFFIX_LENGTH);
  // Cut by characters, not UTF-16 units: a Han character outside the BMP must not be split.
  const prefix = Array.from(sanitizePrefix(seed.prefix))
    .slice(0, JOB_NAME_MAX_LENGTH - AUTO_NAME_SUFFIX_LENGTH - 1)
    .join("");
  return `${prefix}-${letters}`;
}

const NOT_A_NAME_CHARACTER = new RegExp(`[^${JOB_NAME_CHARACTER_CLASS}]`, "gu");

/** Replaces what the service does not accept in a name with `-`, keeping letters, digits and Chinese. */
export function sanitizePrefix(prefix: string): string {
  const cleaned = prefix.replace(NOT_A_NAME_CHARACTER, "-");
  return cleaned === "" ? "job" : cleaned;
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
