/**
 * The CI client and the Pulumi dynamic provider: everything that talks to Tencent Cloud CI.
 *
 * @packageDocumentation
 */
export { CiClient } from "./client/ciClient";
export type { CiClientOptions } from "./client/ciClient";
export { CiError, CLIENT_ERROR_CODES, isCiError } from "./client/errors";
export type { CiErrorDetails, Fault } from "./client/errors";
export { resolveEndpoint, isLoopbackHost } from "./client/endpoint";
export type { EndpointOptions } from "./client/endpoint";
export { RequestSigner, signRequest, SIGNED_HEADERS } from "./signing/signer";
export type { SignableRequest, SigningCredentials } from "./signing/signer";
export { encodeTriggerJobRequest } from "./codec/triggerJob";
export { decodeJobsResponse } from "./codec/jobsResponse";
export type { JobsResponse } from "./codec/jobsResponse";
export { decodeErrorBody } from "./codec/errorBody";
export type { ServiceErrorBody } from "./codec/errorBody";
export { encodeListJobsQuery } from "./codec/listJobs";
export { CodecError } from "./codec/codecError";
export * from "./validation/triggerRequest";
export * from "./model";
export { resolveSettings, clientOptionsFor, SETTING_SOURCES } from "./client/settings";
export type { ProviderSettings } from "./client/settings";
export { DEFAULT_WAIT_OPTIONS, INVENTORY_TRIGGER_JOB_INPUT_KEYS } from "./dynamic/resourceInputs";
export * as dynamicHandlers from "./dynamic";
