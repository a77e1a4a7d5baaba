/**
 * Which inputs a program marked secret, and how to keep their values out of what the provider
 * prints. The dynamic provider receives plain values, with no mark on the secret ones, so the SDK
 * sends the paths of those inputs (never their values) under {@link SECRET_PATHS_KEY}; progress
 * lines, warnings, failures and error messages pass through a redactor built from them.
 */
import type { ValidationFailure } from "../validation/checker";
import { valueAt } from "../values";

/**
 * The input under which the SDK lists the paths of secret inputs, sorted, in the form validation
 * failures name properties (`name`, `input.prefix`, `operation.timeInterval.end`, `triggers[0]`).
 * Absent when nothing is secret, so that stacks without secrets see no change. Keys starting with
 * `__` stay out of the CLI's displays.
 */
export const SECRET_PATHS_KEY = "__secretPaths";

/** What takes the place of a secret value in any text the provider prints or throws. */
export const REDACTED = "[secret]";

/**
 * Numbers and booleans shorter than this are not replaced in text: a secret `5` would otherwise
 * turn every 5 of every message into `[secret]`. Their failures still lose the value they echo
 * (see {@link redactFailures}).
 */
const MIN_SCALAR_LENGTH = 3;

/**
 * The secret paths listed in `inputs`. Whatever else is under the key (a program setting it by hand,
 * a state written by another version) is ignored rather than failing: entries that are not
 * non-empty strings are dropped, and a value that is not a list gives none.
 */
export function secretPathsOf(inputs: unknown): string[] {
  if (inputs === null || typeof inputs !== "object") return [];
  const listed = (inputs as Record<string, unknown>)[SECRET_PATHS_KEY];
  if (!Array.isArray(listed)) return [];
  return [...new Set(listed.filter((path): path is string => typeof path === "string" && path !== ""))];
}

/**
 * A function that replaces, in any text, every value found at or below a secret path of any of
 * `inputs` with {@link REDACTED}: strings as they are and as they appear inside JSON text, numbers
 * and booleans when their text is at least 3 characters long. Pass both the old and the new inputs
 * where both can be printed (an update, a replacement). With no secret path it returns its text as
 * it is.
 */
export function redactorFor(...inputs: unknown[]): (text: string) => string {
  const secrets = new Set<string>();
  for (const source of inputs) {
    for (const path of secretPathsOf(source)) collectSecrets(valueAt(source, path), secrets);
  }
  if (secrets.size === 0) return (text) => text;
  // One pass over the text with the longest values first: a value that holds a shorter one is
  // replaced whole, and a `[secret]` already written is never matched again by a later value.
  const pattern = new RegExp(
    [...secrets]
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
      .map(escapeRegExp)
      .join("|"),
    "g",
  );
  return (text) => text.replace(pattern, REDACTED);
}

/**
 * `failures` (or warnings) of `check` that can be shown: a failure about a secret input, about a
 * value inside one or about a container that holds one loses the ` (got …)` that validation adds
 * when a value is short and harmless (a secret is neither, however short), and every reason goes
 * through {@link redactorFor}, since a reason may name a value in other words.
 */
export function redactFailures(failures: readonly ValidationFailure[], inputs: unknown): ValidationFailure[] {
  const paths = secretPathsOf(inputs);
  if (paths.length === 0) return failures.map((failure) => ({ ...failure }));
  const redact = redactorFor(inputs);
  return failures.map(({ property, reason }) => {
    const touchesSecret = paths.some((path) => isAtOrBelow(property, path) || isAtOrBelow(path, property));
    return { property, reason: redact(touchesSecret ? reason.replace(SHOWN_VALUE, "") : reason) };
  });
}

/**
 * What `shown()` of provider/validation/checker.ts writes: ` (got "x")` for text (printable ASCII,
 * at most 32 characters, which may itself hold `"` or `)`) or ` (got 5)` for a number or boolean.
 */
const SHOWN_VALUE = / \(got (?:"[\x20-\x7E]{0,32}"|[^\s()"]+)\)/g;

/** Whether `path` is `ancestor` or lies inside it: `a.b[0]` is inside `a.b` and `a`, not `a.bc`. */
function isAtOrBelow(path: string, ancestor: string): boolean {
  if (ancestor === "") return true;
  return path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/**
 * Adds every text a value at a secret path can be printed as. Keys of objects are left: they are
 * field names that every message uses, and a secret is a value.
 */
function collectSecrets(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (value === "") return;
    into.add(value);
    // Inside JSON text (an error body, a serialized input) quotes, backslashes and control
    // characters are escaped; the surrounding quotes stay, so `"x"` becomes `"[secret]"`.
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) into.add(escaped);
  } else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    const text = String(value);
    if (text.length >= MIN_SCALAR_LENGTH) into.add(text);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collectSecrets(item, into);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}
