import type { StackValidationPolicy } from "@pulumi/policy";
import { INVENTORY_TRIGGER_JOB_TYPE } from "pulumi-tencent-ci/provider";
import { policyConfig } from "../config";

/** Settings of {@link maxJobsPerStack}. */
export interface MaxJobsPerStackConfig {
  /** Most InventoryTriggerJob resources one stack may declare. */
  maxJobs: number;
}

const configSchema: StackValidationPolicy["configSchema"] = {
  properties: {
    maxJobs: { type: "integer", minimum: 0, default: 20, description: "Most InventoryTriggerJob resources one stack may declare." },
  },
};

/**
 * `max-jobs-per-stack` (mandatory): a stack declares at most `maxJobs` jobs, so a loop over a data
 * file cannot fan out into hundreds of batch jobs in one deployment.
 */
export const maxJobsPerStack: StackValidationPolicy = {
  name: "max-jobs-per-stack",
  description: "A stack may declare at most maxJobs InventoryTriggerJob resources.",
  enforcementLevel: "mandatory",
  configSchema,
  validateStack: (args, reportViolation) => {
    const { maxJobs } = policyConfig<MaxJobsPerStackConfig>(configSchema, args.getConfig());
    const count = args.resources.filter((resource) => resource.type === INVENTORY_TRIGGER_JOB_TYPE).length;
    if (count > maxJobs) {
      reportViolation(`The stack declares ${count} InventoryTriggerJob resources; at most ${maxJobs} are allowed (maxJobs).`);
    }
  },
};
