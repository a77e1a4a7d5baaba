/**
 * Thin handlers: each turns a routed request into one backend call and renders the answer.
 */
import type { CiBackend } from "../service/backend";
import { parseListQuery } from "../service/listQuery";
import { cancelResponse, listResponse, queryResponse, triggerResponse } from "./responses";
import { parseTrigger } from "./requests";

/** What a handler gets. */
export interface HandlerContext {
  backend: CiBackend;
  /** The job id of the path, decoded, for per-job calls. */
  jobId?: string;
  /** Decoded query parameters (the first of a repeated name). */
  query: ReadonlyMap<string, string>;
  body: string;
  requestId: string;
}

/** What a handler answers; errors are thrown as `ServiceError`s instead. */
export interface HandlerResult {
  status: number;
  body: string;
  /** Whether the call changed state (a created job), which a reset-after-commit fault needs. */
  committed: boolean;
}

/** A handler. */
export type Handler = (context: HandlerContext) => HandlerResult;

/** `POST /inventorytriggerjob`. */
export const triggerJob: Handler = ({ backend, body, requestId }) => {
  const job = backend.trigger(parseTrigger(body));
  return { status: 200, body: triggerResponse(requestId, job), committed: true };
};

/**
 * `GET /inventorytriggerjob/<jobId>`: an unknown id is a 200 naming it in `NonExistJobIds`, or the
 * backend's 404 under the `unknownJob404` fault.
 */
export const describeJob: Handler = ({ backend, jobId = "", requestId }) => {
  return { status: 200, body: queryResponse(requestId, jobId, backend.describe(jobId)), committed: false };
};

/** `GET /inventorytriggerjob?…`. */
export const listJobs: Handler = ({ backend, query, requestId }) => {
  const page = backend.list(parseListQuery(query));
  return { status: 200, body: listResponse(requestId, page.jobs, page.nextToken), committed: false };
};

/** `PUT /inventorytriggerjob/<jobId>?cancel`. */
export const cancelJob: Handler = ({ backend, jobId = "", requestId }) => {
  backend.cancel(jobId);
  return { status: 200, body: cancelResponse(requestId), committed: true };
};
