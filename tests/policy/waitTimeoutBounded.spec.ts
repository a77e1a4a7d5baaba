import { waitTimeoutBounded } from "../../policy/policies";
import { assertHasResourceViolation, assertNoResourceViolations, createResourceValidationArgs, transcodeJob, UNKNOWN } from "./helpers";

const waiting = (waitForCompletion: unknown) => ({ ...transcodeJob(), waitForCompletion });

describe("wait-timeout-bounded", () => {
  it("passes a job that is not waited for", async () => {
    await assertNoResourceViolations(waitTimeoutBounded, createResourceValidationArgs(waiting(undefined)));
    await assertNoResourceViolations(waitTimeoutBounded, createResourceValidationArgs(waiting(false)));
  });

  it("passes true, the provider's 1800 s, under the default maximum of 3600 s", async () => {
    await assertNoResourceViolations(waitTimeoutBounded, createResourceValidationArgs(waiting(true)));
  });

  it("fails a timeout of two hours under the default maximum", async () => {
    await assertHasResourceViolation(
      waitTimeoutBounded,
      createResourceValidationArgs(waiting({ timeoutSeconds: 7200 })),
      "waitForCompletion.timeoutSeconds waits up to 7200 s; at most 3600 s",
    );
  });

  it("fails true when maxWaitSeconds is below the provider's default of 1800 s", async () => {
    const args = createResourceValidationArgs(waiting(true), { config: { maxWaitSeconds: 900 } });
    await assertHasResourceViolation(
      waitTimeoutBounded,
      args,
      "waitForCompletion waits up to 1800 s (the provider's default); at most 900 s",
    );
  });

  it("counts wait options without a timeout as the provider's default", async () => {
    const args = createResourceValidationArgs(waiting({ pollIntervalSeconds: 10 }), { config: { maxWaitSeconds: 900 } });
    await assertHasResourceViolation(waitTimeoutBounded, args, "1800 s (the provider's default)");
  });

  it("passes a two-hour timeout when maxWaitSeconds is 7200", async () => {
    await assertNoResourceViolations(
      waitTimeoutBounded,
      createResourceValidationArgs(waiting({ timeoutSeconds: 7200 }), { config: { maxWaitSeconds: 7200 } }),
    );
  });

  it("reports nothing for a timeout unknown during preview", async () => {
    await assertNoResourceViolations(
      waitTimeoutBounded,
      createResourceValidationArgs(waiting({ timeoutSeconds: UNKNOWN }), { config: { maxWaitSeconds: 60 } }),
    );
  });

  it("reports nothing when waitForCompletion itself is unknown during preview", async () => {
    await assertNoResourceViolations(
      waitTimeoutBounded,
      createResourceValidationArgs(waiting(UNKNOWN), { config: { maxWaitSeconds: 60 } }),
    );
  });
});
