import { DEFAULT_WAIT_OPTIONS } from "pulumi-tencent-ci/provider";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link waitTimeoutBounded}. */
export interface WaitTimeoutBoundedConfig {
  /** Longest a deployment may wait for one job, in seconds. */
  maxWaitSeconds: number;
}

/** How long the provider waits when `waitForCompletion` gives no timeout. */
export const PROVIDER_DEFAULT_WAIT_SECONDS = DEFAULT_WAIT_OPTIONS.timeoutSeconds;

/**
 * `wait-timeout-bounded` (advisory): a deployment that waits for a job waits at most
 * `maxWaitSeconds`, so one slow job cannot hold a pipeline for hours.
 */
export const waitTimeoutBounded = jobPolicy<WaitTimeoutBoundedConfig>({
  name: "wait-timeout-bounded",
  description: "waitForCompletion must time out within maxWaitSeconds (true waits up to the provider's 1800 s).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      maxWaitSeconds: { type: "integer", minimum: 1, default: 3600, description: "Longest waitForCompletion timeout allowed, in seconds." },
    },
  },
  check: (job, { maxWaitSeconds }) => {
    const wait = job.waitForCompletion;
    let property = "waitForCompletion";
    let seconds: unknown;
    if (wait === true) {
      seconds = PROVIDER_DEFAULT_WAIT_SECONDS;
    } else if (isPlainObject(wait)) {
      const given = wait.timeoutSeconds !== undefined && wait.timeoutSeconds !== null;
      if (given) property = "waitForCompletion.timeoutSeconds";
      seconds = given ? wait.timeoutSeconds : PROVIDER_DEFAULT_WAIT_SECONDS;
    }
    if (typeof seconds !== "number" || !(seconds > maxWaitSeconds)) return [];
    const source = property === "waitForCompletion" ? " (the provider's default)" : "";
    return [
      { property, reason: `${property} waits up to ${seconds} s${source}; at most ${maxWaitSeconds} s is allowed (maxWaitSeconds).` },
    ];
  },
});
