/**
 * Resource inputs that `checkJob` must refuse, one mistake each, as an untyped program could pass
 * them, with the property path the refusal has to name. Each starts from a valid base and changes
 * one thing, so the named path is the only thing wrong with it.
 */

/** One invalid set of inputs and where the failure must point. */
export interface BadInputs {
  /** What is wrong, as a phrase for the test title. */
  what: string;
  inputs: Record<string, unknown>;
  /** The property path at least one failure must name exactly. */
  property: string;
}

/** A documented workflow id (the trigger page's sample). */
export const WORKFLOW_ID = "w7476ff3564ee45b7b490d64bccaba6cc";
/** A documented template id. */
export const TEMPLATE_ID = "t1460606b9752148c4ab182f55163ba7cd";

/** The `Type=Workflow` base: the type is left out, as the workflow trigger page allows. */
export function workflowBase(): Record<string, unknown> {
  return { name: "ok-job", input: { prefix: "a/" }, operation: { workflowIds: [WORKFLOW_ID] } };
}

/** The `Type=Job` base. */
export function jobBase(): Record<string, unknown> {
  return {
    name: "ok-job",
    type: "Job",
    input: { object: "in/a.mp4" },
    operation: { tag: "Transcode", jobParam: { templateId: TEMPLATE_ID } },
  };
}

/** Valid inputs beyond the two bases: every one must pass with no failure. */
export const GOOD_INPUTS: [string, Record<string, unknown>][] = [
  ["the Workflow base", workflowBase()],
  ["the Job base", jobBase()],
  ["an empty prefix, which means the whole bucket", workflow((i) => (i.input = { prefix: "" }))],
  ["a null beside the one source", workflow((i) => (i.input = { prefix: "a/", object: null }))],
  ["the provider key the framework adds", workflow((i) => (i.__provider = "serialized-provider"))],
  ["an SDK name seed instead of a name", workflow((i) => ((i.autoName = { prefix: "nightly", scope: "proj/dev" }), delete i.name))],
  [
    "a time interval in the documented form",
    workflow((i) => (op(i).timeInterval = { start: "2022-02-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800" })),
  ],
  ["a Chinese name of 128 characters", workflow((i) => (i.name = "转".repeat(128)))],
  [
    "every life-cycle option",
    workflow((i) => {
      Object.assign(i, {
        region: "ap-guangzhou",
        bucket: "media-1250000000",
        triggers: ["v1", 2],
        cancelOnDelete: true,
        adoptJobId: "b0123_x-9",
      });
      Object.assign(i, {
        waitForCompletion: { timeoutSeconds: 86_400, pollIntervalSeconds: 1 },
        retriggerOnStates: ["Failed", "Cancel", "NotFound"],
      });
    }),
  ],
  [
    "a Job with every callback and output field",
    job((i) => {
      Object.assign(op(i), { queueId: "p893bcda225bf4945a378da6662e81a89", queueType: "SpeedTranscoding", userData: "a=1", jobLevel: 2 });
      Object.assign(op(i), { callBack: "https://example.com/cb?a=1", callBackFormat: "XML", callBackType: "Kafka" });
      op(i).callBackKafkaConfig = { region: "ap-guangzhou", instanceId: "ckafka-abc", topic: "jobs" };
      op(i).output = {
        region: "ap-chongqing",
        bucket: "out-1250000000",
        object: "o/${InventoryTriggerJobId}.mp4",
        streamExtract: [{ index: "0", object: "v.mp4" }],
      };
    }),
  ],
  [
    "a TDMQ callback with its queue",
    job((i) => Object.assign(op(i), { callBackType: "TDMQ", callBackMqConfig: { mqMode: "Queue", mqRegion: "Guangzhou", mqName: "q-1" } })),
  ],
  ["a silenced callback", job((i) => (op(i).callBack = "no"))],
  // Once refused, though no page rules them out.
  ["a Job without jobParam, such as a media-info analysis (once refused)", job((i) => ((op(i).tag = "MediaInfo"), delete op(i).jobParam))],
  [
    "a time interval whose start equals its end (once refused)",
    workflow((i) => (op(i).timeInterval = { start: "2022-02-01T12:00:00+0800", end: "2022-02-01T04:00:00+0000" })),
  ],
  ["a name with Han characters outside the basic block, 〇 and 𠀀 (once refused)", workflow((i) => (i.name = "批次〇-𠀀"))],
];

