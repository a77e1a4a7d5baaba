/**
 * The `listInventoryTriggerJobs` function: the same listing as the TypeScript SDK's
 * `listInventoryTriggerJobs`, with the provider's settings instead of the program's config.
 */
import type { JobDetail, ListJobsQuery } from "../model";
import { isPlainObject } from "../values";
import { CiClient, clientOptionsFor } from "./lifecycle";
import type { CiClientOptions, ProviderSettings } from "./lifecycle";

/** How many jobs at most when the caller gives no `limit`: a busy bucket must not exhaust memory. */
export const DEFAULT_LIST_LIMIT = 1000;

/** The filters passed on to the service, by name and the type each must have. */
const FILTERS: Record<Exclude<keyof ListJobsQuery, "nextToken">, "string" | "number" | "strings"> = {
  size: "number",
  type: "string",
  orderByTime: "string",
  states: "strings",
  startCreationTime: "string",
  endCreationTime: "string",
  workflowId: "string",
  jobId: "string",
  name: "string",
};

/** A client for the listing; a parameter so that tests can count what it is given. */
export type ListClientFactory = (options: CiClientOptions) => Pick<CiClient, "listJobs" | "close">;

/**
 * Lists jobs for the function's arguments: the filters of {@link ListJobsQuery}, `region` and
 * `bucket` overriding the provider's, and `limit`. An argument of the wrong type fails naming it.
 */
export async function listJobs(
  args: Record<string, unknown>,
  settings: ProviderSettings,
  newClient: ListClientFactory = (options) => new CiClient(options),
): Promise<{ jobs: JobDetail[] }> {
  const query: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(FILTERS)) {
    const value = args[key];
    if (value === undefined || value === null) continue;
    const fits = kind === "strings" ? Array.isArray(value) && value.every((item) => typeof item === "string") : typeof value === kind;
    if (!fits) throw new Error(`listInventoryTriggerJobs: ${key} must be ${kind === "strings" ? "a list of strings" : `a ${kind}`}`);
    query[key] = value;
  }
  const limit = typeof args.limit === "number" && Number.isInteger(args.limit) && args.limit >= 0 ? args.limit : DEFAULT_LIST_LIMIT;
  const client = newClient(
    clientOptionsFor(settings, {
      region: typeof args.region === "string" ? args.region : undefined,
      bucket: typeof args.bucket === "string" ? args.bucket : undefined,
    }),
  );
  const jobs: JobDetail[] = [];
  try {
    if (limit > 0) {
      for await (const job of client.listJobs(query)) {
        jobs.push(withoutAbsent(job) as JobDetail);
        if (jobs.length >= limit) break;
      }
    }
  } finally {
    await client.close();
  }
  return { jobs };
}

/** A copy without `undefined` values, which a protobuf Struct cannot hold. */
function withoutAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAbsent);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, withoutAbsent(item)]),
  );
}
