import { CiClient } from "../ciClient";
import { TERMINAL_STATES } from "../model";
import type { JobDetail, TriggerJobRequest } from "../model";
import { checkJob } from "./check";
import type { JobCheck } from "./check";
import { diffJob } from "./diff";
import type { JobDiff } from "./diff";
import { inputsOf, jobOutputs, NOT_FOUND_STATE, withoutProviderKey } from "./jobOutputs";
import { DEFAULT_WAIT_OPTIONS, OUTPUT_KEYS } from "./resourceInputs";
import type { JobResourceInputs, WaitOptions } from "./resourceInputs";
import { clientOptionsFor, resolveSettings } from "./settings";
import { watchEngineLiveness } from "./engineLiveness";
import { retryProgressLine } from "./retryProgress";
import type { ProviderSettings } from "./settings";

/**
 * The implementation behind the serialized `InventoryTriggerJob` provider. The serialized object
 * only forwards to these functions (it `require`s this package inside each method), so that what is
 * stored in state stays small and a fix here reaches every stack without touching state.
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
  inputs: Record<string, unknown>;
}

/** The error shape the dynamic provider framework turns into a partially created resource. */
export interface PartialCreateError extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/** States of a job that may be adopted by name instead of triggering again. */
const ADOPTABLE_STATES = ["Submitted", "Running", "Pause", "Success"];

let settings: ProviderSettings = resolveSettings(() => undefined);
const clients = new Map<string, CiClient>();

/** Takes the provider's configuration (stack config `tencent-ci:*`, else `TENCENTCLOUD_*`). */
export function configure(config: { get(key: string): string | undefined }): void {
  settings = resolveSettings((key) => config.get(key));
  clients.clear();
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
export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): JobCheck {
  return checkJob(news);
}

/** Classifies a change; see {@link diffJob}. */
export function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  return diffJob(olds, news);
}

/**
 * Triggers the job (or adopts the one named by `import`), then waits when asked. A job that ends
 * other than `Success` while waiting fails the step but stays in state, with its id and outputs, so
 * it is never orphaned.
 */
export async function create(props: Record<string, unknown>): Promise<CreateResult> {
  const inputs = withoutProviderKey(props) as JobResourceInputs & Record<string, unknown>;
  const client = clientFor(inputs);
  let job: JobDetail;
  if (inputs.adoptJobId !== undefined) {
    job = await adopt(client, inputs.adoptJobId, inputs.name);
  } else {
    const request: TriggerJobRequest = { name: inputs.name as string, type: inputs.type, input: inputs.input ?? {}, operation: inputs.operation ?? {} };
    const live = await findLiveJob(client, request, inputs.retriggerOnStates ?? []);
    job = live ?? (await client.triggerJob(request));
    if (live === undefined) progress(job, "triggered");
  }
  const wait = waitOptions(inputs.waitForCompletion);
  if (wait !== undefined) {
    job = await waitForTerminalState(client, job, wait);
    if (job.state !== "Success") {
      const reason = job.state === undefined || !TERMINAL_STATES.includes(job.state as never)
        ? `job ${job.jobId} did not finish within ${wait.timeoutSeconds}s (last state ${job.state ?? "unknown"})`
        : `job ${job.jobId} ended ${job.state}${job.code ? `: ${job.code}` : ""}${job.message ? ` ${job.message}` : ""}`;
      throw partialCreate(job.jobId, { ...jobOutputs(inputs, job), __provider: props.__provider }, reason);
    }
  }
  return { id: job.jobId, outs: jobOutputs(inputs, job) };
}

/**
 * Refreshes a job's outputs. A job the service no longer knows keeps its last outputs with
 * `state: "NotFound"` instead of being dropped: dropping it would make the next deploy trigger a
 * batch job over a whole bucket again.
 */
export async function read(id: string, props: Record<string, unknown>): Promise<ReadResult> {
  const known = inputsOf(props);
  const client = clientFor(known);
  const job = await client.describeJob(id);
  if (job === undefined) {
    return { id, props: { ...withoutProviderKey(props), jobId: id, state: NOT_FOUND_STATE }, inputs: known };
  }
  // Adopted through `.get()`: nothing declared yet, so the job's own definition becomes the inputs.
  const inputs = known.name === undefined ? { ...known, name: job.name, type: job.type, input: job.input, operation: job.operation } : known;
  return { id, props: jobOutputs(inputs, job), inputs };
}

