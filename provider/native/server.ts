/**
 * The `pulumirpc.ResourceProvider` service of the plugin, on the bindings @pulumi/pulumi ships.
 * @pulumi/pulumi's own provider server ignores the configuration `Configure` sends and passes on no
 * detailed diff (pulumi/pulumi#10915), so the service is written here: each method moves a message
 * into {@link JobProvider} and its answer back, and nothing else.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as pluginProto from "@pulumi/pulumi/proto/plugin_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";
import { anyProto, emptyProto, grpc } from "./grpcRuntime";
import { INVENTORY_TRIGGER_JOB_TOKEN } from "./tokens";
import { JobProvider } from "./jobProvider";
import type { InitFailure } from "./jobProvider";
import { fromStruct, toStruct } from "./structs";

/** What the server needs besides the provider: its version and its schema. */
export interface ServerOptions {
  version: string;
  schema: () => string;
  /** Called once, at the first `Configure`: the plugin starts watching for the engine then. */
  onConfigure?: () => void;
}

type Unary<Req, Res> = grpcTypes.handleUnaryCall<Req, Res>;

/** Answers a unary call with what `run` resolves to, or with the error it throws, in the protocol's form. */
function unary<Req, Res>(run: (request: Req) => Res | Promise<Res>): Unary<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => run(call.request))
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(grpcError(error)),
      );
  };
}

function unimplemented<Req, Res>(name: string): Unary<Req, Res> {
  return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `tencent-ci does not implement ${name}` });
}

/**
 * An error for the engine. A create that made a job and then failed carries the job in an
 * `ErrorResourceInitFailed` detail, so that the engine keeps it in state instead of orphaning it.
 */
