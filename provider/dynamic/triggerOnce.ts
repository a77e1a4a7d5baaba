import { setTimeout as delay } from "node:timers/promises";
import type { CiClient } from "../client/ciClient";
import type { CiError } from "../client/errors";
import { formatServiceTime, parseServiceTime, stateHas } from "../model";
import type { JobDetail, TriggerJobRequest } from "../model";
import { isPlainObject } from "../values";
import { changedPaths } from "./diff";

/** The calls of the CI client the provider makes; tests may hand in their own. */
export type JobClient = Pick<CiClient, "triggerJob" | "describeJob" | "listJobs" | "listJobsPage" | "cancelJob">;

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
  /**
   * How long, in ms, a job a lost trigger may have created is looked for in listings before that
   * trigger is taken as not created and sent again; default {@link DEFAULT_VISIBILITY_WINDOW_MS}.
   * The service's listing may show a new job late; see docs/lifecycle.md, "Trigger once".
   */
  visibilityWindowMs?: number;
  /** Wall clock in ms since the epoch, for the look-ups' creation-time window; default `Date.now`. */
  clock?: () => number;
  /** Monotonic ms, for the visibility window; default `performance.now`. */
  now?: () => number;
  /** Waits between two look-ups; injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Reports what happened (progress lines). */
  log?: (job: JobDetail, what: string) => void;
}

/** The job a create ends with, and whether it was found rather than triggered. */
export interface TriggerOutcome {
  job: JobDetail;
  adopted: boolean;
}

/** Default of {@link TriggerOnceOptions.visibilityWindowMs}: 30 s. */
export const DEFAULT_VISIBILITY_WINDOW_MS = 30_000;

/** Jobs listed per look-up page: the service's maximum. */
const LOOKUP_PAGE_SIZE = 100;

/** Waits between two look-ups within the visibility window: soon at first, then every 5 s. */
const LOOKUP_WAITS_MS: readonly number[] = [1000, 2000, 4000, 5000];

/**
 * How far before a trigger the look-up after it starts listing: the service stamps the job with its
 * own clock, which the service lets differ from ours by up to 15 minutes before it refuses a
 * signature. The window only bounds how many pages are read; jobs listed before the trigger are
 * excluded by id.
 */
const CLOCK_MARGIN_MS = 60 * 60_000;

/**
 * Makes sure exactly one job runs for one declared run, whatever fails on the way.
 *
 * 1. One look-up of the jobs under the name (every page, newest first, the type always sent because
 *    the listing filters on it, `Workflow` by default; from the replaced job's creation when there is
 *    one). It yields the job this run may already have (an interrupted deploy's) and the ids that
 *    existed before any trigger. Names are compared exactly here: how the service matches `name` is
 *    not documented, and names are not unique.
 * 2. A job is adopted only when {@link isAdoptable} says so: never `Failed` or `Cancel`, never a state
 *    the resource re-runs, never the job being replaced or an older one.
 * 3. Otherwise one trigger. After a failure that may have created the job, nothing is sent again
 *    before {@link findCreatedWithin} has looked over the whole visibility window and found no job
 *    under the name whose id was not there before: an earlier job of the same name (a failed one
 *    being re-run, say) is never returned as this trigger's job, and a listing that shows new jobs
 *    late does not make a second one.
 */
export async function triggerOnce(
  client: JobClient,
  request: TriggerJobRequest,
  options: TriggerOnceOptions = {},
): Promise<TriggerOutcome> {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? Date.now;
  const before = await jobsNamed(client, request, options.replacing?.creationTime);
  const existing = new Set(before.map((job) => job.jobId));
  const found = before.find((job) => isAdoptable(job, request, options));
  if (found !== undefined) {
    log(found, "found under its name; adopting it instead of triggering again");
    return { job: found, adopted: true };
  }
  // Ids of jobs found after a lost answer, for the progress line.
  const recovered = new Set<string>();
  // Within what the first look-up covered, so that every job listed since then and not by it is new.
  const replacedAt =
    options.replacing?.creationTime === undefined ? undefined : parseServiceTime(options.replacing.creationTime)?.getTime();
  const since = formatServiceTime(Math.max(replacedAt ?? -Infinity, clock() - CLOCK_MARGIN_MS));
  const job = await client.triggerJob(request, {
    findCreated: async (lost) => {
      const created = await findCreatedWithin(client, request, existing, since, lost, options);
      if (created !== undefined) recovered.add(created.jobId);
      return created;
    },
  });
  log(job, recovered.has(job.jobId) ? "triggered (found after an answer was lost)" : "triggered");
  return { job, adopted: false };
}

