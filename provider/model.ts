/**
 * The shapes of the CI inventory trigger job API, as TypeScript types, and the patterns every layer
 * shares (names, ids, regions, buckets, service times), so that no layer imports another for them.
 *
 * Field names are the XML element names with the first letter lowered (`UrlFile` -> `urlFile`,
 * `CallBackMqConfig` -> `callBackMqConfig`). Sources: the vendor pages in the API reference
 * (trigger, query, list) and, where they are silent, the COS Go SDK (`ci_media.go`:
 * `InventoryTriggerJobInput`, `InventoryTriggerJobOperation`, `JobOutput`) and the Java/PHP SDKs.
 */

/**
 * The characters a job name may hold, as the body of a regular-expression character class (use it
 * with the `u` flag): letters, digits, `-`, `_` and Chinese characters (the trigger page). The
 * page does not say which Chinese characters; every character of the Han script is accepted, the
 * widest reading, so that no name the console takes is refused here. The provider's validation
 * and auto-naming use this one definition; the emulator keeps its own, so that a bug in it cannot
 * pass on both sides.
 */
export const JOB_NAME_CHARACTER_CLASS = "A-Za-z0-9_\\-\\p{Script=Han}";

/** Longest job name, in characters (trigger page: "up to 128"). */
export const JOB_NAME_MAX_LENGTH = 128;

/** One allowed character of a job name. */
export const JOB_NAME_CHARACTER = new RegExp(`[${JOB_NAME_CHARACTER_CLASS}]`, "u");

/** A whole valid job name: 1 to {@link JOB_NAME_MAX_LENGTH} allowed characters. */
export const JOB_NAME_PATTERN = new RegExp(`^[${JOB_NAME_CHARACTER_CLASS}]{1,${JOB_NAME_MAX_LENGTH}}$`, "u");

/** A COS region such as `ap-guangzhou` or `ap-shanghai-fsi`. */
export const REGION_PATTERN = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

/**
 * A bucket as `BucketName-APPID`, e.g. `media-1250000000`: COS bucket names are 1-50 lower-case
 * letters, digits and '-', neither starting nor ending with '-'; the APPID is numeric.
 */
export const BUCKET_PATTERN = /^(?=[a-z0-9-]{1,50}-\d)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-\d{5,}$/;

/** A job id as it may appear in `/inventorytriggerjob/<jobId>`: up to 128 letters, digits, '-' and '_'. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const SERVICE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;

/**
 * Reads a service time, `%Y-%m-%dT%H:%M:%S%z` such as `2022-02-01T12:00:00+0800`.
 *
 * Only the `+hhmm` offset is accepted, not `+hh:mm` nor `Z`: the pages define the format with
 * strftime's `%z`, which writes `+0800`, and every sample uses it. Whether the service would take
 * another spelling is undocumented, so a time it might refuse is caught before a job is triggered.
 * (The pages print the format as `%H:%m:%S`, a typo for minutes.)
 *
 * @returns the instant, or `undefined` when the text is not such a time or names no real date.
 */
