import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { InventoryTriggerJob, INVENTORY_TRIGGER_JOB_TYPE, inventoryTriggerJobProvider } from "../../sdk";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}

const registered: Registered[] = [];

/** Everything the service reports about a job, as `read` returns it for a `get`. */
const READ_JOB = {
  jobId: "b5555",
  name: "made-elsewhere",
  type: "Workflow",
  input: { prefix: "x/" },
  operation: { workflowIds: ["w1"] },
  state: "Failed",
  code: "InternalError",
  message: "transcoder crashed",
  creationTime: "2026-01-01T10:00:00+0800",
  startTime: "2026-01-01T10:00:01+0800",
  endTime: "2026-01-01T10:00:04+0800",
};

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("InventoryTriggerJob registration", function () {
  this.timeout(60_000);

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- the engine passes "" for a resource without an id
          registered.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id || undefined });
          if (args.id === READ_JOB.jobId) return { id: args.id, state: READ_JOB };
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- as above
          return { id: args.id || `job-${args.name}`, state: { ...args.inputs, jobId: args.id || `job-${args.name}`, state: "Submitted" } };
        },
        call(args) {
          return args.inputs;
        },
      },
      "demo-project",
      "dev",
      false,
    );
  });

  beforeEach(() => registered.splice(0));

  it("registers under the type token policies match on", async () => {
    const job = new InventoryTriggerJob("nightly-1", { input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } });
    await outputValue(job.jobId);
    assert.equal(registered[0].type, INVENTORY_TRIGGER_JOB_TYPE);
    assert.equal(INVENTORY_TRIGGER_JOB_TYPE, "pulumi-nodejs:dynamic/tencent-ci:InventoryTriggerJob");
  });

  it("asks the provider to auto-name a job without a name, scoped to the project and stack", async () => {
    const job = new InventoryTriggerJob("nightly-2", { input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } });
    await outputValue(job.jobId);
    assert.deepEqual(registered[0].inputs.autoName, { prefix: "nightly-2", scope: "demo-project/dev" });
    assert.equal(registered[0].inputs.name, undefined);
  });

  it("keeps an explicit name and does not ask for auto-naming", async () => {
    const job = new InventoryTriggerJob("nightly-3", { name: "my-job", input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } });
    await outputValue(job.jobId);
    assert.equal(registered[0].inputs.name, "my-job");
    assert.equal(registered[0].inputs.autoName, undefined);
  });

  it("turns the import option into a job to adopt instead of an engine import", async () => {
    const job = new InventoryTriggerJob("adopted", { input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } }, { import: "b1234" });
    await outputValue(job.jobId);
    assert.equal(registered[0].inputs.adoptJobId, "b1234");
  });

  it("refuses a function among triggers, which the engine would store as null, naming the resource and the index", () => {
    assert.throws(
      () => new InventoryTriggerJob("with-fn", { input: { prefix: "a/" }, operation: { workflowIds: ["w1"] }, triggers: ["v1", () => 1] }),
      /InventoryTriggerJob with-fn: triggers\[1\] is a function, which cannot be stored/,
    );
    assert.equal(registered.length, 0);
  });

  it("reads an existing job by id through get without auto-naming or adopting", async () => {
    const job = InventoryTriggerJob.get("existing", "b9876");
    assert.equal(await outputValue(job.id), "b9876");
    assert.equal(registered[0].id, "b9876");
    assert.equal(registered[0].inputs.autoName, undefined);
    assert.equal(registered[0].inputs.adoptJobId, undefined);
  });

  it("exposes every output of a job read with get: input, operation, type, name, id, state, times, code and message", async () => {
    const job = InventoryTriggerJob.get("read-only", READ_JOB.jobId);
    const outputs = {
      jobId: job.jobId,
      name: job.name,
      type: job.type,
      input: job.input,
      operation: job.operation,
      state: job.state,
      code: job.code,
      message: job.message,
      creationTime: job.creationTime,
      startTime: job.startTime,
      endTime: job.endTime,
    };
    for (const [key, output] of Object.entries(outputs)) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- pins at run time what the class declares
      assert.ok(output !== undefined, `${key} is not an output of the resource`);
      assert.deepEqual(await outputValue(output as pulumi.Output<unknown>), READ_JOB[key as keyof typeof READ_JOB], key);
    }
  });

  it("exposes the service's job id and state as outputs", async () => {
    const job = new InventoryTriggerJob("nightly-4", { input: { prefix: "a/" }, operation: { workflowIds: ["w1"] } });
    assert.equal(await outputValue(job.jobId), "job-nightly-4");
    assert.equal(await outputValue(job.state), "Submitted");
  });
});

describe("the serialized provider", function () {
  this.timeout(60_000);

  // Installed under node_modules it is stored as one require (pinned under 2 KB by the engine
  // tests, which install the package as users do); in this linked checkout it is stored by value.
  it("captures no module by value: every method requires the package at run time", async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => inventoryTriggerJobProvider);
    const requires = [...serialized.text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(requires)], ["pulumi-tencent-ci/provider"]);
    assert.doesNotMatch(serialized.text, /__awaiter|secretKey|TENCENTCLOUD_SECRET/);
  });
});
