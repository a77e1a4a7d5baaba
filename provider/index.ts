/**
 * The public API of `pulumi-tencent-ci/provider`: the CI client, the model of the API, the checks
 * that `check` and policy packs run, the provider's settings, and the dynamic provider's handlers.
 *
 * Every name is listed here on purpose; `tests/provider/publicApi.spec.ts` pins the list, so that
 * an internal module never becomes public API by accident. `dynamicHandlers` must stay: the provider
 * serialized into every stack's state finds the implementation through it.
 *
 * @packageDocumentation
 */

// The model: the API's shapes and the patterns every layer shares.
export type {
  CallBackKafkaConfig,
  CallBackMqConfig,
  DigitalWatermark,
  JobDetail,
  JobInput,
  JobOperation,
  JobOutput,
  JobParam,
  JobState,
  JobType,
  ListJobsPage,
  ListJobsQuery,
  OrderByTime,
  ProcessingParams,
  ProcessingValue,
  StreamExtract,
  TimeInterval,
  TriggerJobRequest,
} from "./model";
export {
  BUCKET_PATTERN,
  JOB_ID_PATTERN,
  JOB_NAME_MAX_LENGTH,
  JOB_NAME_PATTERN,
  JOB_STATES,
  JOB_TYPES,
  parseServiceTime,
  REGION_PATTERN,
  TERMINAL_STATES,
} from "./model";

// Validation: what `check` runs before anything is sent, and what policy packs build on.
export {
  inputSources,
  triggerRequestWarnings,
  validateJobName,
  validateTimeInterval,
  validateTriggerRequest,
} from "./validation/triggerRequest";
export type { ValidationFailure } from "./validation/checker";
export {
  CALLBACK_FORMATS,
  CALLBACK_TYPES,
  CALLBACK_URL_MAX_LENGTH,
  ID_MAX_LENGTH,
  JOB_LEVEL_MAX,
  JOB_LEVEL_MIN,
  MQ_MODES,
  OBJECT_KEY_MAX_BYTES,
  USER_DATA_MAX_LENGTH,
} from "./validation/limits";
export { containsMatch, isPlainObject, valueAt } from "./values";

// The client and its errors.
export { CiClient, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from "./client/ciClient";
export type { CiClientOptions } from "./client/ciClient";
export { CiError, CLIENT_ERROR_CODES, isCiError } from "./client/errors";
export type { CiErrorDetails, Fault } from "./client/errors";
export { CodecError } from "./codec/codecError";
export { DEFAULT_RETRY_POLICY } from "./client/retryPolicy";
export type { RetryEvent, RetryListener, RetryPolicyOptions } from "./client/retryPolicy";

// The provider's settings: stack config and the TENCENTCLOUD_* variables.
export { clientOptionsFor, resolveSettings, SETTING_SOURCES } from "./config/settings";
export type { ProviderSettings } from "./config/settings";

// The InventoryTriggerJob resource, as the SDK and policy packs see it.
export {
  DEFAULT_WAIT_OPTIONS,
  INVENTORY_TRIGGER_JOB_INPUT_KEYS,
  INVENTORY_TRIGGER_JOB_TYPE,
  PROVIDER_KEY,
  UNKNOWN_VALUE,
} from "./dynamic/resourceInputs";
export type { WaitOptions } from "./dynamic/resourceInputs";
export * as dynamicHandlers from "./dynamic";
