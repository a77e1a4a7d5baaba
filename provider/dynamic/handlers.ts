import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { isCiError, isJobGoneError } from "../client/errors";
import { CiClient } from "../client/ciClient";
import type { CiClientOptions } from "../client/ciClient";
import { TERMINAL_STATES } from "../model";
import type { JobDetail, TriggerJobRequest } from "../model";
import { stableJson } from "./autoName";
import { checkJob } from "./check";
import { valueAt } from "../values";
import type { JobCheck } from "./check";
import { diffJob, isRefreshDiff, retriggerVerdict, UNSUCCESSFUL_STATES } from "./diff";
import type { CiError } from "../client/errors";
import type { JobDiff } from "./diff";
import { inputsOf, jobOutputs, NOT_FOUND_STATE, reportedOf, retriggersOf, runRecordOf, withoutProviderKey } from "./jobOutputs";
import { DEFAULT_WAIT_OPTIONS, maxRetriggersOf, MOVED_KEY, OBSERVED_KEY, OUTPUT_KEYS } from "./resourceInputs";
import type { JobResourceInputs, WaitOptions } from "./resourceInputs";
import { clientOptionsFor, resolveSettings, visibilityWindowMs } from "../client/settings";
import { watchEngineLiveness } from "./engineLiveness";
import { retryProgressLine } from "./retryProgress";
import { redactorFor } from "./secretPaths";
import { userFacingError } from "./userFacingError";
import type { ProviderSettings } from "../client/settings";
import { definitionDifferences, triggerOnce } from "./triggerOnce";
import type { JobClient, ReplacedJob } from "./triggerOnce";

/**
 * The implementation behind the serialized `InventoryTriggerJob` provider. The serialized object
 * only forwards to the functions at the end of this module (it `require`s this package inside each
 * method), so that what is stored in state stays small and a fix here reaches every stack without
 * touching state. Those functions are one instance of {@link createJobHandlers}; tests make their
 * own with a clock, a sleep and clients of their choosing.
 */

/** What `create` returns to the engine. */
export interface CreateResult {
  id: string;
  outs: Record<string, unknown>;
}

/** What `read` returns to the engine. */
export interface ReadResult {
  id: string;
  props: Record<string, unknown>;
  /**
   * The inputs to store from now on; absent when they are those state already holds, which the
   * engine then keeps (`RefreshStep.Apply` in `pkg/resource/deploy/step.go`: "Otherwise, retain the
   * current inputs").
   */
  inputs?: Record<string, unknown>;
}

/** The error shape the dynamic provider framework turns into a partially created resource. */
export interface PartialCreateError extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/** What the handlers depend on; every field has a default for the provider process. */
export interface HandlerDependencies {
  /** Makes the client of one region and bucket; default a {@link CiClient}. */
  newClient: (options: CiClientOptions) => JobClient;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock: () => number;
  /** Monotonic milliseconds, for how long a lost trigger is looked for; default `performance.now`. */
  now: () => number;
  /** Waits between two queries of a job being waited for. */
  sleep: (ms: number) => Promise<void>;
  /** Where progress lines go; default stderr, which the engine shows with the step. */
  log: (line: string) => void;
  /** The environment settings fall back to; default `process.env`. */
  env: NodeJS.ProcessEnv;
}

/** The provider's operations, as the serialized provider calls them. */
export interface JobHandlers {
  configure(config: { get(key: string): string | undefined }): void;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): JobCheck;
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff;
  create(props: Record<string, unknown>): Promise<CreateResult>;
  read(id: string, props: Record<string, unknown>): Promise<ReadResult>;
  update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ outs: Record<string, unknown> }>;
  remove(id: string, props: Record<string, unknown>): Promise<void>;
}

/** States a job may be cancelled in: queued, running or paused. */
const CANCELLABLE_STATES: readonly string[] = ["Submitted", "Running", "Pause"];

