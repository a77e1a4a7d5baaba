import { jobNameValid } from "../../policy/policies";
import {
  assertHasResourceViolation,
  assertNoResourceViolations,
  createResourceValidationArgs,
  runResourcePolicy,
  UNKNOWN,
  workflowJob,
} from "./helpers";
import { strict as assert } from "node:assert";

describe("job-name-valid", () => {
  it("passes a name of letters, digits, Chinese characters, '-' and '_'", async () => {
    await assertNoResourceViolations(jobNameValid, createResourceValidationArgs(workflowJob({ name: "夜间_transcode-01" })));
  });

  it("passes a job without a name, which the provider names itself", async () => {
    await assertNoResourceViolations(jobNameValid, createResourceValidationArgs(workflowJob({ name: undefined })));
  });

  it("fails a name with a space or a dot, naming the property", async () => {
    await assertHasResourceViolation(
      jobNameValid,
      createResourceValidationArgs(workflowJob({ name: "nightly job.v2" })),
      /^name may only contain/,
    );
  });

  it("fails a name longer than 128 characters", async () => {
    await assertHasResourceViolation(jobNameValid, createResourceValidationArgs(workflowJob({ name: "a".repeat(129) })), "at most 128");
  });

  it("fails an empty name", async () => {
    await assertHasResourceViolation(jobNameValid, createResourceValidationArgs(workflowJob({ name: "" })), "must not be empty");
  });

  it("reports nothing for a name unknown during preview", async () => {
    await assertNoResourceViolations(jobNameValid, createResourceValidationArgs(workflowJob({ name: UNKNOWN })));
  });

  it("declares itself not applicable to other resource types", async () => {
    const outcome = await runResourcePolicy(
      jobNameValid,
      createResourceValidationArgs({ name: "has space" }, { type: "tencentcloud:cos/bucket:Bucket" }),
    );
    assert.deepEqual(outcome.violations, []);
    assert.match(outcome.notApplicable ?? "", /InventoryTriggerJob/);
  });
});
