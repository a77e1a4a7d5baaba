/**
 * The frame shared by every policy about one InventoryTriggerJob: type matching, reading the
 * properties once with unknown values marked, settings with their defaults, and reporting.
 */
import type { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { INVENTORY_TRIGGER_JOB_TYPE } from "pulumi-tencent-ci/provider";
import type { ValidationFailure } from "pulumi-tencent-ci/provider";
import { policyConfig } from "./config";
import { containsUnknown, readProps, valueAt } from "./props";

/** What a job policy declares: its metadata and a pure check of one job's properties. */
export interface JobPolicyDefinition<TConfig extends object> {
  /** Kebab-case id, unique in the pack; the key of its settings in `--policy-pack-config`. */
  name: string;
  /** One sentence on what the policy demands, shown with every violation. */
  description: string;
  /** Level when the pack's configuration names none. */
  enforcementLevel: EnforcementLevel;
  /** Settings the policy takes, with their defaults. */
  configSchema?: PolicyConfigSchema;
  /**
   * Returns every problem with the job, each naming its property path. Values unknown during
   * preview are `UNKNOWN` (see ./props); a problem whose property holds one is dropped by the frame, so a
   * check only has to avoid judging a known value against an unknown one itself.
   */
  check: (job: Record<string, unknown>, config: TConfig) => ValidationFailure[];
}

/** Turns a {@link JobPolicyDefinition} into a policy that judges InventoryTriggerJob resources only. */
export function jobPolicy<TConfig extends object>(definition: JobPolicyDefinition<TConfig>): ResourceValidationPolicy {
  const { check, ...metadata } = definition;
  return {
    ...metadata,
    validateResource: (args, reportViolation) => {
      if (args.type !== INVENTORY_TRIGGER_JOB_TYPE) args.notApplicable(`applies only to ${INVENTORY_TRIGGER_JOB_TYPE}`);
      const job = readProps(args.props);
      const config = policyConfig<TConfig>(definition.configSchema, args.getConfig());
      for (const failure of check(job, config)) {
        if (!containsUnknown(valueAt(job, failure.property))) reportViolation(failure.reason);
      }
    },
  };
}
