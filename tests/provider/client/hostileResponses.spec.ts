import { strict as assert } from "node:assert";
import { CiClient } from "../../../provider/client/ciClient";
import { CiError } from "../../../provider/client/errors";
import type { JobDetail } from "../../../provider/model";
import { startHostileServer, type HostileServer, type Operation } from "./hostileServer";

const SEED = Number(process.env.HOSTILE_SEED ?? 0x5eed_c1);
const CALLS = 10_000;
const IN_FLIGHT = 32;
const TIMEOUT_MS = 400;
const MAX_RESPONSE_BYTES = 128 * 1024;
/** A call sends at most three requests (a clock resync, a look-up by name); past this it hangs. */
const SETTLE_DEADLINE_MS = 3 * TIMEOUT_MS + 5_000;
/** Calls in proportion: describe 35 %, list 25 %, cancel 20 %, trigger 20 %. */
const MIX: [Operation, number][] = [
  ["DescribeJob", 35],
  ["ListJobs", 25],
  ["CancelJob", 20],
  ["TriggerJob", 20],
];
const TEXT_FIELDS = ["code", "message", "type", "name", "state", "creationTime", "startTime", "endTime"] as const;

function operationOf(index: number): Operation {
  let slot = index % 100;
  for (const [operation, share] of MIX) {
    if (slot < share) return operation;
    slot -= share;
  }
  return "DescribeJob";
}

function call(client: CiClient, operation: Operation, caseId: string): Promise<unknown> {
  switch (operation) {
    case "DescribeJob":
      return client.describeJob(caseId);
    case "ListJobs":
      return client.listJobsPage({ name: caseId });
    case "CancelJob":
      return client.cancelJob(caseId);
    case "TriggerJob":
      return client.triggerJob({
        name: caseId,
        type: "Workflow",
        input: { prefix: "" },
        operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] },
      });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Asserts a decoded job has the model's types, whatever the body held. */
function assertJob(job: unknown, where: string): asserts job is JobDetail {
  assert.ok(isPlainObject(job), `${where}: a job that is not an object`);
  assert.equal(Object.getPrototypeOf(job), Object.prototype, `${where}: a job with a replaced prototype`);
  assert.equal(typeof job.jobId, "string", `${where}: jobId is not a string`);
  assert.notEqual((job.jobId as string).trim(), "", `${where}: jobId is empty`);
  for (const key of TEXT_FIELDS) assert.ok(job[key] === undefined || typeof job[key] === "string", `${where}: ${key} is not a string`);
  for (const key of ["input", "operation", "extra"])
    assert.ok(job[key] === undefined || isPlainObject(job[key]), `${where}: ${key} is not an object`);
  const operation = job.operation as Record<string, unknown> | undefined;
  if (operation?.jobLevel !== undefined) assert.ok(Number.isSafeInteger(operation.jobLevel), `${where}: jobLevel is not an integer`);
  if (operation?.workflowIds !== undefined) {
    assert.ok(
      Array.isArray(operation.workflowIds) && operation.workflowIds.every((id) => typeof id === "string"),
      `${where}: workflowIds is not a list of text`,
    );
  }
}

/** Asserts what a call resolved to; returns the outcome's name for the summary. */
function assertSuccess(operation: Operation, caseId: string, value: unknown, server: HostileServer): string {
  const where = `${operation} ${caseId}`;
  switch (operation) {
    case "DescribeJob":
      if (value === undefined) {
        const listed = new RegExp(`<NonExistJobIds?>[^<]*\\b${caseId}\\b`).test(server.describeBody(caseId) ?? "");
        assert.ok(listed, `${where}: reported as not found, but the body did not list it in NonExistJobIds`);
        return "not found";
      }
      assertJob(value, where);
      assert.equal(value.jobId, caseId, `${where}: described another job than the one asked for`);
      return "job";
    case "ListJobs": {
      assert.ok(isPlainObject(value) && Array.isArray(value.jobs), `${where}: a page without a job list`);
      value.jobs.forEach((job, index) => assertJob(job, `${where} jobs[${index}]`));
      assert.ok(
        value.nextToken === undefined || (typeof value.nextToken === "string" && value.nextToken !== ""),
        `${where}: a malformed nextToken`,
      );
      assert.ok(value.requestId === undefined || typeof value.requestId === "string", `${where}: a malformed requestId`);
      return "page";
    }
    case "CancelJob":
      assert.equal(value, undefined, `${where}: cancel resolved to a value`);
      return "cancelled";
    case "TriggerJob":
      assertJob(value, where);
      return "job";
  }
}

/** Asserts a rejection is a CiError of the call; returns its code for the summary. */
function assertFailure(operation: Operation, caseId: string, error: unknown): string {
  const where = `${operation} ${caseId}`;
  assert.ok(
    error instanceof CiError,
    `${where}: rejected with ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
  assert.equal(typeof error.code, "string", `${where}: code is not a string`);
  assert.notEqual(error.code, "", `${where}: empty code`);
  assert.equal(error.operation, operation, `${where}: the error is of ${error.operation}`);
  assert.ok(error.message.includes(operation), `${where}: the message does not name ${operation}: ${error.message.slice(0, 200)}`);
  return error.code;
}

describe("CiClient: hostile responses", function () {
  this.timeout(120_000);

  let server: HostileServer | undefined;
  let client: CiClient | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  before(async () => {
    process.on("unhandledRejection", onUnhandled);
    server = await startHostileServer({ seed: SEED, maxResponseBytes: MAX_RESPONSE_BYTES });
    client = new CiClient({
      secretId: "AKIDhostile",
      secretKey: "hostile-secret-key",
      endpoint: server.url,
      timeoutMs: TIMEOUT_MS,
      maxRetries: 0,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 },
    });
  });

  after(async () => {
    await client?.close();
    await server?.close();
    process.off("unhandledRejection", onUnhandled);
  });

  it(`settles each of ${CALLS} calls against seeded hostile responses with a typed value or a CiError of that call, with no unhandled rejection`, async () => {
    const running = client ?? assert.fail("no client");
    const served = server ?? assert.fail("no server");
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    let next = 0;

    async function settle(index: number): Promise<void> {
      const operation = operationOf(index);
      const caseId = `c${index}`;
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), SETTLE_DEADLINE_MS)));
      const settled = call(running, operation, caseId).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      const result = await Promise.race([settled, hang]);
      clearTimeout(timer);
      let outcome: string;
      try {
        if (result === "hang") throw new Error(`${operation} ${caseId}: did not settle within ${SETTLE_DEADLINE_MS} ms`);
        outcome =
          "error" in result ? assertFailure(operation, caseId, result.error) : assertSuccess(operation, caseId, result.value, served);
      } catch (problem) {
        problems.push((problem as Error).message);
        outcome = "PROBLEM";
      }
      const key = `${operation}:${outcome}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }

    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CALLS) await settle(next++);
      }),
    );
    // Rejections nobody awaited surface on a later turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));

    const kinds = [...served.served].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${kind} ${count}`);
    const results = [...outcomes].sort().map(([key, count]) => `${key} ${count}`);
    console.log(`      hostile responses (seed ${SEED}): served ${served.total} [${kinds.join(", ")}]; outcomes [${results.join(", ")}]`);

    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} calls misbehaved`);
    assert.deepEqual(unhandled.map(String), []);
    assert.ok(served.total >= CALLS, `only ${served.total} responses were served`);
    assert.ok(served.served.size >= 20, "too few kinds of response were served to mean anything");
  });
});