/** Applies a change of life-cycle options: nothing to tell the service. */
export function update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): { outs: Record<string, unknown> } {
  const reported = Object.fromEntries(OUTPUT_KEYS.filter((key) => olds[key] !== undefined).map((key) => [key, olds[key]]));
  return { outs: { ...inputsOf(news), ...reported } };
}

/**
 * Cancels the job when it is still queued or running and `cancelOnDelete` is not false. The state
 * is read first: cancelling a finished job is refused by the service.
 */
export async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  if (props.cancelOnDelete === false) return;
  // A job last seen finished, or gone, can never run again: nothing to ask the service.
  if (typeof props.state === "string" && (isTerminal(props.state) || props.state === NOT_FOUND_STATE)) return;
  const client = clientFor(inputsOf(props));
  const job = await client.describeJob(id);
  if (job === undefined || (job.state !== "Submitted" && job.state !== "Running")) return;
  try {
    await client.cancelJob(id);
  } catch (error) {
    // The job may have finished between the query and the cancel; the service then refuses the
    // cancel, and there is nothing left to stop.
    const now = await client.describeJob(id);
    if (now === undefined || isTerminal(now.state)) return;
    throw error;
  }
  progress(job, "cancelled");
}

function clientFor(inputs: { region?: unknown; bucket?: unknown }): CiClient {
  const region = typeof inputs.region === "string" ? inputs.region : undefined;
  const bucket = typeof inputs.bucket === "string" ? inputs.bucket : undefined;
  const key = `${region ?? ""}/${bucket ?? ""}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = new CiClient({ ...clientOptionsFor(settings, { region, bucket }), onRetry: (event) => console.error(retryProgressLine(event)) });
    clients.set(key, client);
  }
  return client;
}

/**
 * Finds a job this resource already triggered under its name: one an interrupted deploy created,
 * for instance. Jobs in a state the resource asks to re-run, or that failed or were cancelled, are
 * not adopted.
 */
async function findLiveJob(client: CiClient, request: TriggerJobRequest, retriggerOnStates: string[]): Promise<JobDetail | undefined> {
  const page = await client.listJobsPage({ name: request.name, type: request.type ?? "Workflow", size: 100 });
  const live = page.jobs.find(
    (job) => job.name === request.name && job.state !== undefined && ADOPTABLE_STATES.includes(job.state) && !retriggerOnStates.includes(job.state),
  );
  if (live !== undefined) progress(live, "found under its name; adopting it instead of triggering again");
  return live;
}

async function adopt(client: CiClient, jobId: string, name: string | undefined): Promise<JobDetail> {
  const job = await client.describeJob(jobId);
  if (job === undefined) throw new Error(`cannot import job ${jobId}: the service does not know it`);
  if (name !== undefined && job.name !== undefined && job.name !== name) {
    throw new Error(`cannot import job ${jobId}: its name is ${job.name}, the program declares ${name}`);
  }
  return job;
}

async function waitForTerminalState(client: CiClient, start: JobDetail, wait: Required<WaitOptions>): Promise<JobDetail> {
  const deadline = Date.now() + wait.timeoutSeconds * 1000;
  let job = start;
  let lastState = job.state;
  while (!isTerminal(job.state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait.pollIntervalSeconds * 1000, Math.max(0, deadline - Date.now()))));
    job = (await client.describeJob(job.jobId)) ?? { ...job, state: NOT_FOUND_STATE };
    if (job.state !== lastState) progress(job, "is now");
    lastState = job.state;
    if (job.state === NOT_FOUND_STATE) break;
  }
  return job;
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

/** Progress goes to stderr, which the engine shows with the step. */
function progress(job: JobDetail, what: string): void {
  console.error(`[tencent-ci] job ${job.jobId} (${job.name ?? "unnamed"}) ${what}${what === "is now" ? ` ${job.state}` : ""}`);
}
