/**
 * `GET /inventorytriggerjob/<jobId>`: no request body; the response is a `<Response>` body.
 */
import type { JobDetail } from "../model";
import { CodecError } from "./codecError";
import { decodeJobsResponse } from "./jobsResponse";

/**
 * Reads the answer to a describe call for `jobId`: the job, or `undefined` when the service lists
 * the id under `NonExistJobIds`.
 *
 * @throws CodecError when the body is malformed or neither describes nor disowns `jobId`.
 */
export function decodeDescribeJobResponse(xml: string, jobId: string): JobDetail | undefined {
  const response = decodeJobsResponse(xml);
  const job = response.jobs.find((candidate) => candidate.jobId === jobId);
  if (job !== undefined) return job;
  if (response.nonExistJobIds.includes(jobId)) return undefined;
  throw new CodecError("the response neither describes the requested job nor lists it as non-existent");
}
