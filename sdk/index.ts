/**
 * pulumi-tencent-ci: Tencent Cloud CI inventory trigger jobs as Pulumi resources.
 *
 * @packageDocumentation
 */
export { InventoryTriggerJob, INVENTORY_TRIGGER_JOB_TYPE } from "./inventoryTriggerJob";
export type { InventoryTriggerJobArgs, InventoryTriggerJobState, DeepInput, RetriggerState } from "./inventoryTriggerJob";
export { listInventoryTriggerJobs } from "./listJobs";
export type { ListInventoryTriggerJobsOptions } from "./listJobs";
import inventoryTriggerJobProvider = require("./dynamicProvider");
export { inventoryTriggerJobProvider };
// Named one by one rather than `export type *`, which older TypeScript versions cannot read.
export type {
  CallBackKafkaConfig,
  CallBackMqConfig,
  DigitalWatermark,
  JobDetail,
  JobInput,
  JobOperation,
  JobOutput,
  JobParam,
  JobState,
  JobType,
  ListJobsPage,
  ListJobsQuery,
  OrderByTime,
  ProcessingParams,
  ProcessingValue,
  StreamExtract,
  TimeInterval,
  TriggerJobRequest,
} from "../provider/model";
export type { WaitOptions } from "../provider/dynamic/resourceInputs";