/** Makes the provider's operations over the given dependencies. */
export function createJobHandlers(dependencies: Partial<HandlerDependencies> = {}): JobHandlers {
  const deps: HandlerDependencies = {
    newClient: (options) => new CiClient(options),
    clock: Date.now,
    now: () => performance.now(),
    sleep: (ms) => delay(ms),
    log: (line) => console.error(line),
    env: process.env,
    ...dependencies,
  };
  let settings: ProviderSettings = resolveSettings(() => undefined, deps.env);
  const clients = new Map<string, JobClient>();
  /**
   * The job each replacement replaces, and the re-runs its new job counts, keyed by the replacement's inputs. `diff` always runs before
   * the `create` of a replacement, in the same provider process; `create` alone could not tell the
   * job it replaces from an interrupted attempt's (docs/lifecycle.md, "Names").
   */
  const replacements = new Map<string, ReplacedJob & { retriggers: number }>();
  /**
   * The run counter each declaration was given by a `check` that saw the previous inputs. When the
   * engine replaces a resource it checks the program's inputs a second time without the previous
   * ones (`pkg/resource/deploy/step_generator.go`: "recompute the default values") and creates from
   * that answer, so this second `check` must give the same counter, hence the same name.
   */
  const generations = new Map<string, number>();

  function clientFor(inputs: { region?: unknown; bucket?: unknown }): JobClient {
    const region = typeof inputs.region === "string" ? inputs.region : undefined;
    const bucket = typeof inputs.bucket === "string" ? inputs.bucket : undefined;
    const key = `${region ?? ""}/${bucket ?? ""}`;
    let client = clients.get(key);
    if (client === undefined) {
      // Each retry of a call prints one progress line (attempt n of m, next wait) with the step.
      client = deps.newClient({
        ...clientOptionsFor(settings, { region, bucket }),
        onRetry: (event) => deps.log(retryProgressLine(event)),
      });
      clients.set(key, client);
    }
    return client;
  }

  /**
   * Where the progress lines of one call go: to the log, with the values the given inputs mark
   * secret replaced (a job's name may be one).
   */
  function reporterFor(...inputs: Record<string, unknown>[]): Reporter {
    const redact = redactorFor(...inputs);
    return (job, what) =>
      deps.log(
        redact(
          `[tencent-ci] job ${job.jobId} (${job.name ?? "unnamed"}) ${what}${what === "is now" ? ` ${job.state ?? "in no state"}` : ""}`,
        ),
      );
  }

  async function waitForTerminalState(
    client: JobClient,
    start: JobDetail,
    wait: Required<WaitOptions>,
    progress: Reporter,
  ): Promise<JobDetail> {
    const deadline = deps.clock() + wait.timeoutSeconds * 1000;
    let job = start;
    let lastState = job.state;
    while (!isTerminal(job.state) && job.state !== NOT_FOUND_STATE && deps.clock() < deadline) {
      await deps.sleep(Math.min(wait.pollIntervalSeconds * 1000, Math.max(0, deadline - deps.clock())));
      job = (await client.describeJob(job.jobId)) ?? { ...job, state: NOT_FOUND_STATE };
      if (job.state !== lastState) progress(job, "is now");
      lastState = job.state;
    }
    return job;
  }

  const handlers: JobHandlers = {
    /** Takes the provider's configuration (stack config `tencent-ci:*`, else `TENCENTCLOUD_*`). */
    configure(config) {
      settings = resolveSettings((key) => config.get(key), deps.env);
      clients.clear();
    },

    /** Validates inputs, fills in the name and the run counter; see {@link checkJob}. */
    check(olds, news) {
      const key = declarationKey(news);
      if (olds.input === undefined && olds.operation === undefined && generations.has(key)) {
        return checkJob(news, { generation: generations.get(key) });
      }
      const result = checkJob(news, olds);
      if (typeof result.inputs.generation === "number") generations.set(key, result.inputs.generation);
      return result;
    },

    /** Classifies a change (see {@link diffJob}) and remembers the job a replacement replaces. */
    diff(id, olds, news) {
      const result = diffJob(olds, news);
      const progress = reporterFor(olds, news);
      if (isRefreshDiff(olds, news)) return result;
      const rerun = result.replaces.length === 1 && result.replaces[0] === "retriggerOnStates";
      if (result.replaces.length > 0) {
        replacements.set(declarationKey(news), {
          jobId: id,
          creationTime: typeof olds.creationTime === "string" ? olds.creationTime : undefined,
          // A re-run of the same declaration counts on; a new definition or new triggers start afresh.
          retriggers: rerun ? retriggersOf(olds) + 1 : 0,
        });
      }
      const job = { jobId: id, name: typeof olds.name === "string" ? olds.name : undefined };
      const max = maxRetriggersOf(news);
      if (rerun) progress(job, `is ${String(olds.state)}: this deploy runs it again (re-run ${retriggersOf(olds) + 1} of ${max})`);
      else if (result.replaces.length === 0 && retriggerVerdict(olds, news) === "spent") {
        progress(job, `is ${String(olds.state)}: ${spentReason(olds, max)}`);
      }
      return result;
    },

    /**
     * Triggers the job once (see {@link triggerOnce}) or adopts the one named by `import`, then
     * waits when asked. A job that ends other than `Success` while waiting fails the step but stays
     * in state, with its id and outputs, so it is never orphaned.
     */
    async create(props) {
      const inputs = withoutProviderKey(props) as JobResourceInputs & Record<string, unknown>;
      const progress = reporterFor(props);
      const client = clientFor(inputs);
      let job: JobDetail;
      const replacing = replacements.get(declarationKey(props));
      if (inputs.adoptJobId !== undefined) {
        job = await importJob(client, inputs.adoptJobId, inputs);
      } else {
        const request: TriggerJobRequest = {
          name: inputs.name as string,
          type: inputs.type,
          input: inputs.input ?? {},
          operation: inputs.operation ?? {},
        };
        const outcome = await triggerOnce(client, request, {
          refusedStates: inputs.retriggerOnStates ?? [],
          requireSameDefinition: inputs.autoName === undefined,
          replacing,
          visibilityWindowMs: visibilityWindowMs(settings),
          clock: deps.clock,
          now: deps.now,
          sleep: deps.sleep,
          log: progress,
        });
        job = outcome.job;
      }
      const record = replacing !== undefined && replacing.retriggers > 0 ? { retriggers: replacing.retriggers } : {};
      const wait = waitOptions(inputs.waitForCompletion);
      if (wait !== undefined) {
        job = await waitForTerminalState(client, job, wait, progress);
        if (job.state !== "Success") {
          throw partialCreate(
            job.jobId,
            { ...jobOutputs(inputs, job), ...record, __provider: props.__provider },
            notSuccessReason(job, wait),
          );
        }
      }
      return { id: job.jobId, outs: { ...jobOutputs(inputs, job), ...record } };
    },

    /**
     * Refreshes a job's outputs and stamps what it saw (see {@link OBSERVED_KEY}). A job the service
     * no longer knows keeps its last outputs with `state: "NotFound"` instead of being dropped:
     * dropping it would make the next deploy trigger a batch job over a whole bucket again.
     */
    async read(id, props) {
      const known = inputsOf(props);
      const client = clientFor(known);
      const job: JobDetail = (await client.describeJob(id)) ?? {
        ...(reportedOf(props) as Partial<JobDetail>),
        jobId: id,
        state: NOT_FOUND_STATE,
      };
      // Adopted through `.get()`: nothing declared yet, so the job's own definition becomes the inputs.
      const inputs =
        known.name === undefined ? { ...known, name: job.name, type: job.type, input: job.input, operation: job.operation } : known;
      const outputs = { ...jobOutputs(inputs, job), ...runRecordOf(props) };
      const moved = OUTPUT_KEYS.filter((key) => outputs[key] !== props[key]);
      const stamp = observedStamp(outputs);
      const refreshed = { ...outputs, [OBSERVED_KEY]: stamp, [MOVED_KEY]: moved };
      // Every step that writes outputs writes the inputs they derive from beside them, stamp included:
      // when the stored stamp is this one, the stored inputs are already what would be returned.
      // Leaving them out spares the engine and this process a second copy of each resource per refresh.
      if (known.name !== undefined && props[OBSERVED_KEY] === stamp) return { id, props: refreshed };
      return { id, props: refreshed, inputs: { ...inputs, [OBSERVED_KEY]: stamp } };
    },

    /**
     * Applies a change of life-cycle options (nothing to tell the service), and brings a job that is
     * out of step to account: waits again for one that must be waited for and has not succeeded,
     * failing the step again while it does not; warns about a failed or cancelled one otherwise.
     */
    async update(id, olds, news) {
      const progress = reporterFor(olds, news);
      const outs = { ...inputsOf(news), ...reportedOf(olds), ...runRecordOf(olds) };
      const wait = waitOptions(news.waitForCompletion as JobResourceInputs["waitForCompletion"]);
      const state = typeof olds.state === "string" ? olds.state : undefined;
      if (retriggerVerdict(olds, news) === "spent") {
        throw new Error(
          `job ${id} (${typeof olds.name === "string" ? olds.name : "unnamed"}) is ${String(state)}: ${spentReason(olds, maxRetriggersOf(news))}`,
        );
      }
      if (state === undefined || state === "Success") return { outs };
      const last: JobDetail = {
        ...(reportedOf(olds) as Partial<JobDetail>),
        jobId: id,
        name: typeof olds.name === "string" ? olds.name : undefined,
      };
      if (wait === undefined) {
        if (UNSUCCESSFUL_STATES.includes(state))
          progress(
            last,
            `is ${state}${last.code ? `: ${last.code}` : ""}${last.message ? ` ${last.message}` : ""}; list ${state} in retriggerOnStates or change triggers to run it again`,
          );
        return { outs };
      }
      if (isTerminal(state) || state === NOT_FOUND_STATE) throw new Error(notSuccessReason(last, wait));
      const client = clientFor(inputsOf(news));
      const now = (await client.describeJob(id)) ?? { ...last, state: NOT_FOUND_STATE };
      const job = await waitForTerminalState(client, now, wait, progress);
      if (job.state !== "Success") throw new Error(notSuccessReason(job, wait));
      return { outs: { ...jobOutputs(inputsOf(news), job), ...runRecordOf(olds) } };
    },

    /**
     * Cancels the job when it may still run (`Submitted`, `Running`, `Pause`) and `cancelOnDelete` is
     * not false: one request when the last known state says so, a describe first only when no state
     * is known. The job leaves state whatever the service answers about it: gone (404 `NoSuchJob`),
     * finished since, or still running and refused (some services cancel only jobs not yet started),
     * which the step reports as a warning naming the job, its state and the service's message, since
     * the job runs to its end upstream. Only a cancel that got no answer, or that the service refused
     * for the caller's sake (credentials, permissions, throttling), fails the delete.
     */
    async remove(id, props) {
      if (props.cancelOnDelete === false) return;
      const lastKnown = typeof props.state === "string" ? props.state : undefined;
      // A job last seen finished, or gone, can never run again: nothing to ask the service.
      if (lastKnown !== undefined && !CANCELLABLE_STATES.includes(lastKnown)) return;
      const client = clientFor(inputsOf(props));
      if (lastKnown === undefined) {
        const job = await client.describeJob(id);
        if (job?.state === undefined || !CANCELLABLE_STATES.includes(job.state)) return;
      }
      const job = { jobId: id, name: typeof props.name === "string" ? props.name : undefined };
      const progress = reporterFor(props);
      try {
        await client.cancelJob(id);
      } catch (error) {
        if (isJobGoneError(error)) return;
        if (!isRefusalOfTheJob(error)) throw error;
        const now = await client.describeJob(id);
        if (now === undefined || isTerminal(now.state)) return;
        progress(
          { ...job, state: now.state },
          `is ${now.state ?? "in no state"} and the service refused to cancel it (${error.code}: ${serviceDetail(error)}); it runs to its end upstream, and leaves this stack`,
        );
        return;
      }
      progress(job, "cancelled");
    },
  };

  // Every failure leaves through userFacingError: no stack trace, no value a program marked secret.
  return {
    configure: (config) => guard([], () => handlers.configure(config)),
    check: (olds, news) => guard([news], () => handlers.check(olds, news)),
    diff: (id, olds, news) => guard([olds, news], () => handlers.diff(id, olds, news)),
    create: (props) => guardAsync([props], () => handlers.create(props)),
    read: (id, props) => guardAsync([props], () => handlers.read(id, props)),
    update: (id, olds, news) => guardAsync([olds, news], () => handlers.update(id, olds, news)),
    remove: (id, props) => guardAsync([props], () => handlers.remove(id, props)),
  };
}

