/**
 * The vendor's samples, kept verbatim under `tests/fixtures/samples`, the same samples as model
 * values (the one copy every test uses), and full-model values that exercise every field of the model.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { JobDetail, TriggerJobRequest } from "../../provider/model";

/** Tests run from `dist/tests/support`; the fixtures stay in the source tree. */
const SAMPLES_DIR = resolve(__dirname, "..", "..", "..", "tests", "fixtures", "samples");

/** The text of one sample file. */
export function sample(name: string): string {
  return readFileSync(resolve(SAMPLES_DIR, name), "utf8");
}

/** Removes the layout between elements, keeping text untouched, to compare with compact output. */
export function compact(xml: string): string {
  return xml.replace(/>\s+</g, "><").trim();
}

/** A `Type=Job` trigger that sets every field the model knows, with awkward text. */
export function fullJobRequest(): TriggerJobRequest {
  return {
    name: "转码_job-1",
    type: "Job",
    input: { object: "in/视频 <1> & 'a' \"b\" ]]>.mp4", extra: { futureSource: "x" } },
    operation: {
      timeInterval: { start: "2022-02-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800", extra: { zone: "utc" } },
      tag: "Transcode",
      queueId: "p893bcda225bf4945a378da6662e81a89",
      queueType: "SpeedTranscoding",
      userData: "  padded, <b>&amp;</b> 用户数据\r\nline two  ",
      callBack: "https://example.com/cb?a=1&b=2",
      callBackFormat: "JSON",
      callBackType: "Kafka",
      callBackMqConfig: { mqRegion: "Guangzhou", mqMode: "Queue", mqName: "queue-1", extra: { retry: "3" } },
      callBackKafkaConfig: { region: "ap-guangzhou", instanceId: "ckafka-abc", topic: "jobs", extra: { acks: "all" } },
      jobParam: {
        templateId: "t1460606b9752148c4ab182f55163ba7cd",
        transcodeTemplateId: "t2",
        watermarkTemplateId: ["w1", "w2"],
        digitalWatermark: { message: "© 水印", type: "Text", version: "V1", ignoreError: "false" },
        transcode: { container: { format: "mp4" }, video: { codec: "H.264", width: "1280" } },
        watermark: [
          { type: "Text", text: { text: "one" } },
          { type: "Text", text: { text: "two" } },
        ],
      },
      output: {
        region: "ap-chongqing",
        bucket: "test-1234567890",
        object: "output/${InventoryTriggerJobId}/out.mp4",
        auObject: "audio.mp3",
        spriteObject: "sprite-${number}.jpg",
        streamExtract: [
          { index: "0", object: "v.mp4" },
          { index: "1", object: "a.aac", extra: { note: "x" } },
        ],
        extra: { futureOutput: { nested: "y" } },
      },
      jobLevel: 2,
      extra: { futureOperation: "z" },
    },
  };
}

/** A `Type=Workflow` trigger with every workflow field. */
export function fullWorkflowRequest(): TriggerJobRequest {
  return {
    name: "demo",
    type: "Workflow",
    input: { prefix: "" },
    operation: {
      workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc", "w2"],
      timeInterval: { start: "2022-02-01T12:00:00+0800" },
    },
  };
}

/** A job as the service reports it, every field set. */
export function fullJobDetail(): JobDetail {
  const request = fullJobRequest();
  return {
    code: "Failed.Something",
    message: "失败 <reason> & more",
    type: "Job",
    name: request.name,
    jobId: "be8f65004eb8511eaaed4f377124a303c",
    state: "Failed",
    creationTime: "2022-06-27T15:23:10+0800",
    startTime: "2022-06-27T15:23:11+0800",
    endTime: "2022-06-27T15:25:10+0800",
    input: request.input,
    operation: request.operation,
    extra: { progress: "100", tag: "Transcode", result: { objectCount: "3" } },
  };
}

/** The workflow trigger of the vendor's trigger page (`trigger-request.xml`), as a request. */
export function triggerPageWorkflowRequest(): TriggerJobRequest {
  return {
    name: "demo",
    type: "Workflow",
    input: { prefix: "input" },
    operation: {
      timeInterval: { start: "2022-02-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800" },
      workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"],
    },
  };
}

/** The `Type=Job` job of the vendor's list sample (`list-response.xml`). */
export function listSampleJob(): JobDetail {
  return {
    code: "Success",
    type: "Job",
    name: "demo",
    jobId: "be8f65004eb8511eaaed4f377124a303c",
    state: "Running",
    creationTime: "2022-06-27T15:23:10+0800",
    startTime: "2022-06-27T15:23:11+0800",
    endTime: "2022-06-27T15:25:10+0800",
    input: { prefix: "input" },
    operation: {
      timeInterval: { start: "2022-02-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800" },
      queueId: "p893bcda225bf4945a378da6662e81a89",
      userData: "this is my inventorytriggerjob",
      callBack: "https://www.callback.com",
      jobParam: { templateId: "t1460606b9752148c4ab182f55163ba7cd" },
      output: { region: "ap-chongqing", bucket: "test-1234567890", object: "output/${InventoryTriggerJobId}/out.mp4" },
      jobLevel: 0,
    },
  };
}

/**
 * The same job as a trigger. The list sample shows no `Tag`, which a `Type=Job` trigger needs (the
 * independent-node trigger page), so the sample's processing kind, `Transcode`, is added.
 */
export function listSampleJobRequest(): TriggerJobRequest {
  const { input = {}, operation = {} } = listSampleJob();
  return { name: "demo", type: "Job", input, operation: { ...operation, tag: "Transcode" } };
}

/** The Workflow job every query sample of the vendor describes (`trigger-response.xml`): the trigger page's request, running. */
export function querySampleWorkflowJob(): JobDetail {
  const { name, type, input, operation } = triggerPageWorkflowRequest();
  return {
    code: "Success",
    type,
    name,
    jobId: "b3deffea2f84911ec9cb15254008618d9",
    state: "Running",
    creationTime: "2022-06-27T15:23:10+0800",
    input,
    operation,
  };
}
