import assert from "node:assert/strict";
import { JOB_NAME_MAX_LENGTH, parseServiceTime, type TriggerJobRequest } from "../../../provider/model";
import { USER_DATA_MAX_LENGTH } from "../../../provider/validation/limits";
import {
  inputSources,
  validateJobName,
  validateTimeInterval,
  validateTriggerRequest,
  triggerRequestWarnings,
  ValidationFailure,
} from "../../../provider/validation/triggerRequest";
import { fullJobRequest, fullWorkflowRequest, listSampleJobRequest, triggerPageWorkflowRequest } from "../../support/samples";

/** The workflow trigger of the vendor's trigger page. */
const workflowSample = triggerPageWorkflowRequest;

/** The Type=Job job of the vendor's list sample, as a trigger. */
const jobSample = listSampleJobRequest;

/** Validates a request changed by `edit`, for requests an untyped program could build. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the edits build requests an untyped program could send.
function validateEdited(base: TriggerJobRequest, edit: (request: any) => void): ValidationFailure[] {
  const request = structuredClone(base);
  edit(request);
  return validateTriggerRequest(request);
}

function properties(failures: ValidationFailure[]): string[] {
  return failures.map((failure) => failure.property);
}

/** Asserts exactly one failure, at `property`, whose reason matches `reason`. */
function assertOnlyFailure(failures: ValidationFailure[], property: string, reason: RegExp): void {
  assert.deepEqual(properties(failures), [property], JSON.stringify(failures));
  assert.match(failures[0].reason, reason);
}

