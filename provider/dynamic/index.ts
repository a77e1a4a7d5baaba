/**
 * The handlers of the `InventoryTriggerJob` dynamic provider, reached by the serialized provider
 * through `require("pulumi-tencent-ci/provider").dynamicHandlers`: one function per engine call,
 * and nothing else, since every stack's state depends on these names.
 */
export { configure, check, diff, create, read, update, remove } from "./providerProcess";
export type { CreateResult, ReadResult } from "./handlers";
