/**
 * Policy settings: the values given with `--policy-pack-config` over the defaults each policy's
 * schema declares.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A policy's settings: every `default` of its schema, overridden by the values given.
 *
 * The CLI checks given values against the schema, but whether it also fills in the defaults differs
 * between CLI versions, and a policy run as a plain function in a test gets no defaults at all; the
 * schema stays the one place a default is written.
 */
export function policyConfig<TConfig extends object>(schema: PolicyConfigSchema | undefined, given: Partial<TConfig>): TConfig {
  const config: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    if (typeof property === "object" && property.default !== undefined) config[key] = property.default;
  }
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined && value !== null) config[key] = value;
  }
  return config as TConfig;
}

/** A schema entry for a list of strings that is unset unless configured. */
export function stringList(description: string): PolicyConfigSchema["properties"][string] {
  return { type: "array", items: { type: "string" }, description };
}
