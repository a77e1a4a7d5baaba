import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { InventoryTriggerJob } from "../../sdk";
import type { InventoryTriggerJobArgs } from "../../sdk";
import { SECRET_PATHS_KEY } from "../../provider/dynamic/secretPaths";

/** How the engine's wire format marks a secret value (`@pulumi/pulumi/runtime/rpc` `specialSigKey`, `specialSecretSig`). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";

const registered: Record<string, unknown>[] = [];

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** The inputs registered for a job declared with `args`, once the engine has them. */
async function registeredInputs(name: string, args: InventoryTriggerJobArgs): Promise<Record<string, unknown>> {
  registered.splice(0);
  await outputValue(new InventoryTriggerJob(name, args).jobId);
  assert.equal(registered.length, 1);
  return registered[0];
}

describe("InventoryTriggerJob secret inputs", function () {
  this.timeout(60_000);

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push(args.inputs);
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- the engine passes "" for a resource without an id
          const id = args.id || `job-${args.name}`;
          return { id, state: { ...args.inputs, jobId: id, state: "Submitted" } };
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

  it("names a secret name as `name`, and keeps the name itself a secret while the list is not one", async () => {
    const inputs = await registeredInputs("secret-name", {
      name: pulumi.secret("hidden-name"),
      input: { prefix: "a/" },
      operation: { workflowIds: ["w1"] },
    });
    assert.deepEqual(inputs[SECRET_PATHS_KEY], ["name"]);
    assert.deepEqual(inputs.name, { [SECRET_SIG]: SECRET_VALUE_SIG, value: "hidden-name" });
  });

  it("names a secret inside a plain object by its dotted path", async () => {
    const inputs = await registeredInputs("secret-prefix", {
      input: { prefix: pulumi.secret("private/") },
      operation: { workflowIds: ["w1"], timeInterval: { start: pulumi.output("2026-01-01T00:00:00+0800") } },
    });
    assert.deepEqual(inputs[SECRET_PATHS_KEY], ["input.prefix"]);
  });

  it("names a secret element of a list by its index, as validation failures do", async () => {
    const inputs = await registeredInputs("secret-element", {
      input: { prefix: "a/" },
      operation: { workflowIds: ["w1", pulumi.secret("w2")] },
      triggers: [pulumi.secret("v1"), "v2"],
    });
    assert.deepEqual(inputs[SECRET_PATHS_KEY], ["operation.workflowIds[1]", "triggers[0]"]);
  });

  it("names a whole secret operation, and an Output that holds a secret, without looking inside", async () => {
    const inputs = await registeredInputs("secret-operation", {
      name: pulumi.output({ value: pulumi.secret("x") }).apply(() => "plain-looking"),
      input: { prefix: "a/" },
      operation: pulumi.secret({ workflowIds: ["w1"], timeInterval: { end: "2026-01-02T00:00:00+0800" } }),
    });
    assert.deepEqual(inputs[SECRET_PATHS_KEY], ["name", "operation"]);
  });

  it("sends no list when nothing is secret, so existing stacks see no change", async () => {
    const inputs = await registeredInputs("no-secret", {
      name: pulumi.output("visible"),
      input: { prefix: Promise.resolve("a/") },
      operation: { workflowIds: ["w1"] },
      triggers: [1, pulumi.output("v")],
    });
    assert.equal(SECRET_PATHS_KEY in inputs, false);
  });

  it("replaces a list a program sets by hand", async () => {
    const args = { input: { prefix: "a/" }, operation: { workflowIds: ["w1"] }, [SECRET_PATHS_KEY]: ["input"] } as InventoryTriggerJobArgs;
    const inputs = await registeredInputs("hand-set", args);
    assert.equal(SECRET_PATHS_KEY in inputs, false);
  });

  it("sends no list for get, which declares nothing", async () => {
    registered.splice(0);
    const job = InventoryTriggerJob.get("read-only", "b9876", { name: pulumi.secret("hidden-name") });
    assert.equal(await outputValue(job.id), "b9876");
    assert.equal(registered.length, 1);
    assert.equal(SECRET_PATHS_KEY in registered[0], false);
  });
});
