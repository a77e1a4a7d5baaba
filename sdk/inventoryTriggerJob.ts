import * as pulumi from "@pulumi/pulumi";
import type { JobInput, JobOperation, JobState, JobType } from "../provider/model";
import { INVENTORY_TRIGGER_JOB_TYPE } from "../provider/dynamic/resourceInputs";
import type { WaitOptions } from "../provider/dynamic/resourceInputs";
import { SECRET_PATHS_KEY } from "../provider/dynamic/secretPaths";
import inventoryTriggerJobProvider = require("./dynamicProvider");

/** A value or structure whose every part may be a `pulumi.Input`. */
export type DeepInput<T> = pulumi.Input<
  T extends readonly (infer U)[] ? DeepInput<U>[] : T extends object ? { [K in keyof T]: DeepInput<T[K]> } : T
>;

/** States after which `retriggerOnStates` re-runs a job; `NotFound` means the job is gone upstream. */
export type RetriggerState = JobState | "NotFound";

export { INVENTORY_TRIGGER_JOB_TYPE };

/** The arguments of an {@link InventoryTriggerJob}: the job's definition and life-cycle options. */
export interface InventoryTriggerJobArgs {
  /**
   * The job's name: up to 128 letters, digits, Chinese characters, `-` and `_`. When omitted the job
   * is named `<resource name>-<7 characters>`, the same for the same definition in the same stack
   * and new whenever the definition or `triggers` change.
   */
  name?: pulumi.Input<string>;
  /** `Workflow` (default) runs workflows over the objects; `Job` runs one processing job per object. */
  type?: pulumi.Input<JobType>;
  /** The objects to process: exactly one of `manifest`, `urlFile`, `prefix` or `object`. */
  input: DeepInput<JobInput>;
  /**
   * What to do: `workflowIds` (and `timeInterval`) for `Workflow`; `tag`, `queueId`, `jobParam`,
   * `output` and the callback settings for `Job`.
   */
  operation: DeepInput<JobOperation>;
  /** Region of the bucket, overriding `tencent-ci:region`. */
  region?: pulumi.Input<string>;
  /** Bucket with APPID (`name-1250000000`), overriding `tencent-ci:bucket`. */
  bucket?: pulumi.Input<string>;
  /** Any values; when they change the job is triggered again (a replacement), as in pulumi-command. */
  triggers?: pulumi.Input<unknown[]>;
  /**
   * Make `pulumi up` wait until the job ends. `Success` passes; `Failed`, `Cancel` or the timeout
   * fail the step while the job stays in state. Default: do not wait.
   */
  waitForCompletion?: pulumi.Input<boolean | WaitOptions>;
  /** When a refresh finds the job in one of these states, the next deploy triggers it again. */
  retriggerOnStates?: pulumi.Input<pulumi.Input<RetriggerState>[]>;
  /**
   * How many times `retriggerOnStates` may re-run one declared run; default 3, 0 for none. Once
   * spent, `up` fails naming the job, its state and the count, until the definition or `triggers`
   * change.
   */
  maxRetriggers?: pulumi.Input<number>;
  /** Cancel the job on delete when it is still queued or running. Default true. */
  cancelOnDelete?: pulumi.Input<boolean>;
}

/** The state of an {@link InventoryTriggerJob}, for {@link InventoryTriggerJob.get}. */
export interface InventoryTriggerJobState extends Partial<InventoryTriggerJobArgs> {
  jobId?: pulumi.Input<string>;
  state?: pulumi.Input<string>;
  code?: pulumi.Input<string>;
  message?: pulumi.Input<string>;
  creationTime?: pulumi.Input<string>;
  startTime?: pulumi.Input<string>;
  endTime?: pulumi.Input<string>;
  retriggers?: pulumi.Input<number>;
}

/**
 * A CI inventory trigger job: a batch data-processing job over the objects of a bucket, triggered
 * once when the resource is created and cancelled on delete while still running.
 *
 * Adopt a job created elsewhere with `InventoryTriggerJob.get(name, jobId)` (read-only) or with the
 * `import: jobId` resource option (managed from then on).
 */
export class InventoryTriggerJob extends pulumi.dynamic.Resource {
  /** The service's id of the job. */
  declare readonly jobId: pulumi.Output<string>;
  /** Last known state: Submitted, Running, Success, Failed, Pause, Cancel, or NotFound once gone upstream. */
  declare readonly state: pulumi.Output<string>;
  /** The service's code for the outcome (e.g. `Success`, or an error code when `Failed`). */
  declare readonly code: pulumi.Output<string | undefined>;
  /** The service's message when the job failed. */
  declare readonly message: pulumi.Output<string | undefined>;
  /** When the job was created, `%Y-%m-%dT%H:%M:%S%z`. */
  declare readonly creationTime: pulumi.Output<string | undefined>;
  /** When the job started, once it has. */
  declare readonly startTime: pulumi.Output<string | undefined>;
  /** When the job ended, once it has. */
  declare readonly endTime: pulumi.Output<string | undefined>;
  /** How many times `retriggerOnStates` re-ran this declared run; absent for none. */
  declare readonly retriggers: pulumi.Output<number | undefined>;
  /** The job's name, as given or generated. */
  declare readonly name: pulumi.Output<string>;
  /** The job's type. */
  declare readonly type: pulumi.Output<JobType | undefined>;
  /** The objects the job processes, as declared. */
  declare readonly input: pulumi.Output<JobInput>;
  /** The job's operation, as declared. */
  declare readonly operation: pulumi.Output<JobOperation>;

