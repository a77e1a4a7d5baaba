/**
 * The bodies the emulator answers, shaped like the samples of the trigger, query and list pages
 * and the common `<Error>` body.
 */
import type { ServiceError } from "../service/errors";
import type { EmulatedJob } from "../service/jobRecord";
import { formatCiTime, formatOptionalCiTime } from "../service/timeFormat";
import { renderXml } from "./xml";

/** One `JobsDetail`, in the element order of the samples. */
export function jobsDetail(job: EmulatedJob): Record<string, unknown> {
  return {
    Code: job.code,
    Message: job.message,
    Type: job.type,
    Name: job.name,
    JobId: job.jobId,
    State: job.state,
    CreationTime: formatCiTime(job.creationTime),
    StartTime: formatOptionalCiTime(job.startTime),
    EndTime: formatOptionalCiTime(job.endTime),
    Input: job.input,
    Operation: job.operation,
  };
}

/** The answer to a trigger: the new job. */
export function triggerResponse(requestId: string, job: EmulatedJob): string {
  return renderXml("Response", { RequestId: requestId, JobsDetail: jobsDetail(job) });
}

/** The answer to a query: the job, or its id under `NonExistJobIds` and no `JobsDetail`. */
export function queryResponse(requestId: string, jobId: string, job: EmulatedJob | undefined): string {
  return job === undefined
    ? renderXml("Response", { RequestId: requestId, NonExistJobIds: jobId })
    : renderXml("Response", { RequestId: requestId, JobsDetail: jobsDetail(job) });
}

/** The answer to a list: zero or more `JobsDetail`, then `NextToken` (empty on the last page). */
export function listResponse(requestId: string, jobs: readonly EmulatedJob[], nextToken: string | undefined): string {
  return renderXml("Response", { RequestId: requestId, JobsDetail: jobs.map(jobsDetail), NextToken: nextToken ?? "" });
}

/** The answer to a cancel: just the request id (the SDKs read nothing else). */
export function cancelResponse(requestId: string): string {
  return renderXml("Response", { RequestId: requestId });
}

/** The common error body. */
export function errorResponse(error: ServiceError, requestId: string, traceId: string): string {
  return renderXml("Error", { Code: error.code, Message: error.message, RequestId: requestId, TraceId: traceId }, true);
}
