/**
 * The life cycle of `tencent-ci:index:InventoryTriggerJob` in the protocol's terms, over the
 * handlers the dynamic provider runs ({@link createJobHandlers}): one implementation, served two
 * ways. Values come and go as the engine sends them (secrets wrapped, see propertyValues.ts); this
 * module unwraps them, tells the handlers which paths were secret through `__secretPaths`, and marks
 * the same paths secret in what it returns. The gRPC binding (server.ts) only moves messages.
 */
import { isPlainObject } from "../values";
import { changedSettings, configGetter } from "./configuration";
import { detailedDiffOf } from "./detailedDiff";
import type { DetailedDiff } from "./detailedDiff";
import { createJobHandlers, isRefreshDiff, NOT_FOUND_STATE, resolveSettings, SECRET_PATHS_KEY } from "./lifecycle";
import type { JobHandlers, ProviderSettings } from "./lifecycle";
import { listJobs } from "./listJobs";
import type { ListClientFactory } from "./listJobs";
import { concealSecrets, revealSecrets } from "./propertyValues";
import { LIST_JOBS_TOKEN } from "./tokens";

/** A failed check of one property, as `CheckResponse.failures` carries it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** What `Diff` answers. */
export interface ResourceDiff extends DetailedDiff {
  changes: boolean;
  deleteBeforeReplace: boolean;
}

/** A create that made a job and then failed: the engine keeps the job in state with these outputs. */
export interface InitFailure extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/** What the provider depends on; the defaults are the plugin process's. */
export interface JobProviderOptions {
  /** Default: {@link createJobHandlers} with its own defaults. */
  handlers?: JobHandlers;
  /** The environment settings fall back to; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Makes the client of the list function; default a `CiClient`. */
  listClient?: ListClientFactory;
}

/** The resource's calls and the list function, on wire values. */
export class JobProvider {
  private readonly handlers: JobHandlers;
  private readonly env: NodeJS.ProcessEnv;
  private settings: ProviderSettings;

  constructor(private readonly options: JobProviderOptions = {}) {
    this.handlers = options.handlers ?? createJobHandlers();
    this.env = options.env ?? process.env;
    this.settings = resolveSettings(() => undefined, this.env);
  }

  /** Takes the provider's inputs (`ConfigureRequest.args`, else its `variables`). */
  configure(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string> = new Map()): void {
    const config = configGetter(args, variables);
    this.handlers.configure(config);
    this.settings = resolveSettings((key) => config.get(key), this.env);
  }

  /** The settings that changed, for `DiffConfig`; none of them replaces the provider. */
  diffConfig(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
    return changedSettings(olds, news);
  }

  /**
   * Validates and completes the inputs. Without `name` the job is auto-named from the resource's
   * name and `<project>/<stack>`, as the TypeScript SDK does, both read from the URN.
   */
  check(
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
    const incoming = revealSecrets(news);
    const declared = withSecretPaths(incoming.value, incoming.secretPaths);
    if (declared.name === undefined && declared.autoName === undefined) declared.autoName = autoNameSeed(urn);
    const result = this.handlers.check(revealSecrets(olds).value, declared);
    return { inputs: toWire(result.inputs, incoming.secretPaths), failures: result.failures };
  }

  /** Classifies a change, with a detailed diff of the properties the handlers name. */
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): ResourceDiff {
    const before = fromWire(olds);
    const after = fromWire(news);
    const result = this.handlers.diff(id, before, after);
    const detailed = detailedDiffOf(result, before, after, isRefreshDiff(before, after));
    return { ...detailed, changes: result.changes, deleteBeforeReplace: result.deleteBeforeReplace };
  }

  /** Triggers or adopts the job; a job made and then failed is reported with its outputs. */
  async create(properties: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
    const { secretPaths } = revealSecrets(properties);
    try {
      const result = await this.handlers.create(fromWire(properties));
      return { id: result.id, outs: toWire(result.outs, secretPaths) };
    } catch (error) {
      throw concealedFailure(error, secretPaths);
    }
  }

  /**
   * Refreshes the job, or reads one the engine imports (no stored properties). An imported id the
   * service does not know is answered with no resource, which the engine reports as such; a managed
   * job gone upstream stays, as `NotFound` (docs/lifecycle.md).
   */
  async read(
    id: string,
    properties: Record<string, unknown>,
  ): Promise<{ id: string; props: Record<string, unknown>; inputs?: Record<string, unknown> } | undefined> {
    const { secretPaths } = revealSecrets(properties);
    const importing = Object.keys(properties).length === 0;
    const result = await this.handlers.read(id, fromWire(properties));
    if (importing && result.props.state === NOT_FOUND_STATE) return undefined;
    return {
      id: result.id,
      props: toWire(result.props, secretPaths),
      ...(result.inputs === undefined ? {} : { inputs: toWire(result.inputs, secretPaths) }),
    };
  }

  /** Applies a change of life-cycle options. */
  async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = await this.handlers.update(id, fromWire(olds), fromWire(news));
    return toWire(result.outs, revealSecrets(news).secretPaths);
  }

  /** Cancels the job when it may still run. */
  async remove(id: string, properties: Record<string, unknown>): Promise<void> {
    await this.handlers.remove(id, fromWire(properties));
  }

  /** Runs a function of the package. */
  async invoke(token: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (token !== LIST_JOBS_TOKEN) throw new Error(`tencent-ci has no function ${token}`);
    const result = await listJobs(revealSecrets(args).value, this.settings, this.options.listClient);
    return { jobs: result.jobs };
  }
}

/** `{ prefix: <resource name>, scope: <project>/<stack> }` from `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function autoNameSeed(urn: string): { prefix: string; scope: string } {
  const [head, project = "", , ...name] = urn.split("::");
  const stack = head.split(":").slice(2).join(":");
  return { prefix: name.join("::"), scope: `${project}/${stack}` };
}

/** Plain values for the handlers, with the paths that were secret under `__secretPaths`. */
function fromWire(wire: Record<string, unknown>): Record<string, unknown> {
  const { value, secretPaths } = revealSecrets(wire);
  return withSecretPaths(value, secretPaths);
}

function withSecretPaths(value: Record<string, unknown>, secretPaths: string[]): Record<string, unknown> {
  const { [SECRET_PATHS_KEY]: _fromProgram, ...rest } = value;
  return secretPaths.length === 0 ? rest : { ...rest, [SECRET_PATHS_KEY]: secretPaths };
}

/**
 * What the handlers returned, for the engine: `__secretPaths` is this process's message to the
 * handlers, not state, and each secret path is marked secret again.
 */
function toWire(value: Record<string, unknown>, secretPaths: readonly string[]): Record<string, unknown> {
  const { [SECRET_PATHS_KEY]: _internal, ...rest } = value;
  return concealSecrets(rest, secretPaths);
}

function concealedFailure(error: unknown, secretPaths: readonly string[]): unknown {
  const partial = error as Partial<InitFailure> | undefined;
  if (!(error instanceof Error) || typeof partial?.id !== "string") return error;
  const properties = isPlainObject(partial.properties) ? toWire(partial.properties, secretPaths) : {};
  return Object.assign(error, { properties });
}
