/**
 * The gRPC and protobuf runtimes, as @pulumi/pulumi resolves them. The generated bindings in
 * `@pulumi/pulumi/proto` load `@grpc/grpc-js` and `google-protobuf` from where @pulumi/pulumi is
 * installed; the server and the messages it builds must come from those same copies, whatever else
 * a project has installed, and this package adds no dependency of its own for them.
 */
import { createRequire } from "node:module";
import type * as grpcModule from "@grpc/grpc-js";
import type * as structModule from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyModule from "google-protobuf/google/protobuf/empty_pb";
import type * as anyModule from "google-protobuf/google/protobuf/any_pb";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));

/** `@grpc/grpc-js`. */
export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcModule;

/** `google.protobuf.Struct` and `Value`. */
export const structProto = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structModule;

/** `google.protobuf.Empty`. */
export const emptyProto = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof emptyModule;

/** `google.protobuf.Any`. */
export const anyProto = fromPulumi("google-protobuf/google/protobuf/any_pb") as typeof anyModule;
