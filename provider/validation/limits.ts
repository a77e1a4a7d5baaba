/**
 * What the pages allow for each field that has a limit, in one place for validation and for policies.
 * Each constant names its source; where no page gives a limit, the comment says what was chosen.
 *
 * @packageDocumentation
 */

/** Longest `userData` (CI job-submission pages: "printable ASCII, at most 1024"). */
export const USER_DATA_MAX_LENGTH = 1024;
/** Longest COS object key, in UTF-8 bytes (COS object naming rules). */
export const OBJECT_KEY_MAX_BYTES = 850;
/** Longest callback URL. No page gives one; 2048 is the common limit of HTTP stacks. */
export const CALLBACK_URL_MAX_LENGTH = 2048;
/** Longest id or tag (template, queue, workflow, Kafka instance). No page gives one; ids seen are 33 characters. */
export const ID_MAX_LENGTH = 128;
/** Job priorities (CI job-submission pages: "0, 1, 2; higher runs first; default 0"). */
export const JOB_LEVEL_MIN = 0;
/** Highest job priority. */
export const JOB_LEVEL_MAX = 2;

/** Callback body formats. */
export const CALLBACK_FORMATS: readonly string[] = ["JSON", "XML"];
/** Callback channels: the CI pages name Url and TDMQ; the Java SDK adds Kafka (`CallBackKafkaConfig`). */
export const CALLBACK_TYPES: readonly string[] = ["Url", "TDMQ", "Kafka"];
/** TDMQ delivery modes (CI `CallBackMqConfig`: topic subscription or queue service). */
export const MQ_MODES: readonly string[] = ["Queue", "Topic"];
