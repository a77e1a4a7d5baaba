/**
 * Values as the engine sends them to a provider that accepts secrets, and back.
 *
 * Over gRPC a secret travels as an object `{ [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value }`
 * (`sdk/go/common/resource/plugin/rpc.go` in pulumi/pulumi), at any depth. The handlers work on
 * plain values and learn which are secret from the paths under `__secretPaths`, as the dynamic
 * provider's do; the plugin marks the same paths secret again in what it returns, so a value that
 * entered secret never leaves in the clear.
 */
import { isPlainObject } from "../values";

/** The key that marks a special value on the wire. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** The signature of a secret. */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A plain value and the paths (`input.prefix`, `triggers[0]`) at which it held secrets, sorted. */
export interface RevealedValue<T> {
  value: T;
  secretPaths: string[];
}

/** Whether a wire value is a secret wrapper. */
export function isSecretWrapper(value: unknown): value is { value?: unknown } {
  return isPlainObject(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/**
 * Takes the secret wrappers out of a wire value and says where they were. A secret inside a secret
 * is covered by the outer path, so only outermost ones are listed.
 */
export function revealSecrets<T>(wire: T): RevealedValue<T> {
  const paths: string[] = [];
  const value = reveal(wire, "", paths) as T;
  return { value, secretPaths: [...new Set(paths)].sort() };
}

function reveal(value: unknown, path: string, paths: string[]): unknown {
  if (isSecretWrapper(value)) {
    // The root itself being secret has no path; the engine then marks the whole value itself.
    if (path !== "") paths.push(path);
    return reveal(value.value, path, []);
  }
  if (Array.isArray(value)) return value.map((item, index) => reveal(item, `${path}[${index}]`, paths));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reveal(item, path === "" ? key : `${path}.${key}`, paths)]));
  }
  return value;
}

/** Wraps `value` as a secret. */
export function secretOf(value: unknown): Record<string, unknown> {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/**
 * A copy of `value` with whatever lies at each of `paths` wrapped as a secret. A path that leads
 * nowhere in this value (an input the outputs do not repeat) is skipped.
 */
export function concealSecrets<T>(value: T, paths: readonly string[]): T {
  let result: unknown = value;
  for (const path of paths) result = concealAt(result, pathParts(path));
  return result as T;
}

function concealAt(value: unknown, parts: readonly (string | number)[]): unknown {
  if (parts.length === 0) return value === undefined || isSecretWrapper(value) ? value : secretOf(value);
  const [head, ...rest] = parts;
  if (typeof head === "number" && Array.isArray(value) && head < value.length) {
    return value.map((item: unknown, index) => (index === head ? concealAt(item, rest) : item));
  }
  if (typeof head === "string" && isPlainObject(value) && head in value) {
    return { ...value, [head]: concealAt(value[head], rest) };
  }
  return value;
}

/** `operation.output.streamExtract[1].object` as keys and indices. */
function pathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(index ? Number(index) : key);
  return parts;
}
