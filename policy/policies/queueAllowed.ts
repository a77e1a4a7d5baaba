import { stringList } from "../config";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link queueAllowed}. */
export interface QueueAllowedConfig {
  /** Queues jobs may use; unset lets every queue pass. */
  allowedQueueIds?: string[];
}

/** `queue-allowed` (advisory): a job's queue is in `allowedQueueIds`, when that is configured. */
export const queueAllowed = jobPolicy<QueueAllowedConfig>({
  name: "queue-allowed",
  description: "Jobs may only use the queues listed in allowedQueueIds.",
  enforcementLevel: "advisory",
  configSchema: { properties: { allowedQueueIds: stringList("Queue ids jobs may use. Unset: any queue.") } },
  check: (job, { allowedQueueIds }) => {
    const queueId = isPlainObject(job.operation) ? job.operation.queueId : undefined;
    if (allowedQueueIds === undefined || typeof queueId !== "string" || allowedQueueIds.includes(queueId)) return [];
    return [{ property: "operation.queueId", reason: `operation.queueId is ${queueId}, which is not in allowedQueueIds.` }];
  },
});
