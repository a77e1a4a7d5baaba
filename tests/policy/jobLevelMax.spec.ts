import { jobLevelMax } from "../../policy/policies";
import {
  assertHasResourceViolation,
  assertNoResourceViolations,
  createResourceValidationArgs,
  transcodeJob,
  UNKNOWN,
  workflowJob,
} from "./helpers";

const level = (jobLevel: unknown) => transcodeJob({ operation: { jobLevel } });

describe("job-level-max", () => {
  it("passes priority 1 under the default maximum of 1", async () => {
    await assertNoResourceViolations(jobLevelMax, createResourceValidationArgs(level(1)));
  });

  it("passes a job that asks for no priority", async () => {
    await assertNoResourceViolations(jobLevelMax, createResourceValidationArgs(workflowJob()));
  });

  it("fails priority 2 under the default maximum", async () => {
    await assertHasResourceViolation(jobLevelMax, createResourceValidationArgs(level(2)), "operation.jobLevel is 2; at most 1 is allowed");
  });

  it("reads a priority given as text", async () => {
    await assertHasResourceViolation(jobLevelMax, createResourceValidationArgs(level("2")), "operation.jobLevel is 2");
  });

  it("passes priority 2 when maxJobLevel is 2", async () => {
    await assertNoResourceViolations(jobLevelMax, createResourceValidationArgs(level(2), { config: { maxJobLevel: 2 } }));
  });

  it("fails priority 1 when maxJobLevel is 0", async () => {
    await assertHasResourceViolation(jobLevelMax, createResourceValidationArgs(level(1), { config: { maxJobLevel: 0 } }), "at most 0");
  });

  it("reports nothing for a priority unknown during preview", async () => {
    await assertNoResourceViolations(jobLevelMax, createResourceValidationArgs(level(UNKNOWN), { config: { maxJobLevel: 0 } }));
  });
});
