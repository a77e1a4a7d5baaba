/**
 * What the emulator keeps of each job, and the read-only copy tests get of it.
 */
import type { JobState, JobType } from "../../provider/model";
import type { JobPlan, LifecycleState } from "./lifecycle";
import type { XmlObject } from "./xmlValue";

/** One job as stored (and written to the state file). */
export interface JobRecord extends LifecycleState {
  /** Insertion order; breaks ties between jobs created in the same millisecond. */
  seq: number;
  jobId: string;
  name: string;
  type: JobType;
  /** `Input` as triggered. */
  input: XmlObject;
  /** `Operation` as triggered, `WorkflowIds` comma-joined. */
  operation: XmlObject;
  /** Workflows named, for the `workflowId` list filter. */
  workflowIds: string[];
  /** Creation time, epoch ms. */
  creationTime: number;
  /** Reads over the job's whole life. */
  reads: number;
}

/** A copy of a job for tests; changing it changes nothing in the emulator. */
export interface EmulatedJob {
  jobId: string;
  name: string;
  type: JobType;
  state: JobState;
  /** `Success` unless the job failed. */
  code: string;
  /** Empty unless the job failed. */
  message: string;
  /** Epoch ms. */
  creationTime: number;
  startTime?: number;
  endTime?: number;
  input: XmlObject;
  operation: XmlObject;
  /** Queries and list appearances of the job so far. */
  reads: number;
  plan: JobPlan;
}

/** A deep copy of what a test may look at. */
export function snapshotJob(job: JobRecord): EmulatedJob {
  return structuredClone({
    jobId: job.jobId,
    name: job.name,
    type: job.type,
    state: job.state,
    code: job.code,
    message: job.message,
    creationTime: job.creationTime,
    startTime: job.startTime,
    endTime: job.endTime,
    input: job.input,
    operation: job.operation,
    reads: job.reads,
    plan: job.plan,
  });
}
