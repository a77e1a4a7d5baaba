import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { checkJob } from "../../../provider/dynamic/check";
import { UNKNOWN_VALUE } from "../../../provider/dynamic/resourceInputs";
import type { ValidationFailure } from "../../../provider/validation/triggerRequest";
import { BAD_INPUTS, GOOD_INPUTS, jobBase, SECRET_LIKE, WORKFLOW_ID, workflowBase } from "./badInputs";

/** A run of key or token characters longer than 32 that mixes letters and digits. */
const RANDOM_RUN = /[A-Za-z0-9+/=_-]{33,}/g;
/** Ids the reasons quote as examples of the expected form; they come from the vendor's pages, not from the inputs. */
const DOCUMENTED_EXAMPLES = [WORKFLOW_ID];

function looksRandom(text: string): boolean {
  return /\d/.test(text) && /[A-Za-z]/.test(text);
}

/** Every string (values and keys) inside the inputs that is longer than 32 characters and looks random. */
function secretLikeValues(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string") {
    for (const run of value.match(RANDOM_RUN) ?? []) if (looksRandom(run)) found.push(run);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      secretLikeValues(key, found);
      secretLikeValues(item, found);
    }
  }
  return found;
}

/** Asserts that a failure reads as a sentence about its own property and repeats no secret-like text. */
function assertWellWorded(failure: ValidationFailure, inputs: Record<string, unknown>): void {
  const { property, reason } = failure;
  assert.ok(property !== "", `a failure names no property: ${reason}`);
  assert.ok(reason.includes(property), `the reason for ${property} does not name it: ${reason}`);
  assert.match(reason, /^\S.*\S\.$/s, `the reason for ${property} is not a sentence ending with a period: ${reason}`);
  assert.ok(reason.split(/\s+/).length >= 3, `the reason for ${property} is too short to be a sentence: ${reason}`);
  for (const run of reason.match(RANDOM_RUN) ?? []) {
    if (!looksRandom(run) || DOCUMENTED_EXAMPLES.includes(run)) continue;
    assert.fail(`the reason for ${property} contains a random-looking value of ${run.length} characters`);
  }
  for (const secret of secretLikeValues(inputs)) {
    // Any 16 characters of it would be too many: a reason must not quote even a part.
    for (let start = 0; start + 16 <= secret.length; start += 4) {
      assert.ok(!reason.includes(secret.slice(start, start + 16)), `the reason for ${property} repeats part of a secret-like value`);
    }
  }
}

function describeFailures(failures: ValidationFailure[]): string {
  return inspect(failures, { depth: 3, breakLength: 200 });
}

describe("checkJob: invalid inputs", () => {
  it("has at least 40 distinct invalid inputs, some of them holding secret-like values", () => {
    assert.ok(BAD_INPUTS.length >= 40, `only ${BAD_INPUTS.length} rows`);
    const distinct = new Set(BAD_INPUTS.map((row) => inspect(row.inputs, { depth: null, sorted: true, maxStringLength: Infinity })));
    assert.equal(distinct.size, BAD_INPUTS.length, "two rows have the same inputs");
    assert.equal(new Set(BAD_INPUTS.map((row) => row.what)).size, BAD_INPUTS.length, "two rows have the same description");
    for (const secret of SECRET_LIKE) {
      assert.ok(
        BAD_INPUTS.some((row) => secretLikeValues(row.inputs).some((value) => value.includes(secret))),
        "a secret-like value is used by no row",
      );
    }
  });

  for (const row of BAD_INPUTS) {
    it(`refuses ${row.what}, naming ${row.property} in a sentence that repeats no secret-like value`, () => {
      const { failures } = checkJob(structuredClone(row.inputs));
      assert.ok(
        failures.some((failure) => failure.property === row.property),
        `no failure names ${row.property}; got ${describeFailures(failures)}`,
      );
      for (const failure of failures) assertWellWorded(failure, row.inputs);
    });
  }
});

describe("checkJob: valid inputs", () => {
  for (const [what, inputs] of GOOD_INPUTS) {
    it(`accepts ${what} with no failure`, () => {
      const { failures } = checkJob(structuredClone(inputs));
      assert.deepEqual(failures, [], describeFailures(failures));
    });
  }

  it("returns its result synchronously, not as a promise, taking only the inputs", () => {
    assert.equal(checkJob.length, 1);
    const result: unknown = checkJob(workflowBase());
    assert.ok(!(result instanceof Promise));
    assert.equal(typeof (result as { then?: unknown }).then, "undefined");
    assert.deepEqual((result as ReturnType<typeof checkJob>).failures, []);
  });

  it("does not change the inputs it is given", () => {
    const inputs = { ...workflowBase(), autoName: { prefix: "nightly", scope: "p/s" }, name: undefined };
    const before = structuredClone(inputs);
    const { inputs: checked } = checkJob(inputs);
    assert.deepEqual(inputs, before);
    assert.equal(typeof checked.name, "string");
  });
});

