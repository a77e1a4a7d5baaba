/**
 * A gRPC client of the plugin's service, speaking to it as the engine does: property maps as
 * Structs, secrets wrapped. Promises instead of callbacks, so that tests read in order.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { emptyProto, grpc } from "../../provider/native/grpcRuntime";
import { fromStruct, toStruct } from "../../provider/native/structs";

/** A URN of a job named `name` in stack `test` of project `proj`. */
export function jobUrn(name: string): string {
  return `urn:pulumi:test::proj::tencent-ci:index:InventoryTriggerJob::${name}`;
}

type Call<Req, Res> = (request: Req, callback: (error: Error | null, response: Res) => void) => unknown;

/** The plugin's calls, as promises. */
export class ProviderClient {
  private readonly client: providerRpc.ResourceProviderClient;

  constructor(port: number) {
    this.client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  private call<Req, Res>(method: Call<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      method(request, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** GetSchema, parsed. */
  async schema(): Promise<Record<string, unknown>> {
    const response = await this.call<providerProto.GetSchemaRequest, providerProto.GetSchemaResponse>(
      this.client.getSchema.bind(this.client),
      new providerProto.GetSchemaRequest(),
    );
    return JSON.parse(response.getSchema()) as Record<string, unknown>;
  }

  /** GetPluginInfo's version. */
  async version(): Promise<string> {
    return (await this.call<Empty, PluginInfo>(this.client.getPluginInfo.bind(this.client), new emptyProto.Empty())).getVersion();
  }

  /** Configure with these provider inputs. */
  async configure(args: Record<string, unknown>): Promise<providerProto.ConfigureResponse> {
    return this.call(
      this.client.configure.bind(this.client),
      new providerProto.ConfigureRequest().setArgs(toStruct(args)).setAcceptsecrets(true),
    );
  }

  /** Check of a job. */
  async check(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<providerProto.CheckResponse> {
    return this.call(
      this.client.check.bind(this.client),
      new providerProto.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news)),
    );
  }

  /** Diff of a job. */
  async diff(urn: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<providerProto.DiffResponse> {
    return this.call(
      this.client.diff.bind(this.client),
      new providerProto.DiffRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)),
    );
  }

  /** Create of a job: its id and outputs. */
  async create(urn: string, properties: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
    const response = await this.call<providerProto.CreateRequest, providerProto.CreateResponse>(
      this.client.create.bind(this.client),
      new providerProto.CreateRequest().setUrn(urn).setProperties(toStruct(properties)),
    );
    return { id: response.getId(), outs: fromStruct(response.getProperties()) };
  }

  /** Read of a job. */
  async read(urn: string, id: string, properties: Record<string, unknown> = {}): Promise<providerProto.ReadResponse> {
    return this.call(
      this.client.read.bind(this.client),
      new providerProto.ReadRequest().setUrn(urn).setId(id).setProperties(toStruct(properties)),
    );
  }

  /** Delete of a job. */
  async delete(urn: string, id: string, properties: Record<string, unknown>): Promise<void> {
    await this.call(
      this.client.delete.bind(this.client),
      new providerProto.DeleteRequest().setUrn(urn).setId(id).setProperties(toStruct(properties)),
    );
  }

  /** Invoke of a function: its return value. */
  async invoke(token: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await this.call<providerProto.InvokeRequest, providerProto.InvokeResponse>(
      this.client.invoke.bind(this.client),
      new providerProto.InvokeRequest().setTok(token).setArgs(toStruct(args)),
    );
    return fromStruct(response.getReturn());
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }
}

/** A Struct's content, for assertions. */
export function plain(struct: Struct | undefined): Record<string, unknown> {
  return fromStruct(struct);
}