/** Reports one line of progress about a job. */
type Reporter = (job: JobDetail, what: string) => void;

function guard<T>(inputs: Record<string, unknown>[], run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw userFacingError(error, redactorFor(...inputs));
  }
}

async function guardAsync<T>(inputs: Record<string, unknown>[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw userFacingError(error, redactorFor(...inputs));
  }
}

/**
 * A service answer that refuses the request because of the job it names (its state, say), not
 * because of the caller: a 4xx other than those of credentials, permissions and throttling.
 */
function isRefusalOfTheJob(error: unknown): error is CiError {
  if (!isCiError(error) || error.statusCode === undefined) return false;
  return error.statusCode >= 400 && error.statusCode < 500 && ![401, 403, 429].includes(error.statusCode);
}

/** The service's own message of an error, without the client's framing. */
function serviceDetail(error: CiError): string {
  return error.message.replace(`${error.operation} failed: ${error.code}: `, "");
}

/** Why a spent re-run does not run again, and what would. */
function spentReason(olds: Record<string, unknown>, max: number): string {
  return `it was re-run ${retriggersOf(olds)} time${retriggersOf(olds) === 1 ? "" : "s"}, the most maxRetriggers (${max}) allows; change triggers or the definition to run it again, or raise maxRetriggers`;
}

