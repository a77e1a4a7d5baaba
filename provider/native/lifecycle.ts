/**
 * Everything the plugin takes from the dynamic provider and the client, imported in this one module:
 * the plugin serves the same life cycle as the dynamic provider, and a module moved or renamed in
 * those folders should need one edit here, not one per file of the plugin.
 */
export { createJobHandlers } from "../dynamic/handlers";
export type { CreateResult, HandlerDependencies, JobHandlers, ReadResult } from "../dynamic/handlers";
export type { JobDiff } from "../dynamic/diff";
export type { JobCheck } from "../dynamic/check";
export { SECRET_PATHS_KEY } from "../dynamic/secretPaths";
export { isRefreshDiff } from "../dynamic/refreshStamp";
export { NOT_FOUND_STATE } from "../model";
export { UNKNOWN_VALUE, OUTPUT_KEYS, OBSERVED_KEY, MOVED_KEY } from "../dynamic/resourceInputs";
export { RUN_RECORD_KEYS } from "../dynamic/jobOutputs";
export { watchEngineLiveness } from "../dynamic/engineLiveness";
export { userFacingError } from "../dynamic/userFacingError";
export { CiClient } from "../client/ciClient";
export type { CiClientOptions } from "../client/ciClient";
export { clientOptionsFor, resolveSettings, SETTING_SOURCES } from "../config/settings";
export type { ProviderSettings } from "../config/settings";
