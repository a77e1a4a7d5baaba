/**
 * The containers of the inventory trigger job API, described once for encoding and decoding.
 *
 * Element order follows the vendor's samples: the Workflow trigger sample (`TimeInterval`,
 * `WorkflowIds`), the `Type=Job` job in the list sample (`TimeInterval`, `QueueId`, `UserData`,
 * `CallBack`, `JobParam`, `Output`, `JobLevel`) and the independent-node trigger page, which puts
 * `Tag` after `CallBack`. Elements the samples never show are placed beside their relatives:
 * `QueueType` after `QueueId` (Java SDK `BatchJobTest`, `SpeedTranscoding`), the callback settings
 * after `CallBack` (Go SDK `InventoryTriggerJobOperation`, Java SDK `BatchJobOperation`).
 */
import type { Field, FieldType, Shape } from "./mapping";

const text: FieldType = { kind: "text" };
const time: FieldType = { kind: "time" };

function field(key: string, element: string, type: FieldType = text): Field {
  return { key, element, type };
}

/** `Input`: one source of objects. An empty `Prefix` is meaningful (the whole bucket), so it is kept. */
export const INPUT_SHAPE: Shape = {
  element: "Input",
  fields: [
    field("manifest", "Manifest", { kind: "text", keepEmpty: true }),
    field("urlFile", "UrlFile", { kind: "text", keepEmpty: true }),
    field("prefix", "Prefix", { kind: "text", keepEmpty: true }),
    field("object", "Object", { kind: "text", keepEmpty: true }),
  ],
};

/** `Operation/TimeInterval`. */
export const TIME_INTERVAL_SHAPE: Shape = {
  element: "TimeInterval",
  fields: [field("start", "Start", time), field("end", "End", time)],
};

/** `Operation/CallBackMqConfig`; order of the Go SDK's `NotifyConfigCallBackMqConfig`. */
export const CALLBACK_MQ_CONFIG_SHAPE: Shape = {
  element: "CallBackMqConfig",
  fields: [field("mqMode", "MqMode"), field("mqRegion", "MqRegion"), field("mqName", "MqName")],
};

/** `Operation/CallBackKafkaConfig`; names from the Java SDK's `CallBackKafkaConfig`. */
export const CALLBACK_KAFKA_CONFIG_SHAPE: Shape = {
  element: "CallBackKafkaConfig",
  fields: [field("region", "Region"), field("instanceId", "InstanceId"), field("topic", "Topic")],
};

/** `Operation/Output/StreamExtract`, repeated. */
export const STREAM_EXTRACT_SHAPE: Shape = {
  element: "StreamExtract",
  fields: [field("index", "Index"), field("object", "Object")],
};

/** `Operation/Output`, in the order of the Go SDK's `JobOutput` (which also names BassObject and DrumObject). */
export const OUTPUT_SHAPE: Shape = {
  element: "Output",
  fields: [
    field("region", "Region"),
    field("bucket", "Bucket"),
    field("object", "Object"),
    field("spriteObject", "SpriteObject"),
    field("auObject", "AuObject"),
    field("bassObject", "BassObject"),
    field("drumObject", "DrumObject"),
    field("streamExtract", "StreamExtract", { kind: "list", shape: STREAM_EXTRACT_SHAPE }),
  ],
};

/** `Operation`, for both job types. */
export const OPERATION_SHAPE: Shape = {
  element: "Operation",
  fields: [
    field("timeInterval", "TimeInterval", { kind: "record", shape: TIME_INTERVAL_SHAPE }),
    field("workflowIds", "WorkflowIds", { kind: "csv" }),
    field("queueId", "QueueId"),
    field("queueType", "QueueType"),
    field("userData", "UserData"),
    field("callBack", "CallBack"),
    field("callBackFormat", "CallBackFormat"),
    field("callBackType", "CallBackType"),
    field("callBackMqConfig", "CallBackMqConfig", { kind: "record", shape: CALLBACK_MQ_CONFIG_SHAPE }),
    field("callBackKafkaConfig", "CallBackKafkaConfig", { kind: "record", shape: CALLBACK_KAFKA_CONFIG_SHAPE }),
    field("tag", "Tag"),
    field("jobParam", "JobParam", { kind: "generic" }),
    field("output", "Output", { kind: "record", shape: OUTPUT_SHAPE }),
    field("jobLevel", "JobLevel", { kind: "integer" }),
  ],
};

/** `Request` of a trigger. */
export const TRIGGER_REQUEST_SHAPE: Shape = {
  element: "Request",
  fields: [
    field("name", "Name"),
    field("type", "Type"),
    field("input", "Input", { kind: "record", shape: INPUT_SHAPE }),
    field("operation", "Operation", { kind: "record", shape: OPERATION_SHAPE }),
  ],
};

/** `Response/JobsDetail`, in the order of the trigger page's response sample. */
export const JOB_DETAIL_SHAPE: Shape = {
  element: "JobsDetail",
  fields: [
    field("code", "Code"),
    field("message", "Message"),
    field("type", "Type"),
    field("name", "Name"),
    field("jobId", "JobId"),
    field("state", "State"),
    field("creationTime", "CreationTime", time),
    field("startTime", "StartTime", time),
    field("endTime", "EndTime", time),
    field("input", "Input", { kind: "record", shape: INPUT_SHAPE }),
    field("operation", "Operation", { kind: "record", shape: OPERATION_SHAPE }),
  ],
};
