/**
 * The generic part of validation: a collector of failures with the checks every container shares
 * (a record of known keys, text, object keys, regions, buckets, free-form parameters), and the
 * rules for how a reason may show a value. Knows nothing of which fields a trigger has.
 */
import { FORBIDDEN_XML_CHARS } from "../codec/xmlText";
import type { UntypedShape } from "../codec/mapping";
import { BUCKET_PATTERN, EXTRA_KEY, REGION_PATTERN, upperFirst } from "../model";
import { isPlainObject } from "../values";
import { ID_MAX_LENGTH, OBJECT_KEY_MAX_BYTES } from "./limits";

/** A parameter name that can become an XML element once its first letter is raised. */
const ELEMENT_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One problem with a request: where it is and what is wrong, as a sentence. */
export interface ValidationFailure {
  /** Path of the offending value, e.g. `operation.timeInterval.start`, `input`, `name`. */
  property: string;
  /** A sentence naming the field and what is wrong; it repeats the value only when that is short and harmless. */
  reason: string;
}

/** What {@link Checker.text} checks beyond the value being a string. */
export interface TextOptions {
  required?: boolean;
  nonEmpty?: boolean;
  maxLength?: number;
  pattern?: RegExp;
  /** What the pattern describes, for the reason. */
  what?: string;
}

/** Collects failures and holds the checks shared by every container. */
export class Checker {
  readonly failures: ValidationFailure[] = [];

  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  add(failures: ValidationFailure[]): void {
    this.failures.push(...failures);
  }

  /** A container of a known shape: an object whose keys the shape (or `extra`) names. */
  record(value: unknown, property: string, shape: UntypedShape, required = false): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(property, `${property} is required.`);
      return undefined;
    }
    if (!isPlainObject(value)) {
      this.fail(property, `${property} must be an object, not ${kindOf(value)}.`);
      return undefined;
    }
    const known = shape.fields.map((field) => field.key);
    this.unknownKeys(value, property, [...known, EXTRA_KEY], property);
    const extra = value[EXTRA_KEY];
    if (extra !== undefined && extra !== null) {
      if (!isPlainObject(extra)) this.fail(`${property}.${EXTRA_KEY}`, `${property}.${EXTRA_KEY} must be an object, not ${kindOf(extra)}.`);
      else
        this.processingParams(
          extra,
          `${property}.${EXTRA_KEY}`,
          new Map(shape.fields.map((field) => [field.element, `${property}.${field.key}`])),
        );
    }
    return value;
  }

  unknownKeys(value: Record<string, unknown>, property: string, allowed: readonly string[], owner: string): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key) || value[key] === undefined) continue;
      const path = property === "" ? key : `${property}.${key}`;
      this.fail(path, `${path} is not a field of ${owner}; expected one of ${allowed.join(", ")}.`);
    }
  }

  /** A string field; returns it when it is a string, so callers can check more. */
  text(value: unknown, property: string, options: TextOptions = {}): string | undefined {
    if (value === undefined || value === null) {
      if (options.required) this.fail(property, `${property} is required.`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.fail(property, `${property} must be a string, not ${kindOf(value)}.`);
      return undefined;
    }
    if (options.nonEmpty && value === "") this.fail(property, `${property} must not be empty.`);
    const maxLength = options.maxLength ?? (options.pattern !== undefined ? ID_MAX_LENGTH : undefined);
    if (maxLength !== undefined && value.length > maxLength) {
      this.fail(property, `${property} is ${value.length} characters long; at most ${maxLength} are allowed.`);
    } else if (options.pattern !== undefined && value !== "" && !options.pattern.test(value)) {
      this.fail(property, `${property} must be ${options.what ?? "well-formed"}${shown(value)}.`);
    }
    if (FORBIDDEN_XML_CHARS.test(value)) this.fail(property, `${property} contains a control character that cannot be sent.`);
    return value;
  }

  objectKey(value: string, property: string): void {
    const bytes = Buffer.byteLength(value, "utf8");
    if (bytes > OBJECT_KEY_MAX_BYTES) {
      this.fail(property, `${property} is ${bytes} bytes long in UTF-8; COS object keys are at most ${OBJECT_KEY_MAX_BYTES}.`);
    }
  }

  region(value: string, property: string): void {
    if (!REGION_PATTERN.test(value)) this.fail(property, `${property} must be a region such as ap-guangzhou${shown(value)}.`);
  }

  bucket(value: string, property: string): void {
    if (!BUCKET_PATTERN.test(value)) {
      this.fail(property, `${property} must be a bucket as BucketName-APPID, such as media-1250000000${shown(value)}.`);
    }
  }

  /**
   * Free-form parameters: names that can become XML elements (first letter raised), values that
   * are text, finite numbers, booleans, nested objects or lists of those. `taken` maps element
   * names already used beside these parameters to the property that uses them.
   */
  processingParams(value: Record<string, unknown>, property: string, taken: ReadonlyMap<string, string> = new Map()): void {
    const elements = new Map(taken);
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || item === null) continue;
      const path = `${property}.${key}`;
      if (!ELEMENT_KEY.test(key)) {
        this.fail(path, `${path} is not a usable parameter name: use letters, digits, '_' and '-', starting with a letter.`);
        continue;
      }
      const element = upperFirst(key);
      const clash = elements.get(element);
      if (clash !== undefined) this.fail(path, `${path} and ${clash} would both be sent as <${element}>.`);
      else elements.set(element, path);
      this.processingValue(item, path);
    }
  }

  private processingValue(value: unknown, property: string, inList = false): void {
    if (typeof value === "string") {
      if (FORBIDDEN_XML_CHARS.test(value)) this.fail(property, `${property} contains a control character that cannot be sent.`);
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) this.fail(property, `${property} must be a finite number.`);
    } else if (typeof value === "boolean") {
      // Sent as true or false.
    } else if (Array.isArray(value)) {
      if (inList) this.fail(property, `${property} is a list inside a list, which cannot be sent as XML.`);
      else value.forEach((item, index) => item !== undefined && item !== null && this.processingValue(item, `${property}[${index}]`, true));
    } else if (isPlainObject(value)) {
      this.processingParams(value, property);
    } else {
      this.fail(property, `${property} must be a string, number, boolean, object or list, not ${kindOf(value)}.`);
    }
  }
}

/** A short description of a value's type for reasons: "a number", "a list", "null". */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (value === undefined) return "missing";
  return `a ${typeof value}`;
}

/**
 * ` (got "x")` for a value that is safe to repeat: short, and not a run of letters and digits
 * that could be a key or a token. Anything else is not echoed, since reasons end up in logs.
 */
export function shown(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return ` (got ${String(value)})`;
  if (typeof value !== "string" || value.length === 0 || value.length > 32) return "";
  if (/[^\x20-\x7E]/.test(value) || looksRandom(value)) return "";
  return ` (got "${value}")`;
}

function looksRandom(value: string): boolean {
  return /[A-Za-z0-9+/=_-]{16,}/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

export function showCharacter(char: string): string {
  if (char === " ") return "a space";
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${char}'`;
}