describe("validation", () => {
  describe("validateJobName", () => {
    it("accepts letters, digits, Chinese characters, '-' and '_'", () => {
      assert.deepEqual(validateJobName("转码任务_batch-01"), []);
    });

    it(`accepts ${JOB_NAME_MAX_LENGTH} characters, counting a Chinese character as one`, () => {
      assert.deepEqual(validateJobName("批".repeat(JOB_NAME_MAX_LENGTH)), []);
    });

    it(`rejects ${JOB_NAME_MAX_LENGTH + 1} characters`, () => {
      assertOnlyFailure(validateJobName("a".repeat(JOB_NAME_MAX_LENGTH + 1)), "name", /129 characters long; at most 128/);
    });

    it("rejects spaces, dots and other punctuation, naming them", () => {
      assertOnlyFailure(validateJobName("my job.v2"), "name", /contains a space, '\.'/);
    });

    it("rejects Chinese punctuation and full-width letters, which are not ideographs", () => {
      assert.equal(validateJobName("任务，一").length, 1);
      assert.equal(validateJobName("ＡＢ").length, 1);
    });

    it("rejects an empty name, a missing name and a non-string, under the given property", () => {
      assertOnlyFailure(validateJobName(""), "name", /must not be empty/);
      assertOnlyFailure(validateJobName(undefined, "args.name"), "args.name", /args\.name is required/);
      assertOnlyFailure(validateJobName(42), "name", /must be a string, not a number/);
    });
  });

  describe("parseServiceTime", () => {
    it("reads the pages' format with its +0800 offset", () => {
      assert.equal(parseServiceTime("2022-02-01T12:00:00+0800")?.toISOString(), "2022-02-01T04:00:00.000Z");
      assert.equal(parseServiceTime("2022-02-01T12:00:00-0530")?.toISOString(), "2022-02-01T17:30:00.000Z");
    });

    it("refuses the +08:00 and Z spellings, which the documented %z never writes", () => {
      assert.equal(parseServiceTime("2022-02-01T12:00:00+08:00"), undefined);
      assert.equal(parseServiceTime("2022-02-01T12:00:00Z"), undefined);
    });

    it("refuses dates that do not exist and out-of-range fields", () => {
      for (const text of [
        "2022-02-30T12:00:00+0800",
        "2022-13-01T12:00:00+0800",
        "2022-01-01T24:00:00+0800",
        "2022-01-01T12:60:00+0800",
        "2022-01-01T12:00:00+1500",
      ]) {
        assert.equal(parseServiceTime(text), undefined, text);
      }
    });

    it("accepts 29 February only in a leap year", () => {
      assert.notEqual(parseServiceTime("2024-02-29T00:00:00+0000"), undefined);
      assert.equal(parseServiceTime("2023-02-29T00:00:00+0000"), undefined);
    });

    it("refuses the list page's '-' placeholder and free text", () => {
      assert.equal(parseServiceTime("-"), undefined);
      assert.equal(parseServiceTime("yesterday"), undefined);
    });
  });

  describe("validateTimeInterval", () => {
    it("accepts either end alone, as both are optional", () => {
      assert.deepEqual(validateTimeInterval({ start: "2022-02-01T12:00:00+0800" }, "operation.timeInterval"), []);
      assert.deepEqual(validateTimeInterval({ end: "2022-02-01T12:00:00+0800" }, "operation.timeInterval"), []);
    });

    it("compares instants, not text, when the offsets differ", () => {
      assert.deepEqual(validateTimeInterval({ start: "2022-02-01T12:00:00+0800", end: "2022-02-01T05:00:00+0000" }, "t"), []);
    });

    it("rejects a start after the end", () => {
      assertOnlyFailure(
        validateTimeInterval({ start: "2022-05-01T12:00:00+0800", end: "2022-02-01T12:00:00+0800" }, "t"),
        "t",
        /t\.start must not be after t\.end/,
      );
    });

    it("accepts a start equal to the end, as the emulator and the service do (it was refused)", () => {
      assert.deepEqual(validateTimeInterval({ start: "2022-05-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800" }, "t"), []);
      assert.deepEqual(validateTimeInterval({ start: "2022-05-01T12:00:00+0800", end: "2022-05-01T06:00:00+0200" }, "t"), []);
    });

    it("names the end that is malformed and shows the expected form", () => {
      assertOnlyFailure(
        validateTimeInterval({ start: "2022-02-01 12:00" }, "operation.timeInterval"),
        "operation.timeInterval.start",
        /%Y-%m-%dT%H:%M:%S%z, such as 2022-02-01T12:00:00\+0800/,
      );
    });

    it("rejects unknown keys and values of the wrong type", () => {
      const failures = validateTimeInterval({ begin: "x", end: 5 }, "t");
      assert.deepEqual(properties(failures), ["t.begin", "t.end"]);
    });
  });

  describe("inputSources", () => {
    it("lists the sources that are set, an empty prefix included", () => {
      assert.deepEqual(inputSources({ prefix: "" }), ["prefix"]);
      assert.deepEqual(inputSources({ manifest: "m.json", object: "a.mp4" }), ["manifest", "object"]);
      assert.deepEqual(inputSources({}), []);
    });
  });

  describe("validateTriggerRequest on valid requests", () => {
    it("accepts the workflow trigger of the trigger page", () => {
      assert.deepEqual(validateTriggerRequest(workflowSample()), []);
    });

    it("accepts the Type=Job job of the list sample", () => {
      assert.deepEqual(validateTriggerRequest(jobSample()), []);
    });

    it("accepts a workflow trigger without type, which the trigger page makes optional", () => {
      assert.deepEqual(
        validateEdited(workflowSample(), (r) => delete r.type),
        [],
      );
    });

    it("accepts a Job job with a queue type and no queue id, as the Java SDK's test sends", () => {
      assert.deepEqual(
        validateEdited(jobSample(), (r) => {
          delete r.operation.queueId;
          r.operation.queueType = "SpeedTranscoding";
        }),
        [],
      );
    });

    it("accepts callBack 'no', which silences the queue's callback", () => {
      assert.deepEqual(
        validateEdited(jobSample(), (r) => (r.operation.callBack = "no")),
        [],
      );
    });

    it("accepts plain http callbacks: whether to allow them is a policy question", () => {
      assert.deepEqual(
        validateEdited(jobSample(), (r) => (r.operation.callBack = "http://hooks.example.com/ci")),
        [],
      );
    });

    it("accepts inline processing structures, repeated watermarks and several watermark templates", () => {
      assert.deepEqual(
        validateEdited(jobSample(), (r) => {
          r.operation.jobParam = {
            watermarkTemplateId: ["t1", "t2"],
            transcode: { container: { format: "mp4" }, video: { codec: "H.264", width: 1280, remove: false } },
            watermark: [{ type: "Text" }, { type: "Image" }],
          };
        }),
        [],
      );
    });

    it("accepts the full Workflow request of the codec tests", () => {
      assert.deepEqual(validateTriggerRequest(fullWorkflowRequest()), []);
    });

    it("accepts a TDMQ callback with its configuration", () => {
      assert.deepEqual(
        validateEdited(jobSample(), (r) => {
          r.operation.callBackType = "TDMQ";
          r.operation.callBackFormat = "JSON";
          r.operation.callBackMqConfig = { mqRegion: "Guangzhou", mqMode: "Queue", mqName: "queue-1" };
        }),
        [],
      );
    });
  });

  describe("validateTriggerRequest on invalid requests", () => {
    it("reports every failure at once, each under its own property", () => {
      const failures = validateTriggerRequest({
        name: "bad name",
        type: "Job",
        input: {},
        operation: { jobLevel: 7, callBackFormat: "YAML", output: { region: "Chongqing", bucket: "test" } },
      });
      assert.deepEqual(properties(failures).sort(), [
        "input",
        "name",
        "operation.callBackFormat",
        "operation.jobLevel",
        "operation.output.bucket",
        "operation.output.region",
        "operation.tag",
      ]);
    });

    it("rejects a type outside Workflow and Job and then skips the type-specific rules", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.type = "Batch")),
        "type",
        /"Workflow" or "Job" \(got "Batch"\)/,
      );
    });

    it("rejects an input without a source", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.input = {})),
        "input",
        /one source: manifest, urlFile, prefix or object/,
      );
    });

    it("rejects an input with two sources, naming them", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.input.object = "a.mp4")),
        "input",
        /exactly one source, but sets 2: prefix, object/,
      );
    });

    it("rejects a source that is not a string, and an empty object key", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.input = { object: 7 })),
        "input.object",
        /must be a string, not a number/,
      );
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.input = { object: "" })),
        "input.object",
        /must not be empty/,
      );
    });

    it("rejects an object key longer than COS allows, counting UTF-8 bytes", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.input = { object: "视".repeat(300) })),
        "input.object",
        /900 bytes long in UTF-8; COS object keys are at most 850/,
      );
    });

    it("requires workflowIds for a Workflow job", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => delete r.operation.workflowIds),
        "operation.workflowIds",
        /required for a Workflow job/,
      );
    });

    it("rejects an empty workflow list, a malformed id and a repeated id", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.operation.workflowIds = [])),
        "operation.workflowIds",
        /at least one/,
      );
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.operation.workflowIds = ["w1,w2"])),
        "operation.workflowIds[0]",
        /workflow id/,
      );
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.operation.workflowIds = ["w1", "w1"])),
        "operation.workflowIds[1]",
        /repeats/,
      );
    });

    it("rejects a single workflow id given as a string instead of a list", () => {
      assertOnlyFailure(
        validateEdited(workflowSample(), (r) => (r.operation.workflowIds = "w1")),
        "operation.workflowIds",
        /must be a list of workflow ids, not a string/,
      );
    });

    it("accepts Job settings on a Workflow job, which no page forbids (it was refused), and warns about them", () => {
      const request = {
        ...workflowSample(),
        operation: {
          ...workflowSample().operation,
          tag: "Transcode",
          userData: "batch-7",
          jobLevel: 1,
          callBack: "https://example.com/cb",
        },
      };
      assert.deepEqual(validateTriggerRequest(request), []);
      assert.deepEqual(properties(triggerRequestWarnings(request)).sort(), [
        "operation.callBack",
        "operation.jobLevel",
        "operation.tag",
        "operation.userData",
      ]);
      assert.match(triggerRequestWarnings(request)[0].reason, /Job jobs.*Workflow job probably ignores it/);
    });

    it("warns about nothing on a plain Workflow or Job job", () => {
      assert.deepEqual(triggerRequestWarnings(workflowSample()), []);
      assert.deepEqual(triggerRequestWarnings(jobSample()), []);
    });

    it("rejects workflowIds on a Job job", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.workflowIds = ["w1"])),
        "operation.workflowIds",
        /applies only to Workflow jobs/,
      );
    });

    it("requires a tag for a Job job", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => {
          delete r.operation.tag;
        }),
        "operation.tag",
        /operation\.tag is required for a Job job/,
      );
    });

    it("accepts a Job job without jobParam, as media-info analysis takes no template (it was refused)", () => {
      const mediaInfo = {
        name: "media-info-all",
        type: "Job",
        input: { prefix: "videos/" },
        operation: { tag: "MediaInfo", queueId: "p0123456789abcdef0123456789abcdef" },
      };
      assert.deepEqual(validateTriggerRequest(mediaInfo), []);
    });

    it("rejects empty job parameters", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.jobParam = {})),
        "operation.jobParam",
        /empty: give a template id or an inline processing structure/,
      );
    });

    it("rejects a jobLevel outside 0..2 or not an integer", () => {
      for (const level of [3, -1, 1.5, "1"]) {
        assertOnlyFailure(
          validateEdited(jobSample(), (r) => (r.operation.jobLevel = level)),
          "operation.jobLevel",
          /integer 0, 1 or 2/,
        );
      }
    });

    it(`rejects userData over ${USER_DATA_MAX_LENGTH} characters and userData that is not printable ASCII`, () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.userData = "x".repeat(USER_DATA_MAX_LENGTH + 1))),
        "operation.userData",
        /at most 1024/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.userData = "批次 7")),
        "operation.userData",
        /printable ASCII/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.userData = "a\nb")),
        "operation.userData",
        /printable ASCII/,
      );
    });

    it("rejects a callback that is not an http or https URL, without repeating it", () => {
      const secretish = "ftp://user:s3cr3tT0kenValue123456@example.com/x";
      const failures = validateEdited(jobSample(), (r) => (r.operation.callBack = secretish));
      assertOnlyFailure(failures, "operation.callBack", /must use http or https, not ftp/);
      assert.equal(failures[0].reason.includes("s3cr3t"), false);
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.callBack = "www.callback.com")),
        "operation.callBack",
        /absolute http or https URL/,
      );
    });

    it("rejects callback formats and types outside their lists", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.callBackFormat = "json")),
        "operation.callBackFormat",
        /"JSON" or "XML"/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.callBackType = "Http")),
        "operation.callBackType",
        /"Url", "TDMQ" or "Kafka"/,
      );
    });

    it("requires the TDMQ configuration for a TDMQ callback and the Kafka one for a Kafka callback", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.callBackType = "TDMQ")),
        "operation.callBackMqConfig",
        /required when operation.callBackType is "TDMQ"/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.callBackType = "Kafka")),
        "operation.callBackKafkaConfig",
        /required when operation.callBackType is "Kafka"/,
      );
    });

    it("checks every field of a callback configuration", () => {
      const failures = validateEdited(jobSample(), (r) => {
        r.operation.callBackType = "Kafka";
        r.operation.callBackKafkaConfig = { region: "Guangzhou", topic: "" };
      });
      assert.deepEqual(properties(failures), [
        "operation.callBackKafkaConfig.region",
        "operation.callBackKafkaConfig.instanceId",
        "operation.callBackKafkaConfig.topic",
      ]);
    });

    it("rejects a TDMQ mode other than Queue or Topic", () => {
      const failures = validateEdited(jobSample(), (r) => {
        r.operation.callBackType = "TDMQ";
        r.operation.callBackMqConfig = { mqRegion: "Guangzhou", mqMode: "Fanout", mqName: "q" };
      });
      assertOnlyFailure(failures, "operation.callBackMqConfig.mqMode", /"Queue" or "Topic"/);
    });

    it("rejects a callback configuration that the callback type does not use", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.callBackMqConfig = { mqRegion: "Guangzhou", mqMode: "Queue", mqName: "q" })),
        "operation.callBackMqConfig",
        /used only when operation.callBackType is "TDMQ"/,
      );
    });

    it("requires region and bucket in an output, in their formats", () => {
      assert.deepEqual(properties(validateEdited(jobSample(), (r) => (r.operation.output = { object: "o.mp4" }))), [
        "operation.output.region",
        "operation.output.bucket",
      ]);
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.output.region = "ap_guangzhou")),
        "operation.output.region",
        /region such as ap-guangzhou/,
      );
      for (const bucket of ["test", "Test-1250000000", "-test-1250000000", "test-", "test-12a"]) {
        assertOnlyFailure(
          validateEdited(jobSample(), (r) => (r.operation.output.bucket = bucket)),
          "operation.output.bucket",
          /BucketName-APPID/,
        );
      }
    });

    it("checks each StreamExtract item under its index", () => {
      const failures = validateEdited(
        jobSample(),
        (r) => (r.operation.output.streamExtract = [{ index: "0", object: "v.mp4" }, { index: 1, object: "a.aac" }, "x"]),
      );
      assert.deepEqual(properties(failures), ["operation.output.streamExtract[1].index", "operation.output.streamExtract[2]"]);
    });

    it("reports unknown fields at every level, naming the expected ones", () => {
      const failures = validateEdited(jobSample(), (r) => {
        r.Name = "x";
        r.input.bucket = "b";
        r.operation.queueID = "q";
        r.operation.timeInterval.from = "x";
        r.operation.output.path = "p";
      });
      assert.deepEqual(properties(failures), [
        "Name",
        "input.bucket",
        "operation.queueID",
        "operation.timeInterval.from",
        "operation.output.path",
      ]);
      assert.match(failures[2].reason, /operation\.queueID is not a field of operation; expected one of .*queueId/);
    });

    it("rejects arrays where objects go and numbers where strings go", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.output = [{ region: "ap-chongqing" }])),
        "operation.output",
        /must be an object, not a list/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.queueId = 12345)),
        "operation.queueId",
        /must be a string, not a number/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.input = "input/")),
        "input",
        /must be an object, not a string/,
      );
    });

    it("rejects a request that is not an object", () => {
      assert.deepEqual(properties(validateTriggerRequest(null)), [""]);
      assert.deepEqual(properties(validateTriggerRequest([workflowSample()])), [""]);
    });

    it("rejects inline parameter names that cannot be XML elements, or that collide once capitalised", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.jobParam = { "2pass": "x" })),
        "operation.jobParam.2pass",
        /not a usable parameter name/,
      );
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.jobParam = { templateId: "t1", TemplateId: "t2" })),
        "operation.jobParam.TemplateId",
        /operation\.jobParam\.templateId would both be sent as <TemplateId>/,
      );
    });

    it("rejects values that cannot be sent: lists of lists, infinite numbers, functions, control characters", () => {
      const failures = validateEdited(jobSample(), (r) => {
        r.operation.jobParam = { templateId: "t1", a: [[1]], b: Infinity, c: "x\u0000y" };
      });
      assert.deepEqual(properties(failures), ["operation.jobParam.a[0]", "operation.jobParam.b", "operation.jobParam.c"]);
      const withFunction = validateTriggerRequest({ ...jobSample(), operation: { ...jobSample().operation, jobParam: { f: () => 1 } } });
      assertOnlyFailure(withFunction, "operation.jobParam.f", /not a function/);
    });

    it("rejects an extra element that would repeat a known one", () => {
      assertOnlyFailure(
        validateEdited(jobSample(), (r) => (r.operation.extra = { tag: "Snapshot" })),
        "operation.extra.tag",
        /operation\.tag would both be sent as <Tag>/,
      );
    });

    it("does not repeat random-looking values such as keys in its reasons", () => {
      const key = "AKIDZfbOAo7cllgPvF9cXFrJD0a1ICvR";
      const failures = validateEdited(jobSample(), (r) => (r.operation.output.region = key));
      assert.equal(failures.length, 1);
      assert.equal(failures[0].reason.includes(key), false);
    });

    it("accepts the codec's full Job request except its non-ASCII userData and its TDMQ settings beside a Kafka callback", () => {
      const failures = validateTriggerRequest(fullJobRequest());
      assert.deepEqual(properties(failures), ["operation.userData", "operation.callBackMqConfig"]);
    });
  });
});
