import { setTimeout as delay } from "node:timers/promises";
import { CiClient } from "../client/ciClient";
import type { CiClientOptions } from "../client/ciClient";
import { isJobGoneError } from "../client/errors";
import { isRefusalOfTheRequest, serviceMessage } from "../client/failures";
import { clientOptionsFor, resolveSettings, settingFailures, visibilityWindowMs } from "../config/settings";
import type { ProviderSettings } from "../config/settings";
import { NOT_FOUND_STATE, stateHas } from "../model";
import type { JobDetail, TriggerJobRequest } from "../model";
import { stableJson } from "./autoName";
import { checkJob } from "./check";
import type { JobCheck } from "./check";
import { diffJob, retriggerVerdict } from "./diff";
import type { JobDiff } from "./diff";
import { importJob } from "./importJob";
import { inputsOf, jobOutputs, reportedOf, retriggersOf, runRecordOf, wasSeenToSucceed, withoutProviderKey } from "./jobOutputs";
import { isRefreshDiff, stampRead } from "./refreshStamp";
import { isUnknownValue, maxRetriggersOf, OBSERVED_KEY, PROVIDER_KEY } from "./resourceInputs";
import type { JobResourceInputs } from "./resourceInputs";
import { retryProgressLine } from "./retryProgress";
import { redactorFor } from "./secretPaths";
import { triggerOnce } from "./triggerOnce";
import type { JobClient, ReplacedJob } from "./triggerOnce";
import { userFacingError } from "./userFacingError";
import { notSuccessReason, partialCreate, waitForTerminalState, waitOptions } from "./wait";

/**
 * The engine's calls on an `InventoryTriggerJob`: check, diff, create, read, update, delete, over
 * injected dependencies. The provider process serves one instance (providerProcess.ts); tests make
 * their own with a clock, a sleep and clients of their choosing.
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

  const handlers: JobHandlers = {
    /** Takes the provider's configuration (stack config `tencent-ci:*`, else `TENCENTCLOUD_*`). */
    configure(config) {
      settings = resolveSettings((key) => config.get(key), deps.env);
      clients.clear();
    },

    /** Validates inputs, fills in the name and the run counter; see {@link checkJob}. */
    check(olds, news) {
      const key = declarationKey(news);
      const result =
        olds.input === undefined && olds.operation === undefined && generations.has(key)
          ? checkJob(news, { generation: generations.get(key) })
          : checkJob(news, olds);
      if (typeof result.inputs.generation === "number") generations.set(key, result.inputs.generation);
      // A setting a request needs fails the preview, naming the stack config key and its variable,
      // rather than the first request of `up`.
      const own = (value: unknown) => (typeof value === "string" && !isUnknownValue(value) ? value : undefined);
      const failures = settingFailures(
        settings,
        { region: own(news.region), bucket: own(news.bucket) },
        { region: isUnknownValue(news.region), bucket: isUnknownValue(news.bucket) },
      );
      return failures.length === 0 ? result : { ...result, failures: [...result.failures, ...failures] };
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
        job = await waitForTerminalState(client, job, wait, deps, progress);
        if (job.state !== "Success") {
          throw partialCreate(
            job.jobId,
            { ...jobOutputs(inputs, job), ...record, [PROVIDER_KEY]: props[PROVIDER_KEY] },
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
      const { refreshed, stamp, unchanged } = stampRead({ ...jobOutputs(inputs, job), ...runRecordOf(props) }, props);
      // Leaving unchanged inputs out spares the engine and this process a second copy of each
      // resource per refresh; an adopted job's inputs are new, so they are always returned.
      if (known.name !== undefined && unchanged) return { id, props: refreshed };
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
      if (state === undefined || wasSeenToSucceed(olds)) return { outs };
      const last: JobDetail = {
        ...(reportedOf(olds) as Partial<JobDetail>),
        jobId: id,
        name: typeof olds.name === "string" ? olds.name : undefined,
      };
      if (wait === undefined) {
        if (stateHas(state, "unsuccessful"))
          progress(
            last,
            `is ${state}${last.code ? `: ${last.code}` : ""}${last.message ? ` ${last.message}` : ""}; list ${state} in retriggerOnStates or change triggers to run it again`,
          );
        return { outs };
      }
      if (stateHas(state, "terminal")) throw new Error(notSuccessReason(last, wait));
      const client = clientFor(inputsOf(news));
      const now = (await client.describeJob(id)) ?? { ...last, state: NOT_FOUND_STATE };
      const job = await waitForTerminalState(client, now, wait, deps, progress);
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
      if (lastKnown !== undefined && !stateHas(lastKnown, "cancellable")) return;
      const client = clientFor(inputsOf(props));
      if (lastKnown === undefined) {
        const job = await client.describeJob(id);
        if (!stateHas(job?.state, "cancellable")) return;
      }
      const job = { jobId: id, name: typeof props.name === "string" ? props.name : undefined };
      const progress = reporterFor(props);
      try {
        await client.cancelJob(id);
      } catch (error) {
        if (isJobGoneError(error)) return;
        if (!isRefusalOfTheRequest(error)) throw error;
        const now = await client.describeJob(id);
        if (now === undefined || stateHas(now.state, "terminal")) return;
        progress(
          { ...job, state: now.state },
          `is ${now.state ?? "in no state"} and the service refused to cancel it (${error.code}: ${serviceMessage(error)}); it runs to its end upstream, and leaves this stack`,
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

/** Why a spent re-run does not run again, and what would. */
function spentReason(olds: Record<string, unknown>, max: number): string {
  return `it was re-run ${retriggersOf(olds)} time${retriggersOf(olds) === 1 ? "" : "s"}, the most maxRetriggers (${max}) allows; change triggers or the definition to run it again, or raise maxRetriggers`;
}

/**
 * A declaration as both `check`s of a replacement, its `diff` and its `create` see it: without the
 * serialized provider and without the stamp of the last read, which only the first `check` carries.
 */
function declarationKey(inputs: Record<string, unknown>): string {
  const { [OBSERVED_KEY]: _observed, ...rest } = withoutProviderKey(inputs);
  return stableJson(rest);
}
