import { strict as assert } from "node:assert";
import { maxJobsPerStack } from "../../policy/policies";
import { INVENTORY_TRIGGER_JOB_TYPE } from "../../sdk/inventoryTriggerJob";
import {
  assertHasStackViolation,
  assertNoStackViolations,
  createPolicyResource,
  createStackValidationArgs,
  UNKNOWN,
  workflowJob,
} from "./helpers";

const jobs = (count: number) =>
  Array.from({ length: count }, (_, i) => createPolicyResource(INVENTORY_TRIGGER_JOB_TYPE, `job-${i}`, workflowJob({ name: UNKNOWN })));
const others = (count: number) =>
  Array.from({ length: count }, (_, i) => createPolicyResource("pulumi:providers:tencentcloud", `other-${i}`));

describe("max-jobs-per-stack", () => {
  it("passes 20 jobs, the default maximum", async () => {
    await assertNoStackViolations(maxJobsPerStack, createStackValidationArgs(jobs(20)));
  });

  it("fails 21 jobs under the default maximum, giving the count", async () => {
    await assertHasStackViolation(
      maxJobsPerStack,
      createStackValidationArgs(jobs(21)),
      "The stack declares 21 InventoryTriggerJob resources; at most 20",
    );
  });

  it("counts only InventoryTriggerJob resources", async () => {
    await assertNoStackViolations(maxJobsPerStack, createStackValidationArgs([...jobs(2), ...others(30)], { config: { maxJobs: 2 } }));
  });

  it("fails a third job when maxJobs is 2", async () => {
    await assertHasStackViolation(maxJobsPerStack, createStackValidationArgs(jobs(3), { config: { maxJobs: 2 } }), "at most 2 are allowed");
  });

  it("passes 50 jobs when maxJobs is 50", async () => {
    await assertNoStackViolations(maxJobsPerStack, createStackValidationArgs(jobs(50), { config: { maxJobs: 50 } }));
  });

  it("is a stack policy with a mandatory default", () => {
    assert.equal(maxJobsPerStack.enforcementLevel, "mandatory");
    assert.equal(typeof maxJobsPerStack.validateStack, "function");
  });
});