describe("checkJob: values unknown during preview", () => {
  const unknownCases: [string, Record<string, unknown>][] = [
    [
      "every top-level input",
      Object.fromEntries(
        [
          "name",
          "type",
          "input",
          "operation",
          "region",
          "bucket",
          "triggers",
          "waitForCompletion",
          "retriggerOnStates",
          "cancelOnDelete",
          "adoptJobId",
        ].map((key) => [key, UNKNOWN_VALUE]),
      ),
    ],
    ["the prefix", { ...workflowBase(), input: { prefix: UNKNOWN_VALUE } }],
    ["the workflow list", { ...workflowBase(), operation: { workflowIds: UNKNOWN_VALUE } }],
    ["one workflow id", { ...workflowBase(), operation: { workflowIds: [WORKFLOW_ID, UNKNOWN_VALUE] } }],
    [
      "the start of a time interval",
      {
        ...workflowBase(),
        operation: { workflowIds: [WORKFLOW_ID], timeInterval: { start: UNKNOWN_VALUE, end: "2022-02-01T12:00:00+0800" } },
      },
    ],
    ["the jobParam of a Job", { ...jobBase(), operation: { tag: "Transcode", jobParam: UNKNOWN_VALUE } }],
    ["the type of a Job", { ...jobBase(), type: UNKNOWN_VALUE }],
    [
      "the output bucket and the queue of a TDMQ callback",
      {
        ...jobBase(),
        operation: {
          tag: "Transcode",
          jobParam: { templateId: "t1" },
          callBackType: "TDMQ",
          callBackMqConfig: UNKNOWN_VALUE,
          output: { region: "ap-guangzhou", bucket: UNKNOWN_VALUE },
        },
      },
    ],
    [
      "the wait timeout and a retrigger state",
      { ...workflowBase(), waitForCompletion: { timeoutSeconds: UNKNOWN_VALUE }, retriggerOnStates: [UNKNOWN_VALUE] },
    ],
    [
      "the operation of an auto-named job",
      { input: { prefix: "a/" }, operation: UNKNOWN_VALUE, autoName: { prefix: "nightly", scope: "p/s" } },
    ],
  ];

  for (const [what, inputs] of unknownCases) {
    it(`reports no failure when ${what} is unknown`, () => {
      const { failures } = checkJob(inputs);
      assert.deepEqual(failures, [], describeFailures(failures));
    });
  }

  it("names an auto-named job as unknown while its definition is unknown", () => {
    const { inputs } = checkJob({ input: { prefix: "a/" }, operation: UNKNOWN_VALUE, autoName: { prefix: "nightly", scope: "p/s" } });
    assert.equal(inputs.name, UNKNOWN_VALUE);
  });

  it("still reports a known invalid value beside unknown ones", () => {
    const { failures } = checkJob({ ...workflowBase(), name: UNKNOWN_VALUE, operation: UNKNOWN_VALUE, region: "Guangzhou" });
    assert.deepEqual(
      failures.map((failure) => failure.property),
      ["region"],
    );
  });

  it("still refuses a misspelled input whose value is unknown, since no value makes the key valid", () => {
    const { failures } = checkJob({ ...workflowBase(), cancelOnDelte: UNKNOWN_VALUE });
    assert.deepEqual(
      failures.map((failure) => failure.property),
      ["cancelOnDelte"],
    );
  });
});

describe("checkJob: unusual but allowed inputs", () => {
  it("accepts a Workflow with Job-only fields (once refused) and reports each as a warning, not a failure", () => {
    const warned: ValidationFailure[] = [];
    const inputs = {
      ...workflowBase(),
      operation: { workflowIds: [WORKFLOW_ID], tag: "Transcode", output: { region: "ap-guangzhou", bucket: "out-1250000000" } },
    };
    const { failures, warnings } = checkJob(inputs, {}, (warning) => warned.push(warning));
    assert.deepEqual(failures, [], describeFailures(failures));
    assert.deepEqual(warnings.map((warning) => warning.property).sort(), ["operation.output", "operation.tag"]);
    assert.deepEqual(warned, warnings);
  });

  it("warns about nothing for the two bases", () => {
    for (const inputs of [workflowBase(), jobBase()]) {
      const warned: ValidationFailure[] = [];
      assert.deepEqual(checkJob(inputs, {}, (warning) => warned.push(warning)).warnings, []);
      assert.deepEqual(warned, []);
    }
  });
});
