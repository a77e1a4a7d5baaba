/**
 * A small declarative mapping between model objects and XML element trees.
 *
 * Each container of the API (Input, Operation, Output, ...) is described once as a {@link Shape}
 * (the table is `fieldTable.ts`):
 * its fields in the order the vendor's samples write them and how each value is carried. One
 * encoder and one decoder walk those shapes, so element order, empty-element handling and the
 * keeping of unknown elements are decided in one place rather than per operation.
 */
import { EXTRA_KEY, lowerFirst, upperFirst } from "../model";
import type { ProcessingParams, ProcessingValue } from "../model";
import { isPlainObject } from "../values";
import { TEXT_KEY, XmlElement, XmlNode } from "./xml";
import { CodecError } from "./codecError";

/** Plain text. Empty text decodes as absent unless `keepEmpty` (an empty Prefix means "whole bucket"). */
export interface TextField {
  kind: "text";
  keepEmpty?: boolean;
}
/** A service time; `-` (not yet set) and empty decode as absent. */
export interface TimeField {
  kind: "time";
}
/** An integer written in decimal. */
export interface IntegerField {
  kind: "integer";
}
/** A list of ids carried comma-joined in one element. */
export interface CsvField {
  kind: "csv";
}
/** A nested container of model type `V`. */
export interface RecordField<V> {
  kind: "record";
  shape: Shape<V>;
}
/** A repeated nested container of model type `V`; always an array in the model. */
export interface ListField<V> {
  kind: "list";
  shape: Shape<V>;
}
/** Free-form structures (inline processing parameters), names converted by first letter only. */
export interface GenericField {
  kind: "generic";
}

/**
 * The ways a model value of type `V` may travel: text or a time for a string, an integer for a
 * number, a comma-joined element for a list of strings, repeated containers for a list of objects,
 * a container (or free-form structure) for an object. A field whose carrier does not fit its model
 * type does not compile.
 */
export type FieldTypeFor<V> = [V] extends [string]
  ? TextField | TimeField
  : [V] extends [number]
    ? IntegerField
    : [V] extends [readonly string[]]
      ? CsvField
      : [V] extends [readonly (infer E)[]]
        ? ListField<E>
        : [V] extends [object]
          ? RecordField<V> | GenericField
          : never;

/** The keys of model type `T` that travel as elements: all but {@link EXTRA_KEY}. */
export type FieldKey<T> = Exclude<keyof T, typeof EXTRA_KEY> & string;

/**
 * One field of model type `T`: a key `T` declares, its element name, and a carrier that fits the
 * key's type. A key the model lacks, or a carrier of the wrong kind, fails to compile.
 */
export type Field<T> = {
  [K in FieldKey<T>]-?: { key: K; element: string; type: FieldTypeFor<NonNullable<T[K]>> };
}[FieldKey<T>];

/** A container of model type `T`: its element name (for messages) and its known fields in document order. */
export interface Shape<T> {
  element: string;
  fields: readonly Field<T>[];
}

/**
 * A shape with its model type erased: what the encoder, the decoder and validation walk at run
 * time. Every {@link Shape} is one.
 */
export interface UntypedShape {
  element: string;
  fields: readonly UntypedField[];
}

/** A field with its model type erased. */
export interface UntypedField {
  key: string;
  element: string;
  type: TextField | TimeField | IntegerField | CsvField | GenericField | { kind: "record" | "list"; shape: UntypedShape };
}

/** Repeated elements parse as arrays, single ones do not; callers that expect a list use this. */
export function asArray(node: XmlNode | undefined): XmlNode[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

/** The text of a leaf element, or a CodecError naming the element when it is not a leaf. */
export function leafText(node: XmlNode, path: string): string {
  if (typeof node === "string") return node;
  throw new CodecError(Array.isArray(node) ? `<${path}> appears more than once` : `<${path}> should hold text, not elements`);
}

/** Decodes a container. Elements the shape does not name are kept under {@link EXTRA_KEY}. */
export function decodeRecord<T>(node: XmlNode, shape: Shape<T>, path: string = shape.element): Partial<T> {
  // The one place the model type is taken on trust: the walk below follows the typed shape.
  return decodeUntyped(node, shape, path) as Partial<T>;
}

/** Encodes a container: known fields in shape order, then `extra`. Absent fields are omitted. */
export function encodeRecord<T>(value: T, shape: Shape<T>, path: string = shape.element): XmlElement {
  return encodeUntyped(value, shape, path);
}

function decodeUntyped(node: XmlNode, shape: UntypedShape, path: string): Record<string, unknown> {
  const children = containerChildren(node, path);
  const result: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const field of shape.fields) {
    known.add(field.element);
    if (!Object.hasOwn(children, field.element)) continue;
    const value = decodeField(children[field.element], field, `${path}.${field.element}`);
    if (value !== undefined) setOwn(result, field.key, value);
  }
  const extra: ProcessingParams = {};
  for (const [name, child] of Object.entries(children)) {
    // Text between child elements is only layout (the samples' indentation and trailing spaces).
    if (name === TEXT_KEY || known.has(name)) continue;
    setOwn(extra, lowerFirst(name), decodeGeneric(child));
  }
  if (Object.keys(extra).length > 0) setOwn(result, EXTRA_KEY, extra);
  return result;
}

