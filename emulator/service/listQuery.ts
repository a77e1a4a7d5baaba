/**
 * The query parameters of `GET /inventorytriggerjob` (the list page's table), validated, and the
 * `NextToken` that pages through a listing.
 *
 * The token holds the sort key (creation time, then insertion order) of the last job returned, not
 * an offset: a job triggered while a client pages through a `Desc` listing sorts before the token
 * and never shifts later pages, and in an `Asc` listing it simply appears at the end.
 */
import type { JobState, JobType, OrderByTime } from "../../provider/model";
import { InvalidArgumentError } from "./errors";
import type { NameMatch } from "./serviceBehaviours";
import type { JobRecord } from "./jobRecord";
import { parseCiTime } from "./timeFormat";

/** Where a page starts: after the job with this sort key. */
export interface PageCursor {
  creationTime: number;
  seq: number;
}

/** A validated list query. */
export interface ListParams {
  size: number;
  orderByTime: OrderByTime;
  /** Undefined means all states. */
  states?: JobState[];
  type?: JobType;
  startCreationTime?: number;
  endCreationTime?: number;
  workflowId?: string;
  jobId?: string;
  name?: string;
  after?: PageCursor;
}

/** The type a listing without `type` returns. */
export const DEFAULT_LIST_TYPE: JobType = "Workflow";

/** Page size when `size` is absent. */
export const DEFAULT_PAGE_SIZE = 10;
/** Largest `size` the service accepts. */
export const MAX_PAGE_SIZE = 100;

const STATES: readonly JobState[] = ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"];

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

/** Encodes a cursor as an opaque token. */
export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.creationTime, s: cursor.seq }), "utf8").toString("base64url");
}

/** Decodes a token from {@link encodePageToken}; throws {@link InvalidArgumentError} for anything else. */
export function decodePageToken(token: string): PageCursor {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { t?: unknown; s?: unknown };
    if (Number.isSafeInteger(value.t) && Number.isSafeInteger(value.s)) {
      return { creationTime: value.t as number, seq: value.s as number };
    }
  } catch {
    // Falls through to the same answer as a token of the wrong shape.
  }
  return fail(`nextToken '${token}' is not a token this service returned.`);
}

function parseSize(value: string | undefined): number {
  if (value === undefined || value === "") {
    return DEFAULT_PAGE_SIZE;
  }
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE_SIZE) {
    return fail(`size must be an integer from 1 to ${MAX_PAGE_SIZE}, not '${value}'.`);
  }
  return Number(value);
}

function parseStates(value: string | undefined): JobState[] | undefined {
  if (value === undefined || value === "") {
    return undefined;
  }
  const states = value.split(",").map((state) => state.trim());
  for (const state of states) {
    if (state !== "All" && !(STATES as readonly string[]).includes(state)) {
      fail(`states must list All, ${STATES.join(", ")}; '${state}' is none of them.`);
    }
  }
  return states.includes("All") ? undefined : (states as JobState[]);
}

function parseTime(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") {
    return undefined;
  }
  const parsed = parseCiTime(value);
  if (parsed === undefined) {
    return fail(`${name} '${value}' is not in the format %Y-%m-%dT%H:%M:%S%z.`);
  }
  return parsed;
}

function parseChoice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === "") {
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    return fail(`${name} must be ${allowed.join(" or ")}, not '${value}'.`);
  }
  return value as T;
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Validates the list query; parameter names are matched exactly, as the page spells them. */
export function parseListQuery(query: ReadonlyMap<string, string>): ListParams {
  const startCreationTime = parseTime("startCreationTime", query.get("startCreationTime"));
  const endCreationTime = parseTime("endCreationTime", query.get("endCreationTime"));
  const token = optional(query.get("nextToken"));
  return {
    size: parseSize(query.get("size")),
    orderByTime: parseChoice("orderByTime", query.get("orderByTime"), ["Desc", "Asc"] as const) ?? "Desc",
    states: parseStates(query.get("states")),
    // The page names no default; the service is taken to list one type, Workflow, as the Go SDK's
    // type-less listing example (named for workflows) suggests. Clients must not rely on a listing
    // without type holding Job jobs, and the emulator keeps them honest.
    type: parseChoice("type", query.get("type"), ["Workflow", "Job"] as const) ?? DEFAULT_LIST_TYPE,
    startCreationTime,
    endCreationTime,
    workflowId: optional(query.get("workflowId")),
    jobId: optional(query.get("jobId")),
    name: optional(query.get("name")),
    after: token === undefined ? undefined : decodePageToken(token),
  };
}

/** Creation order: creation time, then insertion order for jobs of the same millisecond. */
export function compareJobs(a: JobRecord, b: JobRecord): number {
  return a.creationTime - b.creationTime || a.seq - b.seq;
}

function nameMatches(name: string, wanted: string, mode: NameMatch): boolean {
  switch (mode) {
    case "prefix":
      return name.startsWith(wanted);
    case "substring":
      return name.includes(wanted);
    default:
      return name === wanted;
  }
}

/**
 * Whether a job passes every filter of the query; times compare in whole seconds, as the service
 * writes them. `nameMatch` is how `name` matches, which the list page does not say.
 */
export function matchesListQuery(job: JobRecord, params: ListParams, nameMatch: NameMatch = "exact"): boolean {
  const created = Math.floor(job.creationTime / 1000) * 1000;
  return (
    (params.states === undefined || params.states.includes(job.state)) &&
    (params.type === undefined || job.type === params.type) &&
    (params.startCreationTime === undefined || created >= params.startCreationTime) &&
    (params.endCreationTime === undefined || created <= params.endCreationTime) &&
    (params.workflowId === undefined || job.workflowIds.includes(params.workflowId)) &&
    (params.jobId === undefined || job.jobId === params.jobId) &&
    (params.name === undefined || nameMatches(job.name, params.name, nameMatch))
  );
}
