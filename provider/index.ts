/**
 * The CI client and the Pulumi dynamic provider: everything that talks to Tencent Cloud CI.
 *
 * @packageDocumentation
 */
export { CiClient } from "./ciClient";
export type { CiClientOptions } from "./ciClient";
export { CiError, CLIENT_ERROR_CODES, isCiError } from "./errors";
export type { CiErrorDetails, Fault } from "./errors";
export { resolveEndpoint, isLoopbackHost } from "./endpoint";
export type { EndpointOptions } from "./endpoint";
export { RequestSigner, signRequest, SIGNED_HEADERS } from "./signer";
export type { SignableRequest, SigningCredentials } from "./signer";
export { encodeTriggerJobRequest } from "./codec/triggerJob";
export { decodeJobsResponse } from "./codec/jobsResponse";
export type { JobsResponse } from "./codec/jobsResponse";
export { decodeErrorBody } from "./codec/errorBody";
export type { ServiceErrorBody } from "./codec/errorBody";
export { encodeListJobsQuery } from "./codec/listJobs";
export { CodecError } from "./codec/codecError";
export * from "./validation";
export * from "./model";
export { resolveSettings, clientOptionsFor, SETTING_SOURCES } from "./dynamic/settings";
export type { ProviderSettings } from "./dynamic/settings";
export { DEFAULT_WAIT_OPTIONS, INVENTORY_TRIGGER_JOB_INPUT_KEYS } from "./dynamic/resourceInputs";
export * as dynamicHandlers from "./dynamic";
