/**
 * Every policy of the pack, for the pack itself and for tests.
 *
 * @packageDocumentation
 */
import type { Policies } from "@pulumi/policy";
import { callbackHttps } from "./callbackHttps";
import { inputSingleSource } from "./inputSingleSource";
import { jobLevelMax } from "./jobLevelMax";
import { jobNameValid } from "./jobNameValid";
import { maxJobsPerStack } from "./maxJobsPerStack";
import { noCredentialsInInputs } from "./noCredentialsInInputs";
import { outputBucketAllowed } from "./outputBucketAllowed";
import { queueAllowed } from "./queueAllowed";
import { templateAllowed } from "./templateAllowed";
import { timeIntervalValid } from "./timeIntervalValid";
import { waitTimeoutBounded } from "./waitTimeoutBounded";
import { workflowAllowed } from "./workflowAllowed";

export {
  callbackHttps,
  inputSingleSource,
  jobLevelMax,
  jobNameValid,
  maxJobsPerStack,
  noCredentialsInInputs,
  outputBucketAllowed,
  queueAllowed,
  templateAllowed,
  timeIntervalValid,
  waitTimeoutBounded,
  workflowAllowed,
};
export { createOutputBucketAllowed } from "./outputBucketAllowed";
export { PROVIDER_DEFAULT_WAIT_SECONDS } from "./waitTimeoutBounded";

/** The policies of the pack, in the order they are reported. */
export const policies: Policies = [
  jobNameValid,
  inputSingleSource,
  timeIntervalValid,
  workflowAllowed,
  queueAllowed,
  templateAllowed,
  callbackHttps,
  outputBucketAllowed,
  jobLevelMax,
  waitTimeoutBounded,
  noCredentialsInInputs,
  maxJobsPerStack,
];
