/**
 * The route table: which method and path reach which handler, under which operation name.
 */
import { InvalidArgumentError, MethodNotAllowedError, NoSuchKeyError } from "../service/errors";
import type { ServiceError } from "../service/errors";
import type { OperationName } from "../service/faults";
import { cancelJob, describeJob, listJobs, triggerJob } from "./handlers";
import type { Handler } from "./handlers";

/** One API call. */
export interface Route {
  method: string;
  /** `collection`: `/inventorytriggerjob`; `job`: `/inventorytriggerjob/<jobId>`. */
  resource: "collection" | "job";
  /** A valueless query parameter the call requires, such as `cancel`. */
  subresource?: string;
  operation: OperationName;
  handler: Handler;
}

/** The four calls. */
export const ROUTES: readonly Route[] = [
  { method: "POST", resource: "collection", operation: "CreateInventoryTriggerJob", handler: triggerJob },
  { method: "GET", resource: "collection", operation: "DescribeInventoryTriggerJobs", handler: listJobs },
  { method: "GET", resource: "job", operation: "DescribeInventoryTriggerJob", handler: describeJob },
  // The README and the JS SDK send `?cancel`; the Go SDK's CancelInventoryTriggerJob omits it, which
  // the emulator refuses so that a client missing it is caught here rather than in production.
  {
    method: "PUT",
    resource: "job",
    subresource: "cancel",
    operation: "CancelInventoryTriggerJob",
    handler: cancelJob,
  },
];

/** A request that reached a call. */
export interface RouteMatch {
  route: Route;
  jobId?: string;
}

const COLLECTION = "/inventorytriggerjob";

function resourceOf(path: string): { resource: Route["resource"]; jobId?: string } | undefined {
  if (path === COLLECTION) {
    return { resource: "collection" };
  }
  const match = /^\/inventorytriggerjob\/([^/]+)$/.exec(path);
  if (match === null) {
    return undefined;
  }
  try {
    return { resource: "job", jobId: decodeURIComponent(match[1]) };
  } catch {
    throw new InvalidArgumentError("The job id in the path is not valid percent-encoding.");
  }
}

/** The call a request addresses, or the error for a path or method that names none. */
export function matchRoute(method: string, path: string, query: ReadonlyMap<string, string>): RouteMatch | ServiceError {
  let target: ReturnType<typeof resourceOf>;
  try {
    target = resourceOf(path);
  } catch (error) {
    return error as ServiceError;
  }
  if (target === undefined) {
    return new NoSuchKeyError(`No API at ${path}.`);
  }
  const candidates = ROUTES.filter((route) => route.resource === target.resource && route.method === method);
  const route = candidates.find((candidate) => candidate.subresource === undefined || query.has(candidate.subresource));
  if (route === undefined) {
    const needs = candidates.find((candidate) => candidate.subresource !== undefined)?.subresource;
    return new MethodNotAllowedError(
      needs === undefined ? `${method} is not allowed on ${path}.` : `${method} on ${path} needs the '${needs}' sub-resource (?${needs}).`,
    );
  }
  return { route, jobId: target.jobId };
}
