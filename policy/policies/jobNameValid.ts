import { validateJobName } from "pulumi-tencent-ci/provider";
import { jobPolicy } from "../jobPolicy";

/**
 * `job-name-valid` (mandatory): a given job name follows the service's rules. A job without a name
 * passes, since the provider names it within those rules.
 */
export const jobNameValid = jobPolicy({
  name: "job-name-valid",
  description: "Job names must be 1-128 letters, digits, Chinese characters, '-' or '_', as the service requires.",
  enforcementLevel: "mandatory",
  check: (job) => (job.name === undefined || job.name === null ? [] : validateJobName(job.name, "name")),
});