/**
 * The job a trigger that may have been lost created: one under the name whose id was not listed
 * before the trigger. The service may list a new job late, so an empty answer is believed only once
 * the visibility window has passed; until then the name is looked up again. A failed look-up fails
 * the create, saying the job may exist; the next deploy's look-up finds it.
 */
export async function findCreatedWithin(
  client: JobClient,
  request: TriggerJobRequest,
  existing: ReadonlySet<string>,
  since: string,
  lost: CiError,
  options: TriggerOnceOptions = {},
): Promise<JobDetail | undefined> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const windowMs = options.visibilityWindowMs ?? DEFAULT_VISIBILITY_WINDOW_MS;
  const start = now();
  for (let lookUp = 0; ; lookUp++) {
    let jobs: JobDetail[];
    try {
      jobs = await jobsNamed(client, request, since);
    } catch (error) {
      throw new Error(
        `job ${request.name} may have been created (${lost.message}), and looking it up failed (${error instanceof Error ? error.message : String(error)}); the next deploy finds it by name`,
        { cause: error },
      );
    }
    const created = jobs.find((job) => !existing.has(job.jobId));
    if (created !== undefined) return created;
    const left = windowMs - (now() - start);
    if (left <= 0) return undefined;
    await sleep(Math.min(LOOKUP_WAITS_MS[Math.min(lookUp, LOOKUP_WAITS_MS.length - 1)], left));
  }
}

/**
 * Whether a job found under the run's name may be taken as this run's job (see docs/lifecycle.md,
 * "Names").
 */
export function isAdoptable(job: JobDetail, request: TriggerJobRequest, options: TriggerOnceOptions): boolean {
  if (job.name !== request.name || job.state === undefined) return false;
  if (!stateHas(job.state, "adoptable") || (options.refusedStates ?? []).includes(job.state)) return false;
  const replacing = options.replacing;
  if (replacing !== undefined) {
    if (job.jobId === replacing.jobId) return false;
    const replacedAt = replacing.creationTime === undefined ? undefined : parseServiceTime(replacing.creationTime)?.getTime();
    const createdAt = job.creationTime === undefined ? undefined : parseServiceTime(job.creationTime)?.getTime();
    // Only a job provably newer than the one replaced can be this run's: an older one is an earlier run.
    if (replacedAt !== undefined && (createdAt === undefined || createdAt <= replacedAt)) return false;
  }
  return !options.requireSameDefinition || definitionDifferences(job, request).length === 0;
}

/**
 * Paths where a job's definition, as the service reports it, differs from a declared one: `type`
 * (default `Workflow`), then the leaves of `input` and `operation` that the program declared. A field
 * the program left out and the service filled in (`operation.jobLevel` 0, an empty
 * `operation.userData`) is no difference: the service is free to report its defaults. A declared
 * field the service does not report is one: nothing shows that the job has it.
 */
export function definitionDifferences(job: JobDetail, declared: { type?: string; input?: unknown; operation?: unknown }): string[] {
  return [
    ...changedPaths(job.type ?? "Workflow", declared.type ?? "Workflow", "type"),
    ...changedPaths(declaredPart(job.input, declared.input), declared.input ?? {}, "input"),
    ...changedPaths(declaredPart(job.operation, declared.operation), declared.operation ?? {}, "operation"),
  ];
}

/**
 * The part of a reported value that a declaration speaks of: objects keep only the keys declared
 * (recursively); anything else is compared whole.
 */
function declaredPart(reported: unknown, declared: unknown): unknown {
  if (!isPlainObject(reported)) return reported ?? {};
  if (!isPlainObject(declared)) return declared === undefined ? {} : reported;
  return Object.fromEntries(
    Object.keys(declared)
      .filter((key) => declared[key] !== undefined && reported[key] !== undefined)
      .map((key) => [key, declaredPart(reported[key], declared[key])]),
  );
}

/**
 * Every job of the request's type listed under its name, compared exactly, created at or after
 * `since` when given; every page is read (the listing's `NextToken`), newest first.
 */
async function jobsNamed(client: JobClient, request: TriggerJobRequest, since?: string): Promise<JobDetail[]> {
  const jobs: JobDetail[] = [];
  // The listing returns one type only (Workflow unless asked), so the type is always sent.
  for await (const job of client.listJobs({
    name: request.name,
    type: request.type ?? "Workflow",
    size: LOOKUP_PAGE_SIZE,
    orderByTime: "Desc",
    ...(since === undefined ? {} : { startCreationTime: since }),
  })) {
    if (job.name === request.name) jobs.push(job);
  }
  return jobs;
}
