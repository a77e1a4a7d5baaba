/**
 * The implementation of the `InventoryTriggerJob` dynamic provider, reached by the serialized
 * provider through `require("pulumi-tencent-ci/provider").dynamicHandlers`.
 */
export { configure, check, diff, create, read, update, remove } from "./handlers";
export type { CreateResult, ReadResult, PartialCreateError } from "./handlers";
