/**
 * The implementation of the `InventoryTriggerJob` dynamic provider, reached by the serialized
 * provider through `require("pulumi-tencent-ci/provider").dynamicHandlers`.
 */
export { configure, check, diff, create, read, update, remove, createJobHandlers } from "./handlers";
export type { CreateResult, ReadResult, PartialCreateError, HandlerDependencies, JobHandlers } from "./handlers";
export { triggerOnce } from "./triggerOnce";
export type { JobClient, TriggerOnceOptions, TriggerOutcome } from "./triggerOnce";