export function parseServiceTime(value: string): Date | undefined {
  if (typeof value !== "string") return undefined;
  const match = SERVICE_TIME.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match.slice(1).map(Number);
  const sign = match[7] === "-" ? -1 : 1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a real date maps back to the same day.
  if (new Date(local).getUTCDate() !== day) return undefined;
  return new Date(local - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** The service's own UTC offset, as its times are written (`+0800`, China Standard Time). */
const SERVICE_UTC_OFFSET_MINUTES = 8 * 60;

/**
 * Writes an instant as a service time in the service's own offset, `2022-02-01T12:00:00+0800`: the
 * form {@link parseServiceTime} reads and the list call's `startCreationTime` takes.
 */
export function formatServiceTime(epochMs: number): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + SERVICE_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
  const offset = `${String(Math.floor(SERVICE_UTC_OFFSET_MINUTES / 60)).padStart(2, "0")}${String(SERVICE_UTC_OFFSET_MINUTES % 60).padStart(2, "0")}`;
  return `${local}+${offset}`;
}

/**
 * Model key under which each container keeps the elements this version does not name (see the
 * `extra` fields below), so that nothing the service sends is lost on a round trip.
 */
export const EXTRA_KEY = "extra";

/** `UrlFile` -> `urlFile`: the model's name for an XML element. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `urlFile` -> `UrlFile`: the XML element a model key is sent as. */
export function upperFirst(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** What kind of batch job: one that runs workflows, or one that runs a single processing job. */
export type JobType = "Workflow" | "Job";

/** Batch job types. */
export const JOB_TYPES: readonly JobType[] = ["Workflow", "Job"];

/** The states a job goes through; `Pause` exists on the service though this API never sets it. */
export type JobState = "Submitted" | "Running" | "Success" | "Failed" | "Pause" | "Cancel";

/** The state the provider records for a job the service no longer knows. */
export const NOT_FOUND_STATE = "NotFound";

/** A state as the provider records it: the service's, or {@link NOT_FOUND_STATE} for a job gone from it. */
export type RecordedJobState = JobState | typeof NOT_FOUND_STATE;

/** What a job's last known state means to the provider. */
export interface JobStateTraits {
  /** The job will not change again: it ended, or is gone. */
  terminal: boolean;
  /** The job may still run, so destroying its resource cancels it. */
  cancellable: boolean;
  /** A job found under a run's name in this state may be that run's job (an interrupted deploy's). */
  adoptable: boolean;
  /** The job did not do what it was declared for: a deploy of an unchanged program reports it. */
  unsuccessful: boolean;
}

/**
 * Every state and its traits, the one table the provider's sets of states come from. `Pause` is a job
 * waiting in a paused queue: it may still run. `NotFound` is final but not a failure: a job gone from
 * the service (purged after it ran, say) is not re-run by surprise.
 */
export const JOB_STATE_TRAITS: Readonly<Record<RecordedJobState, Readonly<JobStateTraits>>> = Object.freeze({
  Submitted: { terminal: false, cancellable: true, adoptable: true, unsuccessful: false },
  Running: { terminal: false, cancellable: true, adoptable: true, unsuccessful: false },
  Success: { terminal: true, cancellable: false, adoptable: true, unsuccessful: false },
  Failed: { terminal: true, cancellable: false, adoptable: false, unsuccessful: true },
  Pause: { terminal: false, cancellable: true, adoptable: true, unsuccessful: false },
  Cancel: { terminal: true, cancellable: false, adoptable: false, unsuccessful: true },
  NotFound: { terminal: true, cancellable: false, adoptable: false, unsuccessful: false },
});

/** Whether `state` (any value: state read back from a stack may be anything) has `trait`. */
export function stateHas(state: unknown, trait: keyof JobStateTraits): boolean {
  return typeof state === "string" && Object.hasOwn(JOB_STATE_TRAITS, state) && JOB_STATE_TRAITS[state as RecordedJobState][trait];
}

/** Every recorded state with `trait`, in the table's order. */
function statesWith(trait: keyof JobStateTraits): RecordedJobState[] {
  return (Object.keys(JOB_STATE_TRAITS) as RecordedJobState[]).filter((state) => JOB_STATE_TRAITS[state][trait]);
}

/** All job states the service reports, in life-cycle order. */
export const JOB_STATES: readonly JobState[] = ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"];

/** Every state the provider records: the service's and `NotFound`; what `retriggerOnStates` may list. */
export const RECORDED_JOB_STATES: readonly RecordedJobState[] = Object.keys(JOB_STATE_TRAITS) as RecordedJobState[];

/** Service states after which a job never changes again. */
export const TERMINAL_STATES: readonly JobState[] = JOB_STATES.filter((state) => JOB_STATE_TRAITS[state].terminal);

/** States a job may be cancelled in: queued, running or paused. */
export const CANCELLABLE_STATES: readonly RecordedJobState[] = statesWith("cancellable");

/** States a job found under a run's name may be in to be taken as that run's job. */
export const ADOPTABLE_STATES: readonly RecordedJobState[] = statesWith("adoptable");

/** States in which a declared job did not do what it was declared for. */
export const UNSUCCESSFUL_STATES: readonly RecordedJobState[] = statesWith("unsuccessful");

/**
 * Which objects a job processes. Exactly one source is given: a COS inventory `manifest.json`,
 * a file listing object URLs, a key prefix (empty means the whole bucket) or one object.
 */
export interface JobInput {
  manifest?: string;
  urlFile?: string;
  prefix?: string;
  object?: string;
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** Upload-time window of the objects to scan, both ends `%Y-%m-%dT%H:%M:%S%z` (e.g. `2022-02-01T12:00:00+0800`). */
export interface TimeInterval {
  start?: string;
  end?: string;
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** Delivery of callbacks through TDMQ (`CallBackType=TDMQ`). Go SDK: `NotifyConfigCallBackMqConfig`. */
export interface CallBackMqConfig {
  mqRegion?: string;
  mqMode?: string;
  mqName?: string;
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** Delivery of callbacks through CKafka (`CallBackType=Kafka`). */
export interface CallBackKafkaConfig {
  region?: string;
  instanceId?: string;
  topic?: string;
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** A stream to extract into its own object (`Output/StreamExtract`, repeated). */
export interface StreamExtract {
  index?: string;
  object?: string;
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** Where a `Type=Job` job writes its results. Go SDK: `JobOutput`. */
export interface JobOutput {
  region?: string;
  bucket?: string;
  object?: string;
  /** Sprite sheet of a snapshot job. */
  spriteObject?: string;
  /** Voice track of a voice-separation job. */
  auObject?: string;
  /** Bass track of a voice-separation job (Go SDK `JobOutput.BassObject`). */
  bassObject?: string;
  /** Drum track of a voice-separation job (Go SDK `JobOutput.DrumObject`). */
  drumObject?: string;
  streamExtract?: StreamExtract[];
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** Blind (digital) watermark settings. Go SDK: `DigitalWatermark`. */
export interface DigitalWatermark {
  message?: string;
  type?: string;
  version?: string;
  ignoreError?: string;
}

/**
 * A nested processing structure (for example `Transcode`, `Snapshot`, `Animation`, `Watermark`) given
 * inline instead of through a template. Keys are the XML names first-letter-lowered; values are
 * strings, numbers, booleans, nested structures or arrays of those (arrays become repeated elements).
 */
export interface ProcessingParams {
  [key: string]: ProcessingValue;
}

/** A value inside {@link ProcessingParams}. */
export type ProcessingValue = string | number | boolean | ProcessingParams | ProcessingValue[];

/** Processing parameters of a `Type=Job` job. */
export interface JobParam {
  templateId?: string;
  transcodeTemplateId?: string;
  /** One id, or several sent as repeated elements (Go SDK: `WatermarkTemplateId []string`). */
  watermarkTemplateId?: string | string[];
  digitalWatermark?: DigitalWatermark;
  /** Inline processing structures the service accepts beside the template ids, kept as given. */
  [inline: string]: ProcessingValue | DigitalWatermark | undefined;
}

/** `Operation` of a trigger: the workflow fields for `Type=Workflow`, the job fields for `Type=Job`. */
export interface JobOperation {
  /** Workflows to run (`Type=Workflow`); sent comma-joined in one `WorkflowIds` element. */
  workflowIds?: string[];
  timeInterval?: TimeInterval;
  /** Processing kind of a `Type=Job` job, e.g. `Transcode` (COS SDKs: `Operation/Tag`). */
  tag?: string;
  queueId?: string;
  /** Kind of queue to run on instead of `queueId`, e.g. `SpeedTranscoding` (Java SDK `BatchJobTest`). */
  queueType?: string;
  jobParam?: JobParam;
  output?: JobOutput;
  /** Passed through to callbacks; printable ASCII, at most 1024 characters (CI job-submission pages). */
  userData?: string;
  /** Priority 0 (default) to 2. */
  jobLevel?: number;
  /** Callback URL, overriding the queue's; `no` turns the queue's callback off for this job (CI job-submission pages). */
  callBack?: string;
  callBackFormat?: "JSON" | "XML";
  callBackType?: "Url" | "TDMQ" | "Kafka";
  callBackMqConfig?: CallBackMqConfig;
  callBackKafkaConfig?: CallBackKafkaConfig;
  /** Elements of this container the service sent and this type does not name, first-letter-lowered; written back after the known ones. */
  extra?: ProcessingParams;
}

/** The body of `POST /inventorytriggerjob`. */
export interface TriggerJobRequest {
  name: string;
  type?: JobType;
  input: JobInput;
  operation: JobOperation;
}

/**
 * One `JobsDetail` as the service reports it. Times that are `-` on the wire are absent here.
 * Elements the service sends that this type does not name are kept in `extra`, not dropped.
 */
export interface JobDetail {
  jobId: string;
  name?: string;
  type?: string;
  state?: string;
  code?: string;
  message?: string;
  creationTime?: string;
  startTime?: string;
  endTime?: string;
  input?: JobInput;
  operation?: JobOperation;
  /** Unknown elements of `JobsDetail`, first-letter-lowered, as decoded. */
  extra?: Record<string, unknown>;
}

/** Sort order of a job listing. */
export type OrderByTime = "Desc" | "Asc";

/** Query parameters of `GET /inventorytriggerjob`. */
export interface ListJobsQuery {
  /** At most this many jobs per page: default 10, at most 100. */
  size?: number;
  type?: JobType;
  orderByTime?: OrderByTime;
  /** Sent comma-joined; default all states. */
  states?: (JobState | "All")[];
  startCreationTime?: string;
  endCreationTime?: string;
  workflowId?: string;
  jobId?: string;
  name?: string;
  nextToken?: string;
}

/** One page of a job listing. */
export interface ListJobsPage {
  jobs: JobDetail[];
  /** Absent on the last page. */
  nextToken?: string;
  requestId?: string;
}
