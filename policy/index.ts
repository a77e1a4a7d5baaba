/**
 * `pulumi-tencent-ci/policy`: the policies of the `tencent-ci-jobs` pack as a library, for teams
 * that compose a pack of their own (pick policies, bake in settings, add their own rules), as
 * `@pulumi/awsguard` lets them do for AWS.
 *
 * The pack itself is `policy/pack.js`, which builds a `PolicyPack` from {@link policies}; the CLI
 * runs it through the `main` of policy/package.json. It is plain JavaScript requiring this module
 * by the package's name, so that the same file runs from this checkout, from the package's
 * `node_modules/pulumi-tencent-ci/policy` and from a pack published with `pulumi policy publish`.
 *
 * @packageDocumentation
 */
export * from "./policies";
export type { CallbackHttpsConfig } from "./policies/callbackHttps";
export type { InputSingleSourceConfig } from "./policies/inputSingleSource";
export type { JobLevelMaxConfig } from "./policies/jobLevelMax";
export type { MaxJobsPerStackConfig } from "./policies/maxJobsPerStack";
export type { OutputBucketAllowedConfig } from "./policies/outputBucketAllowed";
export type { QueueAllowedConfig } from "./policies/queueAllowed";
export type { TemplateAllowedConfig } from "./policies/templateAllowed";
export type { TimeIntervalValidConfig } from "./policies/timeIntervalValid";
export type { WaitTimeoutBoundedConfig } from "./policies/waitTimeoutBounded";
export type { WorkflowAllowedConfig } from "./policies/workflowAllowed";
export { DEFAULT_MAX_WINDOW_DAYS } from "./policies/timeIntervalValid";
// Type-only names go in `export type` lines, not inline `type` modifiers: the declarations must
// parse with the TypeScript 3.8 that @pulumi/pulumi falls back to (tests/sdk/declarations.spec.ts).
export { jobPolicy } from "./jobPolicy";
export type { JobPolicyDefinition } from "./jobPolicy";
export { policyConfig, stringList } from "./config";
export { UNKNOWN } from "./props";
export type { Unknown } from "./props";
export { withDefaults, policyConfigSchemas } from "./compose";
export type { PolicyDefaults } from "./compose";

/** The name of the pack this package ships, as `--policy-pack` runs report it (`tencent-ci-jobs@v0.1.0`). */
export const PACK_NAME = "tencent-ci-jobs";

/** The description of the pack this package ships. */
export const PACK_DESCRIPTION = "Stops risky Tencent Cloud CI batch jobs (InventoryTriggerJob) before they are triggered.";
