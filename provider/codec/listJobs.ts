/**
 * `GET /inventorytriggerjob?...`: the query parameters, and the page read from the `<Response>`.
 */
import type { JobState, JobType, ListJobsPage, ListJobsQuery, OrderByTime } from "../model";
import { CodecError } from "./codecError";
import { decodeJobsResponse } from "./jobsResponse";
import { splitIds } from "./mapping";

/** Parameter names in the order of the vendor's table; each is also the {@link ListJobsQuery} key. */
const TEXT_PARAMETERS = ["nextToken", "type", "orderByTime", "startCreationTime", "endCreationTime", "workflowId", "jobId", "name"] as const;

/**
 * The query parameters of a list call. Only given fields are sent; empty text and an empty
 * `states` are treated as not given, as the Go SDK's `omitempty` does. `states` is comma-joined,
 * `size` written in decimal. `type` is sent whenever given, although the Go SDK's
 * `DescribeInventoryTriggerJobsOptions` once lacked it.
 *
 * @throws CodecError when `size` is not an integer.
 */
export function encodeListJobsQuery(query: ListJobsQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.nextToken !== undefined && query.nextToken !== "") params.nextToken = query.nextToken;
  if (query.size !== undefined) {
    if (!Number.isSafeInteger(query.size)) throw new CodecError("size must be an integer");
    params.size = String(query.size);
  }
  for (const key of TEXT_PARAMETERS) {
    if (key === "nextToken") continue;
    const value = query[key];
    if (value !== undefined && value !== "") params[key] = value;
  }
  if (query.states !== undefined && query.states.length > 0) params.states = query.states.join(",");
  return params;
}

/**
 * Reads list parameters as the emulator receives them. Unknown parameters are ignored, as the
 * service ignores them; values are not checked against their enums here.
 *
 * @throws CodecError when `size` is not a decimal integer.
 */
export function decodeListJobsQuery(params: Readonly<Record<string, string | undefined>>): ListJobsQuery {
  const query: ListJobsQuery = {};
  for (const key of TEXT_PARAMETERS) {
    const value = params[key];
    if (value === undefined || value === "") continue;
    if (key === "type") query.type = value as JobType;
    else if (key === "orderByTime") query.orderByTime = value as OrderByTime;
    else query[key] = value;
  }
  const size = params.size;
  if (size !== undefined && size !== "") {
    if (!/^\d{1,9}$/.test(size)) throw new CodecError("size must be a decimal integer");
    query.size = Number(size);
  }
  const states = params.states === undefined ? [] : splitIds(params.states);
  if (states.length > 0) query.states = states as (JobState | "All")[];
  return query;
}

/**
 * Reads one page of a listing; `NextToken` absent or empty means the last page.
 *
 * @throws CodecError when the body is malformed.
 */
export function decodeListJobsResponse(xml: string): ListJobsPage {
  const response = decodeJobsResponse(xml);
  const page: ListJobsPage = { jobs: response.jobs };
  if (response.nextToken !== undefined) page.nextToken = response.nextToken;
  if (response.requestId !== undefined) page.requestId = response.requestId;
  return page;
}