/**
 * Adopts a job made elsewhere (the `import` option) after checking that it is the declared one: a
 * difference fails the create naming each field, as state would otherwise describe another job than
 * the one the service runs (and the next preview would replace it).
 */
async function importJob(client: JobClient, jobId: string, declared: JobResourceInputs): Promise<JobDetail> {
  const job = await client.describeJob(jobId);
  if (job === undefined) throw new Error(`cannot import job ${jobId}: the service does not know it`);
  const differences: string[] = [];
  if (declared.name !== undefined && job.name !== declared.name)
    differences.push(`name (the job has ${JSON.stringify(job.name)}, the program ${JSON.stringify(declared.name)})`);
  for (const path of definitionDifferences(job, declared)) {
    differences.push(
      `${path} (the job has ${describeValue(valueAt(job, path))}, the program ${describeValue(valueAt({ type: "Workflow", ...declared }, path))})`,
    );
  }
  if (differences.length > 0) throw new Error(`cannot import job ${jobId}: it differs from the program in ${differences.join(", ")}`);
  return job;
}

function describeValue(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/**
 * A declaration as both `check`s of a replacement, its `diff` and its `create` see it: without the
 * serialized provider and without the stamp of the last read, which only the first `check` carries.
 */
function declarationKey(inputs: Record<string, unknown>): string {
  const { [OBSERVED_KEY]: _observed, ...rest } = withoutProviderKey(inputs);
  return stableJson(rest);
}

/** A stamp of the fields the service reports, for {@link OBSERVED_KEY}. */
function observedStamp(outputs: Record<string, unknown>): string {
  return createHash("sha256")
    .update(stableJson(reportedOf(outputs)))
    .digest("hex")
    .slice(0, 16);
}

function notSuccessReason(job: JobDetail, wait: Required<WaitOptions>): string {
  if (job.state === NOT_FOUND_STATE) return `job ${job.jobId} is gone from the service; list NotFound in retriggerOnStates to run it again`;
  if (job.state === undefined || !isTerminal(job.state))
    return `job ${job.jobId} did not finish within ${wait.timeoutSeconds}s (last state ${job.state ?? "unknown"})`;
  return `job ${job.jobId} ended ${job.state}${job.code ? `: ${job.code}` : ""}${job.message ? ` ${job.message}` : ""}`;
}

function isTerminal(state: string | undefined): boolean {
  return state !== undefined && (TERMINAL_STATES as readonly string[]).includes(state);
}

function waitOptions(value: JobResourceInputs["waitForCompletion"]): Required<WaitOptions> | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? { ...DEFAULT_WAIT_OPTIONS } : { ...DEFAULT_WAIT_OPTIONS, ...value };
}