  /**
   * Declares a job.
   *
   * @param name The resource's name; also the start of the job's name when `args.name` is omitted.
   * @param args The job's definition and life-cycle options.
   * @param opts Resource options. `import: jobId` adopts an existing job instead of triggering one,
   *   after checking that its name, type, input and operation are the declared ones (a difference
   *   fails the deploy naming each field).
   */
  constructor(name: string, args: InventoryTriggerJobArgs, opts: pulumi.CustomResourceOptions = {}) {
    const adopting = opts.id === undefined;
    // A function cannot be serialized: the engine would store it as null, and a change to it would
    // never run the job again. Said here, where the program's line is still on the stack.
    const functionAt = Array.isArray(args.triggers) ? args.triggers.findIndex((value) => typeof value === "function") : -1;
    if (functionAt >= 0) {
      throw new Error(
        `InventoryTriggerJob ${name}: triggers[${functionAt}] is a function, which cannot be stored; pass the value it computes (a string, number, boolean, list or object)`,
      );
    }
    // The engine's own import reads the resource with no serialized provider, which dynamic
    // providers cannot serve (pulumi/pulumi#16175). The job id is handed to `create` instead, which
    // adopts the job rather than triggering one.
    const { import: importId, ...options } = opts;
    // Every output is declared, even when absent (as with `get`, which passes no arguments), so
    // that each becomes a property of the resource: an undeclared one would read as `undefined`.
    const props: Record<string, unknown> = {
      jobId: undefined,
      state: undefined,
      code: undefined,
      message: undefined,
      creationTime: undefined,
      startTime: undefined,
      endTime: undefined,
      retriggers: undefined,
      ...args,
      name: args.name,
      type: args.type,
      input: args.input,
      operation: args.operation,
    };
    if (adopting && args.name === undefined) props.autoName = { prefix: name, scope: `${pulumi.getProject()}/${pulumi.getStack()}` };
    if (adopting && importId !== undefined) props.adoptJobId = importId;
    // The provider receives plain values, so it is told which inputs are secret (their paths, never
    // their values) to keep them out of what it prints. None is sent when nothing is secret, which
    // leaves the inputs of existing stacks as they were; `get` declares nothing, so it sends none.
    props[SECRET_PATHS_KEY] = adopting ? secretPathsOutput(args) : undefined;
    super(inventoryTriggerJobProvider, name, props, options, "tencent-ci", "InventoryTriggerJob");
  }

  /**
   * Reads an existing job into the program without managing it: every output (`input`,
   * `operation`, `type`, `name`, `jobId`, `state`, the times, `code`, `message`) is the service's.
   * Destroying the stack never cancels it.
   *
   * @param name The resource's name in this program.
   * @param id The job id.
   * @param state Known state, if any.
   * @param opts Resource options.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: InventoryTriggerJobState,
    opts?: pulumi.CustomResourceOptions,
  ): InventoryTriggerJob {
    return new InventoryTriggerJob(name, (state ?? {}) as InventoryTriggerJobArgs, { ...opts, id });
  }
}

/**
 * The paths of the inputs in `args` whose value is a secret Output, sorted, or `undefined` when
 * there are none. The list itself is not secret: it names properties, never values.
 */
function secretPathsOutput(args: InventoryTriggerJobArgs): pulumi.Output<string[] | undefined> {
  const outputs: [string, pulumi.Output<unknown>][] = [];
  collectOutputs(args, "", outputs);
  const secretness = Promise.all(outputs.map(async ([path, output]) => ((await pulumi.isSecret(output)) ? [path] : [])));
  return pulumi.output(secretness.then((found) => found.flat().sort())).apply((paths) => (paths.length === 0 ? undefined : paths));
}

/**
 * Finds every Output in plain objects and arrays, naming it as validation failures name properties
 * (`input.prefix`, `triggers[0]`). An Output is a leaf: one that holds a secret anywhere is itself
 * secret. Promises and other values cannot be secret, so they are not looked into.
 */
function collectOutputs(value: unknown, path: string, into: [string, pulumi.Output<unknown>][]): void {
  if (pulumi.Output.isInstance(value)) {
    into.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectOutputs(item, `${path}[${index}]`, into);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) collectOutputs(item, path === "" ? key : `${path}.${key}`, into);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