function encodeUntyped(value: unknown, shape: UntypedShape, path: string): XmlElement {
  if (!isPlainObject(value)) throw new CodecError(`${path} must be an object`);
  const element: XmlElement = {};
  for (const field of shape.fields) {
    const fieldValue = value[field.key];
    if (fieldValue === undefined || fieldValue === null) continue;
    const encoded = encodeField(fieldValue, field, `${path}.${field.element}`);
    if (encoded !== undefined) setOwn(element, field.element, encoded);
  }
  const extra = value[EXTRA_KEY];
  if (extra !== undefined && extra !== null) {
    if (!isPlainObject(extra)) throw new CodecError(`${path}.${EXTRA_KEY} must be an object`);
    for (const [key, item] of Object.entries(extra)) {
      const name = upperFirst(key);
      if (Object.prototype.hasOwnProperty.call(element, name) || shape.fields.some((field) => field.element === name)) {
        throw new CodecError(`${path}.${EXTRA_KEY}.${key} repeats the known element <${name}>`);
      }
      const encoded = encodeGeneric(item, `${path}.${name}`);
      if (encoded !== undefined) setOwn(element, name, encoded);
    }
  }
  return element;
}

/** Decodes free-form XML: leaves stay strings, names are first-letter-lowered, repeats become arrays. */
export function decodeGeneric(node: XmlNode): ProcessingValue {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(decodeGeneric);
  const result: ProcessingParams = {};
  for (const [name, child] of Object.entries(node)) {
    // Text between child elements is only layout: the API never mixes text and elements.
    if (name === TEXT_KEY) continue;
    setOwn(result, lowerFirst(name), decodeGeneric(child));
  }
  return result;
}

/** Encodes free-form values: numbers and booleans as their decimal or `true`/`false` text. */
export function encodeGeneric(value: unknown, path: string): XmlNode | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new CodecError(`${path} must be a finite number`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items: XmlNode[] = [];
    value.forEach((item, index) => {
      const encoded = encodeGeneric(item, `${path}[${index}]`);
      if (encoded !== undefined) items.push(encoded);
    });
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(value)) {
    const element: XmlElement = {};
    for (const [key, item] of Object.entries(value)) {
      const name = upperFirst(key);
      const encoded = encodeGeneric(item, `${path}.${name}`);
      if (encoded !== undefined) setOwn(element, name, encoded);
    }
    return element;
  }
  throw new CodecError(`${path} must be text, a number, a boolean, an object or a list`);
}

/**
 * Sets an own property. Element names come from the network, so `__proto__` must not reach a
 * plain assignment, where it would replace the object's prototype.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function containerChildren(node: XmlNode, path: string): XmlElement {
  if (Array.isArray(node)) throw new CodecError(`<${path}> appears more than once`);
  if (typeof node === "string") {
    // `<TimeInterval/>` or `<Input></Input>`: an empty container.
    if (node.trim() === "") return {};
    throw new CodecError(`<${path}> should hold elements, not text`);
  }
  return node;
}

function decodeField(node: XmlNode, field: UntypedField, path: string): unknown {
  const type = field.type;
  switch (type.kind) {
    case "text": {
      const text = leafText(node, path);
      return text === "" && !type.keepEmpty ? undefined : text;
    }
    case "time": {
      const text = leafText(node, path).trim();
      return text === "" || text === "-" ? undefined : text;
    }
    case "integer": {
      const text = leafText(node, path).trim();
      if (text === "") return undefined;
      if (!/^[+-]?\d{1,15}$/.test(text)) throw new CodecError(`<${path}> should be an integer`);
      return Number(text);
    }
    case "csv": {
      const ids = splitIds(leafText(node, path));
      return ids.length > 0 ? ids : undefined;
    }
    case "record":
      return decodeUntyped(node, type.shape, path);
    case "list":
      return asArray(node).map((item) => decodeUntyped(item, type.shape, path));
    case "generic": {
      // `<JobParam/>` is an empty set of parameters, not a text value.
      if (typeof node === "string" && node.trim() === "") return {};
      return decodeGeneric(node);
    }
  }
}

function encodeField(value: unknown, field: UntypedField, path: string): XmlNode | undefined {
  const type = field.type;
  switch (type.kind) {
    case "text":
    case "time":
      if (typeof value !== "string") throw new CodecError(`${path} must be text`);
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new CodecError(`${path} must be an integer`);
      return String(value);
    case "csv": {
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw new CodecError(`${path} must be a list of text`);
      return value.length > 0 ? value.join(",") : undefined;
    }
    case "record":
      return encodeUntyped(value, type.shape, path);
    case "list": {
      if (!Array.isArray(value)) throw new CodecError(`${path} must be a list`);
      const items = value.map((item, index) => encodeUntyped(item, type.shape, `${path}[${index}]`));
      return items.length > 0 ? items : undefined;
    }
    case "generic": {
      if (!isPlainObject(value)) throw new CodecError(`${path} must be an object`);
      return encodeGeneric(value, path) ?? {};
    }
  }
}

/** Splits a comma-joined id list, tolerating spaces and empty items. */
export function splitIds(text: string): string[] {
  return text
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
}
