/** Plain values to and from `google.protobuf.Struct`, the form of every property map in the protocol. */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { isPlainObject } from "../values";
import { structProto } from "./grpcRuntime";

/** A Struct as a plain object; an absent one as `{}`. */
export function fromStruct(struct: Struct | undefined): Record<string, unknown> {
  return struct === undefined ? {} : struct.toJavaScript();
}

/** A plain object as a Struct. Keys whose value is `undefined` are left out: a Struct has no such value. */
export function toStruct(value: Record<string, unknown>): Struct {
  return structProto.Struct.fromJavaScript(withoutUndefined(value) as Record<string, never>);
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : withoutUndefined(item)));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, withoutUndefined(item)]),
  );
}
