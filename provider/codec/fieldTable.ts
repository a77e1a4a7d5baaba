/**
 * The field table: the containers of the inventory trigger job API, described once for encoding,
 * decoding and validation, each typed against its model type (`provider/model.ts`) so that a field
 * the model lacks, or a carrier that does not fit its type, fails to compile.
 *
 * Element order follows the vendor's samples: the Workflow trigger sample (`TimeInterval`,
 * `WorkflowIds`), the `Type=Job` job in the list sample (`TimeInterval`, `QueueId`, `UserData`,
 * `CallBack`, `JobParam`, `Output`, `JobLevel`) and the independent-node trigger page, which puts
 * `Tag` after `CallBack`. Elements the samples never show are placed beside their relatives:
 * `QueueType` after `QueueId` (Java SDK `BatchJobTest`, `SpeedTranscoding`), the callback settings
 * after `CallBack` (Go SDK `InventoryTriggerJobOperation`, Java SDK `BatchJobOperation`).
 */
import type {
  CallBackKafkaConfig,
  CallBackMqConfig,
  JobDetail,
  JobInput,
  JobOperation,
  JobOutput,
  StreamExtract,
  TimeInterval,
  TriggerJobRequest,
} from "../model";
import type { Shape, TextField, TimeField } from "./mapping";

const text: TextField = { kind: "text" };
const time: TimeField = { kind: "time" };

/** `Input`: one source of objects. An empty `Prefix` is meaningful (the whole bucket), so it is kept. */
export const INPUT_SHAPE: Shape<JobInput> = {
  element: "Input",
  fields: [
    { key: "manifest", element: "Manifest", type: { kind: "text", keepEmpty: true } },
    { key: "urlFile", element: "UrlFile", type: { kind: "text", keepEmpty: true } },
    { key: "prefix", element: "Prefix", type: { kind: "text", keepEmpty: true } },
    { key: "object", element: "Object", type: { kind: "text", keepEmpty: true } },
  ],
};

/** `Operation/TimeInterval`. */
export const TIME_INTERVAL_SHAPE: Shape<TimeInterval> = {
  element: "TimeInterval",
  fields: [
    { key: "start", element: "Start", type: time },
    { key: "end", element: "End", type: time },
  ],
};

/** `Operation/CallBackMqConfig`; order of the Go SDK's `NotifyConfigCallBackMqConfig`. */
export const CALLBACK_MQ_CONFIG_SHAPE: Shape<CallBackMqConfig> = {
  element: "CallBackMqConfig",
  fields: [
    { key: "mqMode", element: "MqMode", type: text },
    { key: "mqRegion", element: "MqRegion", type: text },
    { key: "mqName", element: "MqName", type: text },
  ],
};

/** `Operation/CallBackKafkaConfig`; names from the Java SDK's `CallBackKafkaConfig`. */
export const CALLBACK_KAFKA_CONFIG_SHAPE: Shape<CallBackKafkaConfig> = {
  element: "CallBackKafkaConfig",
  fields: [
    { key: "region", element: "Region", type: text },
    { key: "instanceId", element: "InstanceId", type: text },
    { key: "topic", element: "Topic", type: text },
  ],
};

/** `Operation/Output/StreamExtract`, repeated. */
export const STREAM_EXTRACT_SHAPE: Shape<StreamExtract> = {
  element: "StreamExtract",
  fields: [
    { key: "index", element: "Index", type: text },
    { key: "object", element: "Object", type: text },
  ],
};

/** `Operation/Output`, in the order of the Go SDK's `JobOutput` (which also names BassObject and DrumObject). */
export const OUTPUT_SHAPE: Shape<JobOutput> = {
  element: "Output",
  fields: [
    { key: "region", element: "Region", type: text },
    { key: "bucket", element: "Bucket", type: text },
    { key: "object", element: "Object", type: text },
    { key: "spriteObject", element: "SpriteObject", type: text },
    { key: "auObject", element: "AuObject", type: text },
    { key: "bassObject", element: "BassObject", type: text },
    { key: "drumObject", element: "DrumObject", type: text },
    { key: "streamExtract", element: "StreamExtract", type: { kind: "list", shape: STREAM_EXTRACT_SHAPE } },
  ],
};

/** `Operation`, for both job types. */
export const OPERATION_SHAPE: Shape<JobOperation> = {
  element: "Operation",
  fields: [
    { key: "timeInterval", element: "TimeInterval", type: { kind: "record", shape: TIME_INTERVAL_SHAPE } },
    { key: "workflowIds", element: "WorkflowIds", type: { kind: "csv" } },
    { key: "queueId", element: "QueueId", type: text },
    { key: "queueType", element: "QueueType", type: text },
    { key: "userData", element: "UserData", type: text },
    { key: "callBack", element: "CallBack", type: text },
    { key: "callBackFormat", element: "CallBackFormat", type: text },
    { key: "callBackType", element: "CallBackType", type: text },
    { key: "callBackMqConfig", element: "CallBackMqConfig", type: { kind: "record", shape: CALLBACK_MQ_CONFIG_SHAPE } },
    { key: "callBackKafkaConfig", element: "CallBackKafkaConfig", type: { kind: "record", shape: CALLBACK_KAFKA_CONFIG_SHAPE } },
    { key: "tag", element: "Tag", type: text },
    { key: "jobParam", element: "JobParam", type: { kind: "generic" } },
    { key: "output", element: "Output", type: { kind: "record", shape: OUTPUT_SHAPE } },
    { key: "jobLevel", element: "JobLevel", type: { kind: "integer" } },
  ],
};

/** `Request` of a trigger. */
export const TRIGGER_REQUEST_SHAPE: Shape<TriggerJobRequest> = {
  element: "Request",
  fields: [
    { key: "name", element: "Name", type: text },
    { key: "type", element: "Type", type: text },
    { key: "input", element: "Input", type: { kind: "record", shape: INPUT_SHAPE } },
    { key: "operation", element: "Operation", type: { kind: "record", shape: OPERATION_SHAPE } },
  ],
};

/** `Response/JobsDetail`, in the order of the trigger page's response sample. */
export const JOB_DETAIL_SHAPE: Shape<JobDetail> = {
  element: "JobsDetail",
  fields: [
    { key: "code", element: "Code", type: text },
    { key: "message", element: "Message", type: text },
    { key: "type", element: "Type", type: text },
    { key: "name", element: "Name", type: text },
    { key: "jobId", element: "JobId", type: text },
    { key: "state", element: "State", type: text },
    { key: "creationTime", element: "CreationTime", type: time },
    { key: "startTime", element: "StartTime", type: time },
    { key: "endTime", element: "EndTime", type: time },
    { key: "input", element: "Input", type: { kind: "record", shape: INPUT_SHAPE } },
    { key: "operation", element: "Operation", type: { kind: "record", shape: OPERATION_SHAPE } },
  ],
};
