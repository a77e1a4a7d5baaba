import type { CiClient } from "../client/ciClient";
import { isCiError } from "../client/errors";
import type { JobDetail, ListJobsPage, TriggerJobRequest } from "../model";
import { changedPaths } from "./diff";

/** The calls of the CI client the provider makes; tests may hand in their own. */
export type JobClient = Pick<CiClient, "triggerJob" | "describeJob" | "listJobsPage" | "cancelJob">;

/** States a job found under the resource's name may be in to be taken as this run's job. */
export const ADOPTABLE_STATES: readonly string[] = ["Submitted", "Running", "Pause", "Success"];

/** The job a replacement replaces, as `diff` saw it. */
export interface ReplacedJob {
  jobId: string;
  /** `%Y-%m-%dT%H:%M:%S%z`, when known. */
  creationTime?: string;
}

/** What {@link triggerOnce} needs to know besides the request. */
export interface TriggerOnceOptions {
  /** States listed in `retriggerOnStates`: a job in one of them is never adopted. */
  refusedStates?: readonly string[];
  /**
   * Whether a job found under the name must have the declared definition to be adopted: true for
   * an explicit `name`, which carries no run counter; an auto-name already encodes the definition.
   */
  requireSameDefinition?: boolean;
  /** The job this create replaces: never adopted, nor any job created before it. */
  replacing?: ReplacedJob;
  /** How many times the trigger is sent when each attempt may have been lost; default 3. */
  maxAttempts?: number;
  /** Waits between two attempts; injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Reports what happened (progress lines). */
  log?: (job: JobDetail, what: string) => void;
}

/** The job a create ends with, and whether it was found rather than triggered. */
export interface TriggerOutcome {
  job: JobDetail;
  adopted: boolean;
}

/** Jobs listed per look-up: the service's maximum page. */
const LOOKUP_PAGE_SIZE = 100;

/**
 * Makes sure exactly one job runs for one declared run, whatever fails on the way.
 *
 * 1. One listing of the jobs under the name (newest first, the type always sent because the listing
 *    filters on it, `Workflow` by default). It yields the job this run may already have (an
 *    interrupted deploy's) and the ids that existed before any trigger.
 * 2. A job is adopted only when {@link isAdoptable} says so: never `Failed` or `Cancel`, never a state
 *    the resource re-runs, never the job being replaced or an older one.
 * 3. Otherwise one trigger. After a failure that may have created the job, a second listing accepts
 *    only a job id that was not there before the trigger: an earlier job of the same name (a failed
 *    one being re-run, say) is never returned as this trigger's job.
 */
export async function triggerOnce(
  client: JobClient,
  request: TriggerJobRequest,
  options: TriggerOnceOptions = {},
): Promise<TriggerOutcome> {
  const log = options.log ?? (() => undefined);
  const before = await listByName(client, request);
  const existing = new Set(before.jobs.map((job) => job.jobId));
  const found = before.jobs.find((job) => isAdoptable(job, request, options));
  if (found !== undefined) {
    log(found, "found under its name; adopting it instead of triggering again");
    return { job: found, adopted: true };
  }
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const job = await client.triggerJob(request);
      log(job, "triggered");
      return { job, adopted: false };
    } catch (error) {
      if (!isMaybeSent(error)) throw error;
      const created = await findCreatedSince(client, request, existing, error);
      if (created !== undefined) {
        log(created, "triggered (found after an answer was lost)");
        return { job: created, adopted: false };
      }
      if (attempt >= maxAttempts) throw error;
      // The client's own backoff for a call it retries: 200 ms doubling, at most 20 s.
      await (options.sleep ?? defaultSleep)(Math.min(20_000, 200 * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Whether a job found under the run's name may be taken as this run's job (see docs/lifecycle.md,
 * "Names").
 */
export function isAdoptable(job: JobDetail, request: TriggerJobRequest, options: TriggerOnceOptions): boolean {
  if (job.name !== request.name || job.state === undefined) return false;
  if (!ADOPTABLE_STATES.includes(job.state) || (options.refusedStates ?? []).includes(job.state)) return false;
  const replacing = options.replacing;
  if (replacing !== undefined) {
    if (job.jobId === replacing.jobId) return false;
    const replacedAt = replacing.creationTime === undefined ? undefined : parseJobTime(replacing.creationTime);
    const createdAt = job.creationTime === undefined ? undefined : parseJobTime(job.creationTime);
    // Only a job provably newer than the one replaced can be this run's: an older one is an earlier run.
    if (replacedAt !== undefined && (createdAt === undefined || createdAt <= replacedAt)) return false;
  }
  return !options.requireSameDefinition || definitionDifferences(job, request).length === 0;
}

/**
 * Paths where a job's definition, as the service reports it, differs from a declared one: `type`
 * (default `Workflow`), then leaves of `input` and `operation`.
 */
export function definitionDifferences(job: JobDetail, declared: { type?: string; input?: unknown; operation?: unknown }): string[] {
  return [
    ...changedPaths(job.type ?? "Workflow", declared.type ?? "Workflow", "type"),
    ...changedPaths(job.input ?? {}, declared.input ?? {}, "input"),
    ...changedPaths(job.operation ?? {}, declared.operation ?? {}, "operation"),
  ];
}

/** Epoch ms of a service time (`2022-06-27T15:23:10+0800`), or `undefined` when it has another shape. */
export function parseJobTime(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([+-]\d{2})(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const ms = Date.parse(`${match[1]}${match[2]}:${match[3]}`);
  return Number.isNaN(ms) ? undefined : ms;
}

async function listByName(client: JobClient, request: TriggerJobRequest): Promise<ListJobsPage> {
  // The listing returns one type only (Workflow unless asked), so the type is always sent.
  const page = await client.listJobsPage({
    name: request.name,
    type: request.type ?? "Workflow",
    size: LOOKUP_PAGE_SIZE,
    orderByTime: "Desc",
  });
  return { ...page, jobs: page.jobs.filter((job) => job.name === request.name) };
}

/**
 * The job a trigger that may have been lost created: one under the name whose id was not listed
 * before the trigger. A failed look-up fails the create, saying the job may exist; the next deploy's
 * listing finds it.
 */
async function findCreatedSince(
  client: JobClient,
  request: TriggerJobRequest,
  existing: Set<string>,
  triggerError: Error,
): Promise<JobDetail | undefined> {
  let page: ListJobsPage;
  try {
    page = await listByName(client, request);
  } catch (error) {
    throw new Error(
      `job ${request.name} may have been created (${triggerError.message}), and looking it up failed (${error instanceof Error ? error.message : String(error)}); the next deploy finds it by name`,
      { cause: error },
    );
  }
  return page.jobs.find((job) => !existing.has(job.jobId));
}

/** A trigger failure after which the service may have created the job. */
function isMaybeSent(error: unknown): error is Error {
  return isCiError(error) && error.maybeSent === true;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
