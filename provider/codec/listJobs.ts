/**
 * `GET /inventorytriggerjob?...`: the query parameters. The page comes back as a `<Response>`
 * (`jobsResponse.ts`).
 */
import type { ListJobsQuery } from "../model";
import { CodecError } from "./codecError";

/** Parameter names in the order of the vendor's table; each is also the {@link ListJobsQuery} key. */
const TEXT_PARAMETERS = [
  "nextToken",
  "type",
  "orderByTime",
  "startCreationTime",
  "endCreationTime",
  "workflowId",
  "jobId",
  "name",
] as const;

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
