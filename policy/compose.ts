/**
 * Helpers for composing a pack of one's own from these policies: their settings schemas by name,
 * and a copy of a policy with other defaults.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** A value a settings schema may hold as its `default`: JSON. */
type SettingValue = NonNullable<PolicyConfigSchema["properties"][string]["default"]> | null;
import { policies } from "./policies";

/** Level and settings to bake into a policy: what a `--policy-pack-config` entry would give it. */
export interface PolicyDefaults {
  /** The level when the pack's configuration names none. */
  enforcementLevel?: EnforcementLevel;
  /** Settings of the policy's schema, e.g. `allowedWorkflowIds` of `workflow-allowed`. */
  settings?: Record<string, SettingValue>;
}

/**
 * The settings schema of every policy of the pack, by policy name (policies without settings
 * have none): what `--policy-pack-config` accepts for each.
 */
export const policyConfigSchemas: Readonly<Record<string, PolicyConfigSchema>> = Object.freeze(
  Object.fromEntries(
    policies.flatMap((policy) => (policy.configSchema === undefined ? [] : [[policy.name, policy.configSchema] as const])),
  ),
);

/** `args` with `getConfig()` returning the given settings over `baked`; everything else read through to `args`. */
function withBakedConfig<TArgs extends ResourceValidationArgs | StackValidationArgs>(args: TArgs, baked: Record<string, unknown>): TArgs {
  const getConfig = (() => {
    const given = Object.entries(args.getConfig<Record<string, unknown>>()).filter(([, value]) => value !== undefined && value !== null);
    return { ...baked, ...Object.fromEntries(given) };
  }) as TArgs["getConfig"];
  return Object.assign(Object.create(args) as TArgs, { getConfig });
}

/**
 * A copy of `policy` whose level and settings default to the ones given; a `--policy-pack-config`
 * entry still overrides them. The settings also become the `default`s of the copy's schema, so the
 * CLI checks them against it and shows them; the policy's own check reads them through
 * `getConfig()`, since its frame keeps the schema it was built with. A setting the schema does not
 * declare throws, naming it: a mistyped key would otherwise be ignored and leave the gate open.
 */
export function withDefaults<T extends ResourceValidationPolicy | StackValidationPolicy>(policy: T, defaults: PolicyDefaults): T {
  const settings = defaults.settings ?? {};
  const properties = { ...(policy.configSchema?.properties ?? {}) };
  for (const [key, value] of Object.entries(settings)) {
    const property = properties[key];
    if (typeof property !== "object") {
      const known = Object.keys(properties);
      throw new Error(`${policy.name} has no setting ${key}; its settings are ${known.length === 0 ? "none" : known.join(", ")}`);
    }
    properties[key] = { ...property, default: value };
  }
  const copy = {
    ...policy,
    enforcementLevel: defaults.enforcementLevel ?? policy.enforcementLevel,
    configSchema: policy.configSchema === undefined ? undefined : { ...policy.configSchema, properties },
  };
  if ("validateResource" in copy && copy.validateResource !== undefined) {
    const validate = copy.validateResource;
    const validateAll = Array.isArray(validate) ? validate : [validate];
    copy.validateResource = validateAll.map(
      (one): ResourceValidation =>
        (args, reportViolation) =>
          one(withBakedConfig(args, settings), reportViolation),
    );
  }
  if ("validateStack" in copy) {
    const validate = copy.validateStack;
    copy.validateStack = (args, reportViolation) => validate(withBakedConfig(args, settings), reportViolation);
  }
  return copy;
}
