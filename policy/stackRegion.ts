import * as pulumi from "@pulumi/pulumi";
import { SETTING_SOURCES } from "pulumi-tencent-ci/provider";

/**
 * The region the provider uses for a job that names none: stack config `tencent-ci:region`, else
 * the environment variable the provider falls back to. Undefined when neither is set.
 *
 * The policy process sees the stack's configuration because the language host passes it in
 * `PULUMI_CONFIG` when it starts the pack, as it does for programs.
 *
 * @param getConfig reads a full configuration key such as `tencent-ci:region`
 * @param env the environment to fall back to
 */
export function readStackRegion(
  getConfig: (key: string) => string | undefined = pulumi.runtime.getConfig,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const source = SETTING_SOURCES.region;
  return [getConfig(source.config), env[source.env]].find((value) => value !== undefined && value !== "");
}
