/**
 * One `JobsDetail`, the job description shared by the trigger, describe and list responses.
 */
import type { JobDetail } from "../model";
import type { XmlNode } from "./xml";
import { CodecError } from "./codecError";
import { decodeRecord } from "./mapping";
import { JOB_DETAIL_SHAPE } from "./fieldTable";

/**
 * Reads one `JobsDetail`: `-` times become absent, `JobLevel` a number, `WorkflowIds` a list, and
 * elements this version does not know are kept under `extra` (of the detail or of the container
 * they appear in).
 *
 * @throws CodecError when the element has no `JobId`, without which the job cannot be followed.
 */
export function decodeJobDetail(node: XmlNode): JobDetail {
  const detail = decodeRecord(node, JOB_DETAIL_SHAPE);
  if (!hasJobId(detail)) throw new CodecError("<JobsDetail> has no <JobId>");
  return detail;
}

/** Whether a decoded detail names its job; every other field of {@link JobDetail} is optional. */
function hasJobId(detail: Partial<JobDetail>): detail is Partial<JobDetail> & { jobId: string } {
  return detail.jobId !== undefined && detail.jobId.trim() !== "";
}