/** Values shaped like keys or tokens: 40 random-looking characters each, which no reason may repeat. */
export const SECRET_LIKE = ["AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESAq7Tx", "kQ9vZ2mR7xW4pL8nT3sB6yH1cF5jD0gA2eU9iO4w"];
const [TOKEN_A, TOKEN_B] = SECRET_LIKE;

export const BAD_INPUTS: BadInputs[] = [
  // The name.
  row(
    "a name of 129 characters",
    workflow((i) => (i.name = "n".repeat(129))),
    "name",
  ),
  row(
    "a name with a space and a slash",
    workflow((i) => (i.name = "bad name/x")),
    "name",
  ),
  row(
    "a name with a control character",
    workflow((i) => (i.name = "job\u0000")),
    "name",
  ),
  row(
    "an empty name",
    workflow((i) => (i.name = "")),
    "name",
  ),
  row(
    "a numeric name",
    workflow((i) => (i.name = 42)),
    "name",
  ),
  row(
    "a null name",
    workflow((i) => (i.name = null)),
    "name",
  ),
  row(
    "no name and no name seed",
    workflow((i) => delete i.name),
    "name",
  ),
  row(
    "a secret-like name with a dot",
    workflow((i) => (i.name = `${TOKEN_A}.`)),
    "name",
  ),
  // The input.
  row(
    "two input sources",
    workflow((i) => (i.input = { prefix: "a/", object: "b.mp4" })),
    "input",
  ),
  row(
    "four input sources",
    workflow((i) => (i.input = { manifest: "m.json", urlFile: "u.txt", prefix: "", object: "o" })),
    "input",
  ),
  row(
    "no input source",
    workflow((i) => (i.input = {})),
    "input",
  ),
  row(
    "an empty object as the source, unlike an empty prefix",
    job((i) => (i.input = { object: "" })),
    "input.object",
  ),
  row(
    "an empty manifest",
    workflow((i) => (i.input = { manifest: "" })),
    "input.manifest",
  ),
  row(
    "an empty url file",
    workflow((i) => (i.input = { urlFile: "" })),
    "input.urlFile",
  ),
  row(
    "a numeric prefix",
    workflow((i) => (i.input = { prefix: 7 })),
    "input.prefix",
  ),
  row(
    "a list as the object",
    job((i) => (i.input = { object: ["a.mp4"] })),
    "input.object",
  ),
  row(
    "a prefix holding a control character",
    workflow((i) => (i.input = { prefix: "a/\u0001" })),
    "input.prefix",
  ),
  row(
    "an object key over 850 bytes",
    job((i) => (i.input = { object: "视".repeat(284) })),
    "input.object",
  ),
  row(
    "a string as the input",
    workflow((i) => (i.input = "a/")),
    "input",
  ),
  row(
    "a list as the input",
    workflow((i) => (i.input = [{ prefix: "a/" }])),
    "input",
  ),
  row(
    "a null input",
    workflow((i) => (i.input = null)),
    "input",
  ),
  row(
    "an unknown input field",
    workflow((i) => (i.input = { prefix: "a/", bucket: "media-1250000000" })),
    "input.bucket",
  ),
  // The time interval.
  row(
    "a start with a space instead of T",
    workflow((i) => (op(i).timeInterval = { start: "2022-02-01 12:00:00+0800" })),
    "operation.timeInterval.start",
  ),
  row(
    "an end with a colon in its offset",
    workflow((i) => (op(i).timeInterval = { end: "2022-02-01T12:00:00+08:00" })),
    "operation.timeInterval.end",
  ),
  row(
    "an end in UTC written with Z",
    workflow((i) => (op(i).timeInterval = { end: "2022-02-01T12:00:00Z" })),
    "operation.timeInterval.end",
  ),
  row(
    "an offset beyond +14 hours",
    workflow((i) => (op(i).timeInterval = { start: "2022-02-01T12:00:00+1500" })),
    "operation.timeInterval.start",
  ),
  row(
    "the 31st of February",
    workflow((i) => (op(i).timeInterval = { start: "2022-02-31T12:00:00+0800" })),
    "operation.timeInterval.start",
  ),
  row(
    "a start given as epoch seconds",
    workflow((i) => (op(i).timeInterval = { start: 1643688000 })),
    "operation.timeInterval.start",
  ),
  row(
    "a start after the end",
    workflow((i) => (op(i).timeInterval = { start: "2022-05-01T12:00:00+0800", end: "2022-02-01T12:00:00+0800" })),
    "operation.timeInterval",
  ),
  row(
    "a start after the end once offsets are applied",
    workflow((i) => (op(i).timeInterval = { start: "2022-02-01T12:00:00+0800", end: "2022-02-01T03:59:59+0000" })),
    "operation.timeInterval",
  ),
  row(
    "a time interval given as a string",
    workflow((i) => (op(i).timeInterval = "2022-02-01/2022-05-01")),
    "operation.timeInterval",
  ),
  row(
    "an unknown time interval field",
    workflow((i) => (op(i).timeInterval = { from: "2022-02-01T12:00:00+0800" })),
    "operation.timeInterval.from",
  ),
  // The type and the nodes each type requires.
  row(
    "an unknown type",
    workflow((i) => (i.type = "Batch")),
    "type",
  ),
  row(
    "a type in lower case",
    workflow((i) => (i.type = "workflow")),
    "type",
  ),
  row(
    "a numeric type",
    workflow((i) => (i.type = 1)),
    "type",
  ),
  row(
    "a secret-like type",
    workflow((i) => (i.type = TOKEN_B)),
    "type",
  ),
  row(
    "a Workflow without workflowIds",
    workflow((i) => (i.operation = {})),
    "operation.workflowIds",
  ),
  row(
    "an empty workflowIds list",
    workflow((i) => (op(i).workflowIds = [])),
    "operation.workflowIds",
  ),
  row(
    "workflowIds as one comma-joined string",
    workflow((i) => (op(i).workflowIds = `${WORKFLOW_ID},w2`)),
    "operation.workflowIds",
  ),
  row(
    "a workflow id holding a comma",
    workflow((i) => (op(i).workflowIds = ["w1,w2"])),
    "operation.workflowIds[0]",
  ),
  row(
    "a numeric workflow id",
    workflow((i) => (op(i).workflowIds = ["w1", 42])),
    "operation.workflowIds[1]",
  ),
  row(
    "a workflow id listed twice",
    workflow((i) => (op(i).workflowIds = [WORKFLOW_ID, WORKFLOW_ID])),
    "operation.workflowIds[1]",
  ),
  row(
    "a Job without a tag",
    job((i) => delete op(i).tag),
    "operation.tag",
  ),
  row(
    "a Job with workflowIds",
    job((i) => (op(i).workflowIds = [WORKFLOW_ID])),
    "operation.workflowIds",
  ),
  row(
    "an empty jobParam",
    job((i) => (op(i).jobParam = {})),
    "operation.jobParam",
  ),
  row(
    "a jobParam given as a template id string",
    job((i) => (op(i).jobParam = TEMPLATE_ID)),
    "operation.jobParam",
  ),
  row(
    "a template id with a space",
    job((i) => (op(i).jobParam = { templateId: "t1 t2" })),
    "operation.jobParam.templateId",
  ),
  row(
    "an empty watermark template list",
    job((i) => (op(i).jobParam = { templateId: TEMPLATE_ID, watermarkTemplateId: [] })),
    "operation.jobParam.watermarkTemplateId",
  ),
  row(
    "a list inside a list in jobParam",
    job((i) => (op(i).jobParam = { transcode: { sizes: [[1, 2]] } })),
    "operation.jobParam.transcode.sizes[0]",
  ),
  row(
    "a jobParam name that cannot be an element",
    job((i) => (op(i).jobParam = { templateId: TEMPLATE_ID, "1st": "x" })),
    "operation.jobParam.1st",
  ),
  row(
    "an infinite number in jobParam",
    job((i) => (op(i).jobParam = { transcode: { fps: Infinity } })),
    "operation.jobParam.transcode.fps",
  ),
  row(
    "a tag with a space",
    job((i) => (op(i).tag = "Trans code")),
    "operation.tag",
  ),
  row(
    "a numeric tag",
    job((i) => (op(i).tag = 1)),
    "operation.tag",
  ),
  row(
    "no operation",
    workflow((i) => delete i.operation),
    "operation",
  ),
  row(
    "a list as the operation",
    workflow((i) => (i.operation = [{ workflowIds: [WORKFLOW_ID] }])),
    "operation",
  ),
  row(
    "a null operation",
    job((i) => (i.operation = null)),
    "operation",
  ),
  // Enumerations and ranges.
  row(
    "a callback format of YAML",
    job((i) => (op(i).callBackFormat = "YAML")),
    "operation.callBackFormat",
  ),
  row(
    "a callback format in lower case",
    job((i) => (op(i).callBackFormat = "json")),
    "operation.callBackFormat",
  ),
  row(
    "a secret-like callback format",
    job((i) => (op(i).callBackFormat = TOKEN_A)),
    "operation.callBackFormat",
  ),
  row(
    "a callback type of Sms",
    job((i) => (op(i).callBackType = "Sms")),
    "operation.callBackType",
  ),
  row(
    "a queue type with a space",
    job((i) => (op(i).queueType = "Speed Transcoding")),
    "operation.queueType",
  ),
  row(
    "an empty queue type",
    job((i) => (op(i).queueType = "")),
    "operation.queueType",
  ),
  row(
    "a queue id with a slash",
    job((i) => (op(i).queueId = "p1/../p2")),
    "operation.queueId",
  ),
  row(
    "a queue id of 129 characters",
    job((i) => (op(i).queueId = "p".repeat(129))),
    "operation.queueId",
  ),
  row(
    "a job level of 3",
    job((i) => (op(i).jobLevel = 3)),
    "operation.jobLevel",
  ),
  row(
    "a job level of -1",
    job((i) => (op(i).jobLevel = -1)),
    "operation.jobLevel",
  ),
  row(
    "a job level of 1.5",
    job((i) => (op(i).jobLevel = 1.5)),
    "operation.jobLevel",
  ),
  row(
    "a job level given as a string",
    job((i) => (op(i).jobLevel = "1")),
    "operation.jobLevel",
  ),
  row(
    "a job level of NaN",
    job((i) => (op(i).jobLevel = NaN)),
    "operation.jobLevel",
  ),
  // Callbacks.
  row(
    "an ftp callback",
    job((i) => (op(i).callBack = "ftp://example.com/cb")),
    "operation.callBack",
  ),
  row(
    "a javascript callback",
    job((i) => (op(i).callBack = "javascript:alert(1)")),
    "operation.callBack",
  ),
  row(
    "a callback without a scheme",
    job((i) => (op(i).callBack = "example.com/cb")),
    "operation.callBack",
  ),
  row(
    "an empty callback",
    job((i) => (op(i).callBack = "")),
    "operation.callBack",
  ),
  row(
    "a callback URL over 2048 characters",
    job((i) => (op(i).callBack = `https://example.com/${"a".repeat(2048)}`)),
    "operation.callBack",
  ),
  row(
    "a callback with a secret-like path and a bad scheme",
    job((i) => (op(i).callBack = `gopher://h/${TOKEN_B}`)),
    "operation.callBack",
  ),
  row(
    "a TDMQ callback without its queue",
    job((i) => (op(i).callBackType = "TDMQ")),
    "operation.callBackMqConfig",
  ),
  row(
    "a Kafka callback without its topic block",
    job((i) => (op(i).callBackType = "Kafka")),
    "operation.callBackKafkaConfig",
  ),
  row(
    "a TDMQ mode that is neither Queue nor Topic",
    job((i) =>
      Object.assign(op(i), { callBackType: "TDMQ", callBackMqConfig: { mqMode: "Broadcast", mqRegion: "Guangzhou", mqName: "q" } }),
    ),
    "operation.callBackMqConfig.mqMode",
  ),
  row(
    "a Kafka block without a topic",
    job((i) => Object.assign(op(i), { callBackType: "Kafka", callBackKafkaConfig: { region: "ap-guangzhou", instanceId: "ckafka-1" } })),
    "operation.callBackKafkaConfig.topic",
  ),
  row(
    "a Kafka block with a malformed region",
    job((i) =>
      Object.assign(op(i), { callBackType: "Kafka", callBackKafkaConfig: { region: "Guangzhou", instanceId: "ckafka-1", topic: "t" } }),
    ),
    "operation.callBackKafkaConfig.region",
  ),
  row(
    "a TDMQ block beside a Url callback type",
    job((i) => Object.assign(op(i), { callBackType: "Url", callBackMqConfig: { mqMode: "Queue", mqRegion: "Guangzhou", mqName: "q" } })),
    "operation.callBackMqConfig",
  ),
  // Regions and buckets, at the top level and in the output.
  row(
    "a region in title case",
    workflow((i) => (i.region = "Guangzhou")),
    "region",
  ),
  row(
    "a region with an underscore",
    workflow((i) => (i.region = "ap_guangzhou")),
    "region",
  ),
  row(
    "a region of one letter before the dash",
    workflow((i) => (i.region = "a-guangzhou")),
    "region",
  ),
  row(
    "a numeric region",
    workflow((i) => (i.region = 1)),
    "region",
  ),
  row(
    "a secret-like region",
    workflow((i) => (i.region = TOKEN_A)),
    "region",
  ),
  row(
    "a bucket without an APPID",
    workflow((i) => (i.bucket = "media")),
    "bucket",
  ),
  row(
    "a bucket in upper case",
    workflow((i) => (i.bucket = "Media-1250000000")),
    "bucket",
  ),
  row(
    "a bucket whose name ends with a dash",
    workflow((i) => (i.bucket = "media--1250000000")),
    "bucket",
  ),
  row(
    "a bucket name of 51 characters",
    workflow((i) => (i.bucket = `${"b".repeat(51)}-1250000000`)),
    "bucket",
  ),
  row(
    "a bucket given as a list",
    workflow((i) => (i.bucket = ["media-1250000000"])),
    "bucket",
  ),
  row(
    "an output region with an underscore",
    job((i) => (op(i).output = { region: "ap_guangzhou", bucket: "out-1250000000" })),
    "operation.output.region",
  ),
  row(
    "an output bucket without an APPID",
    job((i) => (op(i).output = { region: "ap-guangzhou", bucket: "out" })),
    "operation.output.bucket",
  ),
  row(
    "an output without a bucket",
    job((i) => (op(i).output = { region: "ap-guangzhou" })),
    "operation.output.bucket",
  ),
  row(
    "an output given as a list",
    job((i) => (op(i).output = [{ region: "ap-guangzhou", bucket: "out-1250000000" }])),
    "operation.output",
  ),
  row(
    "an output object key over 850 bytes",
    job((i) => (op(i).output = { region: "ap-guangzhou", bucket: "out-1250000000", object: "o".repeat(851) })),
    "operation.output.object",
  ),
  row(
    "a stream index that is not a number",
    job((i) => (op(i).output = { region: "ap-guangzhou", bucket: "out-1250000000", streamExtract: [{ index: "a", object: "v.mp4" }] })),
    "operation.output.streamExtract[0].index",
  ),
  row(
    "streamExtract given as one object",
    job((i) => (op(i).output = { region: "ap-guangzhou", bucket: "out-1250000000", streamExtract: { index: "0", object: "v.mp4" } })),
    "operation.output.streamExtract",
  ),
  // Unknown fields and oversized values.
  row(
    "a misspelled top-level input",
    workflow((i) => (i.nmae = "ok-job")),
    "nmae",
  ),
  row(
    "an unknown operation field",
    workflow((i) => (op(i).workflowId = WORKFLOW_ID)),
    "operation.workflowId",
  ),
  row(
    "an unknown output field",
    job((i) => (op(i).output = { region: "ap-guangzhou", bucket: "out-1250000000", acl: "private" })),
    "operation.output.acl",
  ),
  row(
    "operation extras given as a string",
    job((i) => (op(i).extra = "x")),
    "operation.extra",
  ),
  row(
    "an operation extra that repeats a known element",
    workflow((i) => (op(i).extra = { workflowIds: "w2" })),
    "operation.extra.workflowIds",
  ),
  row(
    "userData of 1025 characters",
    job((i) => (op(i).userData = "u".repeat(1025))),
    "operation.userData",
  ),
  row(
    "userData with a line break and Chinese",
    job((i) => (op(i).userData = "a\n用户")),
    "operation.userData",
  ),
  row(
    "numeric userData",
    job((i) => (op(i).userData = 5)),
    "operation.userData",
  ),
  row(
    "oversized userData holding a secret",
    job((i) => (op(i).userData = `${TOKEN_B}${"x".repeat(1024)}`)),
    "operation.userData",
  ),
  // Life-cycle options.
  row(
    "waitForCompletion as a string",
    workflow((i) => (i.waitForCompletion = "yes")),
    "waitForCompletion",
  ),
  row(
    "waitForCompletion as a list",
    workflow((i) => (i.waitForCompletion = [60])),
    "waitForCompletion",
  ),
  row(
    "waitForCompletion as null",
    workflow((i) => (i.waitForCompletion = null)),
    "waitForCompletion",
  ),
  row(
    "waitForCompletion as a number of seconds",
    workflow((i) => (i.waitForCompletion = 60)),
    "waitForCompletion",
  ),
  row(
    "a wait timeout of 0 seconds",
    workflow((i) => (i.waitForCompletion = { timeoutSeconds: 0 })),
    "waitForCompletion.timeoutSeconds",
  ),
  row(
    "a wait timeout over one day",
    workflow((i) => (i.waitForCompletion = { timeoutSeconds: 86_401 })),
    "waitForCompletion.timeoutSeconds",
  ),
  row(
    "a fractional wait timeout",
    workflow((i) => (i.waitForCompletion = { timeoutSeconds: 1.5 })),
    "waitForCompletion.timeoutSeconds",
  ),
  row(
    "a poll interval over an hour",
    workflow((i) => (i.waitForCompletion = { pollIntervalSeconds: 3601 })),
    "waitForCompletion.pollIntervalSeconds",
  ),
  row(
    "a poll interval given as a string",
    workflow((i) => (i.waitForCompletion = { pollIntervalSeconds: "5" })),
    "waitForCompletion.pollIntervalSeconds",
  ),
  row(
    "an unknown wait option",
    workflow((i) => (i.waitForCompletion = { timeout: 60 })),
    "waitForCompletion.timeout",
  ),
  row(
    "retriggerOnStates as one string",
    workflow((i) => (i.retriggerOnStates = "Failed")),
    "retriggerOnStates",
  ),
  row(
    "a retrigger state the service does not have",
    workflow((i) => (i.retriggerOnStates = ["Failed", "Exploded"])),
    "retriggerOnStates[1]",
  ),
  row(
    "a retrigger state in lower case",
    workflow((i) => (i.retriggerOnStates = ["failed"])),
    "retriggerOnStates[0]",
  ),
  row(
    "a numeric retrigger state",
    workflow((i) => (i.retriggerOnStates = [1])),
    "retriggerOnStates[0]",
  ),
  row(
    "cancelOnDelete as a string",
    workflow((i) => (i.cancelOnDelete = "true")),
    "cancelOnDelete",
  ),
  row(
    "cancelOnDelete as a number",
    workflow((i) => (i.cancelOnDelete = 1)),
    "cancelOnDelete",
  ),
  row(
    "triggers as a string",
    workflow((i) => (i.triggers = "v1")),
    "triggers",
  ),
  row(
    "triggers as an object",
    workflow((i) => (i.triggers = { v: 1 })),
    "triggers",
  ),
  row(
    "a job id to adopt with a path",
    workflow((i) => (i.adoptJobId = "../b1")),
    "adoptJobId",
  ),
  row(
    "a job id to adopt of 129 characters",
    workflow((i) => (i.adoptJobId = "b".repeat(129))),
    "adoptJobId",
  ),
  row(
    "an empty job id to adopt",
    workflow((i) => (i.adoptJobId = "")),
    "adoptJobId",
  ),
  row(
    "a numeric job id to adopt",
    workflow((i) => (i.adoptJobId = 123)),
    "adoptJobId",
  ),
  row(
    "a secret-like job id to adopt with a space",
    workflow((i) => (i.adoptJobId = `${TOKEN_A} `)),
    "adoptJobId",
  ),
  row(
    "a name seed that is a string",
    workflow((i) => ((i.autoName = "nightly"), delete i.name)),
    "autoName",
  ),
];

function row(what: string, inputs: Record<string, unknown>, property: string): BadInputs {
  return { what, inputs, property };
}

function workflow(edit: (inputs: Record<string, unknown>) => unknown): Record<string, unknown> {
  const inputs = workflowBase();
  edit(inputs);
  return inputs;
}

function job(edit: (inputs: Record<string, unknown>) => unknown): Record<string, unknown> {
  const inputs = jobBase();
  edit(inputs);
  return inputs;
}

function op(inputs: Record<string, unknown>): Record<string, unknown> {
  return inputs.operation as Record<string, unknown>;
}