function grpcError(error: unknown): Partial<grpcTypes.StatusObject> {
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  const partial = error as Partial<InitFailure>;
  if (typeof partial.id === "string") {
    const detail = new providerProto.ErrorResourceInitFailed();
    detail.setId(partial.id);
    detail.setProperties(toStruct(partial.properties ?? {}));
    detail.setReasonsList(partial.reasons ?? [message]);
    const packed = new anyProto.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusProto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

function requireJobType(urn: string): void {
  const type = urn.split("::")[2] ?? "";
  if (type.split("$").pop() !== INVENTORY_TRIGGER_JOB_TOKEN) throw new Error(`tencent-ci has no resource type ${type}`);
}

/** The service implementation over `provider`. */
export function resourceProviderService(provider: JobProvider, options: ServerOptions): providerRpc.IResourceProviderServer {
  let configured = false;
  return {
    getPluginInfo: unary<Empty, pluginProto.PluginInfo>(() => new pluginProto.PluginInfo().setVersion(options.version)),
    getSchema: unary<providerProto.GetSchemaRequest, providerProto.GetSchemaResponse>((request) => {
      if (request.getVersion() !== 0) throw new Error(`tencent-ci has no schema version ${request.getVersion()}`);
      return new providerProto.GetSchemaResponse().setSchema(options.schema());
    }),
    // The stored provider inputs keep the engine's secret marks: the news go back as they came.
    checkConfig: unary<providerProto.CheckRequest, providerProto.CheckResponse>((request) =>
      new providerProto.CheckResponse().setInputs(request.getNews()),
    ),
    diffConfig: unary<providerProto.DiffRequest, providerProto.DiffResponse>((request) => {
      const changed = provider.diffConfig(fromStruct(request.getOlds()), fromStruct(request.getNews()));
      return new providerProto.DiffResponse()
        .setChanges(
          changed.length > 0 ? providerProto.DiffResponse.DiffChanges.DIFF_SOME : providerProto.DiffResponse.DiffChanges.DIFF_NONE,
        )
        .setDiffsList(changed);
    }),
    configure: unary<providerProto.ConfigureRequest, providerProto.ConfigureResponse>((request) => {
      const variables = new Map(request.getVariablesMap().toArray());
      provider.configure(request.hasArgs() ? fromStruct(request.getArgs()) : undefined, variables);
      if (!configured) options.onConfigure?.();
      configured = true;
      return new providerProto.ConfigureResponse().setAcceptsecrets(true).setAcceptresources(false).setSupportspreview(false);
    }),
    check: unary<providerProto.CheckRequest, providerProto.CheckResponse>((request) => {
      requireJobType(request.getUrn());
      const result = provider.check(request.getUrn(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
      return new providerProto.CheckResponse()
        .setInputs(toStruct(result.inputs))
        .setFailuresList(
          result.failures.map((failure) => new providerProto.CheckFailure().setProperty(failure.property).setReason(failure.reason)),
        );
    }),
    diff: unary<providerProto.DiffRequest, providerProto.DiffResponse>((request) => {
      requireJobType(request.getUrn());
      const result = provider.diff(request.getId(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
      const response = new providerProto.DiffResponse()
        .setChanges(result.changes ? providerProto.DiffResponse.DiffChanges.DIFF_SOME : providerProto.DiffResponse.DiffChanges.DIFF_NONE)
        .setReplacesList(result.replaces)
        .setDiffsList(result.diffs)
        .setDeletebeforereplace(result.deleteBeforeReplace)
        .setHasdetaileddiff(true);
      const detailed = response.getDetaileddiffMap();
      for (const [path, change] of Object.entries(result.detailedDiff)) {
        detailed.set(
          path,
          new providerProto.PropertyDiff().setKind(providerProto.PropertyDiff.Kind[change.kind]).setInputdiff(change.inputDiff),
        );
      }
      return response;
    }),
    create: unary<providerProto.CreateRequest, providerProto.CreateResponse>(async (request) => {
      requireJobType(request.getUrn());
      const result = await provider.create(fromStruct(request.getProperties()));
      return new providerProto.CreateResponse().setId(result.id).setProperties(toStruct(result.outs));
    }),
    read: unary<providerProto.ReadRequest, providerProto.ReadResponse>(async (request) => {
      requireJobType(request.getUrn());
      const result = await provider.read(request.getId(), fromStruct(request.getProperties()));
      // An empty id tells the engine that the resource does not exist.
      if (result === undefined) return new providerProto.ReadResponse();
      const response = new providerProto.ReadResponse().setId(result.id).setProperties(toStruct(result.props));
      return result.inputs === undefined ? response : response.setInputs(toStruct(result.inputs));
    }),
    update: unary<providerProto.UpdateRequest, providerProto.UpdateResponse>(async (request) => {
      requireJobType(request.getUrn());
      const outs = await provider.update(request.getId(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
      return new providerProto.UpdateResponse().setProperties(toStruct(outs));
    }),
    delete: unary<providerProto.DeleteRequest, Empty>(async (request) => {
      requireJobType(request.getUrn());
      await provider.remove(request.getId(), fromStruct(request.getProperties()));
      return new emptyProto.Empty();
    }),
    invoke: unary<providerProto.InvokeRequest, providerProto.InvokeResponse>(async (request) => {
      const result = await provider.invoke(request.getTok(), fromStruct(request.getArgs()));
      return new providerProto.InvokeResponse().setReturn(toStruct(result));
    }),
    // Every call is a short request of its own; there is no long operation to stop.
    cancel: unary<Empty, Empty>(() => new emptyProto.Empty()),
    handshake: unimplemented("Handshake"),
    parameterize: unimplemented("Parameterize"),
    call: unimplemented("Call"),
    construct: unimplemented("Construct"),
    attach: unimplemented("Attach"),
    getMapping: unimplemented("GetMapping"),
    getMappings: unimplemented("GetMappings"),
    list: (call: grpcTypes.ServerWritableStream<unknown, unknown>) => {
      call.destroy(Object.assign(new Error("tencent-ci does not implement List"), { code: grpc.status.UNIMPLEMENTED }));
    },
  };
}

/** A running server. */
export interface RunningServer {
  port: number;
  /** Stops accepting calls and ends those under way. */
  close(): Promise<void>;
}

/** Serves `provider` on a free loopback port. */
export async function serveProvider(provider: JobProvider, options: ServerOptions): Promise<RunningServer> {
  // As @pulumi/pulumi's servers: a stack's state may exceed gRPC's 4 MB default.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(providerRpc.ResourceProviderService, resourceProviderService(provider, options));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