function partialCreate(id: string, properties: Record<string, unknown>, reason: string): PartialCreateError {
  return Object.assign(new Error(reason), { id, properties, reasons: [reason] });
}

/** The one provider instance the serialized provider uses. */
const provider = createJobHandlers();

/** Takes the provider's configuration (stack config `tencent-ci:*`, else `TENCENTCLOUD_*`). */
export function configure(config: { get(key: string): string | undefined }): void {
  provider.configure(config);
  exitWhenEngineIsGone();
}

/**
 * Ends the provider process once the engine that started it is gone, whatever it is doing: see
 * {@link watchEngineLiveness}.
 */
function exitWhenEngineIsGone(): void {
  watchEngineLiveness();
}

/** Validates inputs and fills in the name; see {@link checkJob}. */
export function check(olds: Record<string, unknown>, news: Record<string, unknown>): JobCheck {
  return provider.check(olds, news);
}

/** Classifies a change; see {@link diffJob}. */
export function diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  return provider.diff(id, olds, news);
}

/** Triggers the job once, or adopts the imported one; see {@link JobHandlers.create}. */
export function create(props: Record<string, unknown>): Promise<CreateResult> {
  return provider.create(props);
}

/** Refreshes a job's outputs; see {@link JobHandlers.read}. */
export function read(id: string, props: Record<string, unknown>): Promise<ReadResult> {
  return provider.read(id, props);
}

/** Applies life-cycle changes and waits again where needed; see {@link JobHandlers.update}. */
export function update(
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<{ outs: Record<string, unknown> }> {
  return provider.update(id, olds, news);
}

/** Cancels a job that may still run; see {@link JobHandlers.remove}. */
export function remove(id: string, props: Record<string, unknown>): Promise<void> {
  return provider.remove(id, props);
}
