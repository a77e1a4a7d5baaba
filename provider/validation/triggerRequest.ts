/**
 * Pure checks of a trigger request, run before anything is sent.
 *
 * Used by the provider's `check` and by the policy pack, so every failure names its property path
 * (`operation.timeInterval.start`, `operation.output.streamExtract[1].object`) and all failures are
 * reported at once. Values come from untyped programs too, so nothing is assumed about their types.
 *
 * Sources of the rules: the vendor's trigger pages (name, input, operation nodes; Type optional on
 * the workflow page, required on the independent-node page), the CI job-submission pages, which
 * define the Operation fields this API shares (UserData "printable ASCII, at most 1024";
 * JobLevel "0, 1, 2"; CallBackFormat "JSON or XML"; CallBack "`no` silences the queue's callback";
 * CallBackMqConfig "required when CallBackType is TDMQ"), the Java SDK (`CallBackKafkaConfig`,
 * `QueueType` `SpeedTranscoding` in `BatchJobTest`) and the Go SDK (`InventoryTriggerJobOperation`).
 * Where none of them says what the service accepts, the check is permissive and says so.
 */
import { EXTRA_KEY, isPlainObject, upperFirst } from "../codec/mapping";
import {
  CALLBACK_KAFKA_CONFIG_SHAPE,
  CALLBACK_MQ_CONFIG_SHAPE,
  INPUT_SHAPE,
  OPERATION_SHAPE,
  OUTPUT_SHAPE,
  STREAM_EXTRACT_SHAPE,
  TIME_INTERVAL_SHAPE,
} from "../codec/fieldTable";
import type { Shape } from "../codec/mapping";
import { JOB_NAME_CHARACTER, JOB_NAME_MAX_LENGTH } from "../model";
import type { JobInput, JobType } from "../model";
import { FORBIDDEN_XML_CHARS } from "../codec/xml";

/** One problem with a request: where it is and what is wrong, as a sentence. */
export interface ValidationFailure {
  /** Path of the offending value, e.g. `operation.timeInterval.start`, `input`, `name`. */
  property: string;
  /** A sentence naming the field and what is wrong; it repeats the value only when that is short and harmless. */
  reason: string;
}

export { JOB_NAME_MAX_LENGTH };
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

/** Batch job types. */
export const JOB_TYPES: readonly JobType[] = ["Workflow", "Job"];
/** Callback body formats. */
export const CALLBACK_FORMATS: readonly string[] = ["JSON", "XML"];
/** Callback channels: the CI pages name Url and TDMQ; the Java SDK adds Kafka (`CallBackKafkaConfig`). */
export const CALLBACK_TYPES: readonly string[] = ["Url", "TDMQ", "Kafka"];
/** TDMQ delivery modes (CI `CallBackMqConfig`: topic subscription or queue service). */
export const MQ_MODES: readonly string[] = ["Queue", "Topic"];

/** A COS region such as `ap-guangzhou` or `ap-shanghai-fsi`. */
export const REGION_PATTERN = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
/**
 * A bucket as `BucketName-APPID`, e.g. `media-1250000000`: COS bucket names are 1-50 lower-case
 * letters, digits and '-', neither starting nor ending with '-'; the APPID is numeric.
 */
export const BUCKET_PATTERN = /^(?=[a-z0-9-]{1,50}-\d)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-\d{5,}$/;

/** A job id as it may appear in `/inventorytriggerjob/<jobId>`: up to 128 letters, digits, '-' and '_'. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const INPUT_SOURCES = ["manifest", "urlFile", "prefix", "object"] as const;
type InputSource = (typeof INPUT_SOURCES)[number];

/** Operation fields of a `Type=Workflow` trigger (workflow trigger page); the rest belong to `Type=Job`. */
const WORKFLOW_FIELDS = new Set(["workflowIds", "timeInterval"]);
/** JobParam keys the Go SDK types as plain ids; everything else is an inline structure. */
const TEMPLATE_ID_KEYS = ["templateId", "transcodeTemplateId"];

const SERVICE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
const ELEMENT_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a job name: a non-empty string of at most {@link JOB_NAME_MAX_LENGTH} letters, digits,
 * Chinese characters (the Han script, see `JOB_NAME_CHARACTER_CLASS`), '-' and '_'. The Chinese page writes the dash as
 * '—'; the English page and every sample use the ASCII hyphen, which is what is accepted.
 */
export function validateJobName(name: unknown, property = "name"): ValidationFailure[] {
  if (name === undefined || name === null) return [{ property, reason: `${property} is required.` }];
  if (typeof name !== "string") return [{ property, reason: `${property} must be a string, not ${kindOf(name)}.` }];
  if (name === "") return [{ property, reason: `${property} must not be empty.` }];
  const failures: ValidationFailure[] = [];
  const length = [...name].length;
  if (length > JOB_NAME_MAX_LENGTH) {
    failures.push({ property, reason: `${property} is ${length} characters long; at most ${JOB_NAME_MAX_LENGTH} are allowed.` });
  }
  const bad = [...new Set([...name].filter((char) => !JOB_NAME_CHARACTER.test(char)))];
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).map(showCharacter).join(", ");
    failures.push({
      property,
      reason: `${property} may only contain letters, digits, Chinese characters, '-' and '_'; it contains ${shown}${bad.length > 5 ? " and more" : ""}.`,
    });
  }
  return failures;
}

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

/**
 * Checks a time interval: known keys only, each end a service time, the start not after the end.
 * An empty window (`start == end`) is allowed, as the service does; a policy may ask for more.
 */
export function validateTimeInterval(value: unknown, property: string): ValidationFailure[] {
  const check = new Checker();
  const interval = check.record(value, property, TIME_INTERVAL_SHAPE);
  if (interval === undefined) return check.failures;
  const instants: (Date | undefined)[] = [];
  for (const end of ["start", "end"] as const) {
    const path = `${property}.${end}`;
    const text = check.text(interval[end], path);
    if (text === undefined) continue;
    const instant = parseServiceTime(text);
    if (instant === undefined) {
      check.fail(path, `${path} must be a time in the form %Y-%m-%dT%H:%M:%S%z, such as 2022-02-01T12:00:00+0800${shown(text)}.`);
    }
    instants[end === "start" ? 0 : 1] = instant;
  }
  const [start, end] = instants;
  if (start !== undefined && end !== undefined && start.getTime() > end.getTime()) {
    check.fail(property, `${property}.start must not be after ${property}.end.`);
  }
  return check.failures;
}

/** The sources an input sets (`null` counts as not set), in the order manifest, urlFile, prefix, object. */
export function inputSources(input: JobInput): (keyof JobInput)[] {
  if (!isPlainObject(input)) return [];
  return INPUT_SOURCES.filter((source) => input[source] !== undefined && input[source] !== null);
}

/** Checks a whole trigger request and returns every failure found; an empty list means valid. */
export function validateTriggerRequest(request: unknown): ValidationFailure[] {
  const check = new Checker();
  if (!isPlainObject(request)) {
    check.fail("", `The trigger request must be an object, not ${kindOf(request)}.`);
    return check.failures;
  }
  check.unknownKeys(request, "", ["name", "type", "input", "operation"], "the trigger request");
  check.add(validateJobName(request.name));
  const type = checkType(check, request.type);
  checkInput(check, request.input);
  checkOperation(check, request.operation, type);
  return check.failures;
}

/** The effective type, or `undefined` when the given one is invalid (type-specific rules are then skipped). */
function checkType(check: Checker, value: unknown): JobType | undefined {
  // The workflow trigger page marks Type optional with Workflow as its only value.
  if (value === undefined || value === null) return "Workflow";
  if (typeof value === "string" && (JOB_TYPES as readonly string[]).includes(value)) return value as JobType;
  check.fail("type", `type must be "Workflow" or "Job"${shown(value)}.`);
  return undefined;
}

function checkInput(check: Checker, value: unknown): void {
  const input = check.record(value, "input", INPUT_SHAPE, true);
  if (input === undefined) return;
  const sources = inputSources(input as JobInput) as InputSource[];
  for (const source of sources) {
    const path = `input.${source}`;
    // An empty prefix is the whole bucket; the other sources name an object and cannot be empty.
    const text = check.text(input[source], path, { nonEmpty: source !== "prefix" });
    if (text !== undefined) check.objectKey(text, path);
  }
  if (sources.length === 0) {
    check.fail("input", "input needs one source: manifest, urlFile, prefix or object.");
  } else if (sources.length > 1) {
    check.fail("input", `input must have exactly one source, but sets ${sources.length}: ${sources.join(", ")}.`);
  }
}

function checkOperation(check: Checker, value: unknown, type: JobType | undefined): void {
  const operation = check.record(value, "operation", OPERATION_SHAPE, true);
  if (operation === undefined) return;
  const given = (key: string) => operation[key] !== undefined && operation[key] !== null;

  if (given("timeInterval")) check.add(validateTimeInterval(operation.timeInterval, "operation.timeInterval"));
  if (given("workflowIds")) checkWorkflowIds(check, operation.workflowIds);
  if (given("tag")) check.text(operation.tag, "operation.tag", { nonEmpty: true, pattern: /^[A-Za-z][A-Za-z0-9]*$/, what: "a job tag such as Transcode" });
  if (given("queueId")) check.text(operation.queueId, "operation.queueId", { nonEmpty: true, pattern: IDENTIFIER, what: "a queue id" });
  // Only SpeedTranscoding is documented (Java SDK BatchJobTest); other queue types are left to the service.
  if (given("queueType")) check.text(operation.queueType, "operation.queueType", { nonEmpty: true, pattern: /^[A-Za-z]+$/, what: "a queue type such as SpeedTranscoding" });
  if (given("userData")) checkUserData(check, operation.userData);
  if (given("jobLevel")) checkJobLevel(check, operation.jobLevel);
  if (given("jobParam")) checkJobParam(check, operation.jobParam);
  if (given("output")) checkOutput(check, operation.output);
  checkCallBack(check, operation);

  if (type === "Workflow") {
    if (!given("workflowIds")) check.fail("operation.workflowIds", "operation.workflowIds is required for a Workflow job: list the workflows to run.");
  } else if (type === "Job") {
    if (!given("tag")) check.fail("operation.tag", "operation.tag is required for a Job job: name the processing kind, such as Transcode.");
    // No JobParam is required: media-info analysis and quality estimation take no template (Java SDK tests).
    if (given("workflowIds")) check.fail("operation.workflowIds", 'operation.workflowIds applies only to Workflow jobs (set type to "Workflow" to run workflows).');
  }
}

/**
 * What is unusual in a trigger request but not ruled out by the pages, as warnings: the request is
 * sent as it is. Today: fields of `Type=Job` on a `Type=Workflow` job, which the workflow page does
 * not list and the service is not documented to refuse; they most likely do nothing.
 */
export function triggerRequestWarnings(request: unknown): ValidationFailure[] {
  if (!isPlainObject(request) || !isPlainObject(request.operation)) return [];
  const type = request.type === undefined || request.type === null ? "Workflow" : request.type;
  if (type !== "Workflow") return [];
  const operation = request.operation;
  return Object.keys(operation)
    .filter((key) => operation[key] !== undefined && operation[key] !== null && key !== EXTRA_KEY && !WORKFLOW_FIELDS.has(key) && isKnown(OPERATION_SHAPE, key))
    .map((key) => ({
      property: `operation.${key}`,
      reason: `operation.${key} is a field of Job jobs; the workflow trigger page does not list it, so a Workflow job probably ignores it (its workflows hold the settings).`,
    }));
}

function checkWorkflowIds(check: Checker, value: unknown): void {
  const path = "operation.workflowIds";
  if (!Array.isArray(value)) {
    check.fail(path, `${path} must be a list of workflow ids, not ${kindOf(value)}.`);
    return;
  }
  if (value.length === 0) check.fail(path, `${path} must list at least one workflow id.`);
  const seen = new Set<string>();
  value.forEach((id, index) => {
    const item = `${path}[${index}]`;
    // Ids are sent comma-joined, so a comma or space inside one would split it; every id seen is 'w' and hex digits.
    const text = check.text(id, item, { nonEmpty: true, pattern: /^w[A-Za-z0-9]+$/, what: "a workflow id such as w7476ff3564ee45b7b490d64bccaba6cc" });
    if (text === undefined) return;
    if (seen.has(text)) check.fail(item, `${item} repeats a workflow id listed before it.`);
    seen.add(text);
  });
}

function checkUserData(check: Checker, value: unknown): void {
  const path = "operation.userData";
  const text = check.text(value, path, { maxLength: USER_DATA_MAX_LENGTH });
  if (text !== undefined && !PRINTABLE_ASCII.test(text)) {
    check.fail(path, `${path} may only contain printable ASCII characters (no line breaks, no Chinese); encode other text, e.g. as base64.`);
  }
}

function checkJobLevel(check: Checker, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < JOB_LEVEL_MIN || value > JOB_LEVEL_MAX) {
    check.fail("operation.jobLevel", `operation.jobLevel must be the integer ${JOB_LEVEL_MIN}, 1 or ${JOB_LEVEL_MAX}${shown(value)}.`);
  }
}

function checkJobParam(check: Checker, value: unknown): void {
  const path = "operation.jobParam";
  if (!isPlainObject(value)) {
    check.fail(path, `${path} must be an object, not ${kindOf(value)}.`);
    return;
  }
  const keys = Object.keys(value).filter((key) => value[key] !== undefined && value[key] !== null);
  if (keys.length === 0) check.fail(path, `${path} is empty: give a template id or an inline processing structure.`);
  for (const key of TEMPLATE_ID_KEYS) {
    if (keys.includes(key)) check.text(value[key], `${path}.${key}`, { nonEmpty: true, pattern: IDENTIFIER, what: "a template id" });
  }
  if (keys.includes("watermarkTemplateId")) {
    const ids = value.watermarkTemplateId;
    const list = Array.isArray(ids) ? ids : [ids];
    if (list.length === 0) check.fail(`${path}.watermarkTemplateId`, `${path}.watermarkTemplateId must not be an empty list.`);
    list.forEach((id, index) => {
      const item = Array.isArray(ids) ? `${path}.watermarkTemplateId[${index}]` : `${path}.watermarkTemplateId`;
      check.text(id, item, { nonEmpty: true, pattern: IDENTIFIER, what: "a template id" });
    });
  }
  // Inline structures are open-ended: any XML-safe names and scalar values, as the service takes them.
  const typed = [...TEMPLATE_ID_KEYS, "watermarkTemplateId"];
  const rest = Object.fromEntries(keys.filter((key) => !typed.includes(key)).map((key) => [key, value[key]]));
  const taken = new Map(keys.filter((key) => typed.includes(key)).map((key) => [upperFirst(key), `${path}.${key}`]));
  check.processingParams(rest, path, taken);
}

function checkOutput(check: Checker, value: unknown): void {
  const output = check.record(value, "operation.output", OUTPUT_SHAPE);
  if (output === undefined) return;
  const region = check.text(output.region, "operation.output.region", { required: true });
  if (region !== undefined) check.region(region, "operation.output.region");
  const bucket = check.text(output.bucket, "operation.output.bucket", { required: true });
  if (bucket !== undefined) check.bucket(bucket, "operation.output.bucket");
  for (const key of ["object", "spriteObject", "auObject", "bassObject", "drumObject"]) {
    const text = check.text(output[key], `operation.output.${key}`, { nonEmpty: true });
    if (text !== undefined) check.objectKey(text, `operation.output.${key}`);
  }
  const streams = output.streamExtract;
  if (streams === undefined || streams === null) return;
  if (!Array.isArray(streams)) {
    check.fail("operation.output.streamExtract", `operation.output.streamExtract must be a list, not ${kindOf(streams)}.`);
    return;
  }
  streams.forEach((stream, index) => {
    const path = `operation.output.streamExtract[${index}]`;
    const item = check.record(stream, path, STREAM_EXTRACT_SHAPE, true);
    if (item === undefined) return;
    check.text(item.index, `${path}.index`, { required: true, pattern: /^\d{1,4}$/, what: "a stream number such as 0" });
    const object = check.text(item.object, `${path}.object`, { required: true, nonEmpty: true });
    if (object !== undefined) check.objectKey(object, `${path}.object`);
  });
}

function checkCallBack(check: Checker, operation: Record<string, unknown>): void {
  const url = check.text(operation.callBack, "operation.callBack", { nonEmpty: true, maxLength: CALLBACK_URL_MAX_LENGTH });
  // `no` is the documented way to silence the queue's callback for this job.
  if (url !== undefined && url !== "no") checkCallBackUrl(check, url);
  const format = check.text(operation.callBackFormat, "operation.callBackFormat");
  if (format !== undefined && !CALLBACK_FORMATS.includes(format)) {
    check.fail("operation.callBackFormat", `operation.callBackFormat must be "JSON" or "XML"${shown(format)}.`);
  }
  const type = check.text(operation.callBackType, "operation.callBackType");
  if (type !== undefined && !CALLBACK_TYPES.includes(type)) {
    check.fail("operation.callBackType", `operation.callBackType must be "Url", "TDMQ" or "Kafka"${shown(type)}.`);
  }
  checkChannelConfig(check, operation, type, "TDMQ", "callBackMqConfig", CALLBACK_MQ_CONFIG_SHAPE);
  checkChannelConfig(check, operation, type, "Kafka", "callBackKafkaConfig", CALLBACK_KAFKA_CONFIG_SHAPE);
}

function checkCallBackUrl(check: Checker, url: string): void {
  const path = "operation.callBack";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    check.fail(path, `${path} must be an absolute http or https URL, or "no".`);
    return;
  }
  // Whether plain http is acceptable is a policy question; here only the syntax is judged.
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    check.fail(path, `${path} must use http or https, not ${parsed.protocol.replace(/:$/, "")}.`);
  } else if (parsed.hostname === "") {
    check.fail(path, `${path} must name a host.`);
  }
}

function checkChannelConfig(check: Checker, operation: Record<string, unknown>, type: string | undefined, channel: string, key: string, shape: Shape): void {
  const path = `operation.${key}`;
  const value = operation[key];
  if (value === undefined || value === null) {
    if (type === channel) check.fail(path, `${path} is required when operation.callBackType is "${channel}".`);
    return;
  }
  if (type !== channel) check.fail(path, `${path} is used only when operation.callBackType is "${channel}"; set callBackType or remove it.`);
  const config = check.record(value, path, shape);
  if (config === undefined) return;
  for (const field of shape.fields) {
    if (field.key === "region") {
      const region = check.text(config.region, `${path}.region`, { required: true });
      if (region !== undefined) check.region(region, `${path}.region`);
    } else if (field.key === "mqMode") {
      const mode = check.text(config.mqMode, `${path}.mqMode`, { required: true });
      if (mode !== undefined && !MQ_MODES.includes(mode)) check.fail(`${path}.mqMode`, `${path}.mqMode must be "Queue" or "Topic"${shown(mode)}.`);
    } else {
      check.text(config[field.key], `${path}.${field.key}`, { required: true, nonEmpty: true, maxLength: ID_MAX_LENGTH });
    }
  }
}

function isKnown(shape: Shape, key: string): boolean {
  return shape.fields.some((field) => field.key === key);
}

interface TextOptions {
  required?: boolean;
  nonEmpty?: boolean;
  maxLength?: number;
  pattern?: RegExp;
  /** What the pattern describes, for the reason. */
  what?: string;
}

/** Collects failures and holds the checks shared by every container. */
class Checker {
  readonly failures: ValidationFailure[] = [];

  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  add(failures: ValidationFailure[]): void {
    this.failures.push(...failures);
  }

  /** A container of a known shape: an object whose keys the shape (or `extra`) names. */
  record(value: unknown, property: string, shape: Shape, required = false): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(property, `${property} is required.`);
      return undefined;
    }
    if (!isPlainObject(value)) {
      this.fail(property, `${property} must be an object, not ${kindOf(value)}.`);
      return undefined;
    }
    const known = shape.fields.map((field) => field.key);
    this.unknownKeys(value, property, [...known, EXTRA_KEY], property);
    const extra = value[EXTRA_KEY];
    if (extra !== undefined && extra !== null) {
      if (!isPlainObject(extra)) this.fail(`${property}.${EXTRA_KEY}`, `${property}.${EXTRA_KEY} must be an object, not ${kindOf(extra)}.`);
      else this.processingParams(extra, `${property}.${EXTRA_KEY}`, new Map(shape.fields.map((field) => [field.element, `${property}.${field.key}`])));
    }
    return value;
  }

  unknownKeys(value: Record<string, unknown>, property: string, allowed: readonly string[], owner: string): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key) || value[key] === undefined) continue;
      const path = property === "" ? key : `${property}.${key}`;
      this.fail(path, `${path} is not a field of ${owner}; expected one of ${allowed.join(", ")}.`);
    }
  }

  /** A string field; returns it when it is a string, so callers can check more. */
  text(value: unknown, property: string, options: TextOptions = {}): string | undefined {
    if (value === undefined || value === null) {
      if (options.required) this.fail(property, `${property} is required.`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.fail(property, `${property} must be a string, not ${kindOf(value)}.`);
      return undefined;
    }
    if (options.nonEmpty && value === "") this.fail(property, `${property} must not be empty.`);
    const maxLength = options.maxLength ?? (options.pattern !== undefined ? ID_MAX_LENGTH : undefined);
    if (maxLength !== undefined && value.length > maxLength) {
      this.fail(property, `${property} is ${value.length} characters long; at most ${maxLength} are allowed.`);
    } else if (options.pattern !== undefined && value !== "" && !options.pattern.test(value)) {
      this.fail(property, `${property} must be ${options.what ?? "well-formed"}${shown(value)}.`);
    }
    if (FORBIDDEN_XML_CHARS.test(value)) this.fail(property, `${property} contains a control character that cannot be sent.`);
    return value;
  }

  objectKey(value: string, property: string): void {
    const bytes = Buffer.byteLength(value, "utf8");
    if (bytes > OBJECT_KEY_MAX_BYTES) {
      this.fail(property, `${property} is ${bytes} bytes long in UTF-8; COS object keys are at most ${OBJECT_KEY_MAX_BYTES}.`);
    }
  }

  region(value: string, property: string): void {
    if (!REGION_PATTERN.test(value)) this.fail(property, `${property} must be a region such as ap-guangzhou${shown(value)}.`);
  }

  bucket(value: string, property: string): void {
    if (!BUCKET_PATTERN.test(value)) {
      this.fail(property, `${property} must be a bucket as BucketName-APPID, such as media-1250000000${shown(value)}.`);
    }
  }

  /**
   * Free-form parameters: names that can become XML elements (first letter raised), values that
   * are text, finite numbers, booleans, nested objects or lists of those. `taken` maps element
   * names already used beside these parameters to the property that uses them.
   */
  processingParams(value: Record<string, unknown>, property: string, taken: ReadonlyMap<string, string> = new Map()): void {
    const elements = new Map(taken);
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || item === null) continue;
      const path = `${property}.${key}`;
      if (!ELEMENT_KEY.test(key)) {
        this.fail(path, `${path} is not a usable parameter name: use letters, digits, '_' and '-', starting with a letter.`);
        continue;
      }
      const element = upperFirst(key);
      const clash = elements.get(element);
      if (clash !== undefined) this.fail(path, `${path} and ${clash} would both be sent as <${element}>.`);
      else elements.set(element, path);
      this.processingValue(item, path);
    }
  }

  private processingValue(value: unknown, property: string, inList = false): void {
    if (typeof value === "string") {
      if (FORBIDDEN_XML_CHARS.test(value)) this.fail(property, `${property} contains a control character that cannot be sent.`);
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) this.fail(property, `${property} must be a finite number.`);
    } else if (typeof value === "boolean") {
      // Sent as true or false.
    } else if (Array.isArray(value)) {
      if (inList) this.fail(property, `${property} is a list inside a list, which cannot be sent as XML.`);
      else value.forEach((item, index) => item !== undefined && item !== null && this.processingValue(item, `${property}[${index}]`, true));
    } else if (isPlainObject(value)) {
      this.processingParams(value, property);
    } else {
      this.fail(property, `${property} must be a string, number, boolean, object or list, not ${kindOf(value)}.`);
    }
  }
}

/** A short description of a value's type for reasons: "a number", "a list", "null". */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (value === undefined) return "missing";
  return `a ${typeof value}`;
}

/**
 * ` (got "x")` for a value that is safe to repeat: short, and not a run of letters and digits
 * that could be a key or a token. Anything else is not echoed, since reasons end up in logs.
 */
function shown(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return ` (got ${String(value)})`;
  if (typeof value !== "string" || value.length === 0 || value.length > 32) return "";
  if (/[^\x20-\x7E]/.test(value) || looksRandom(value)) return "";
  return ` (got "${value}")`;
}

function looksRandom(value: string): boolean {
  return /[A-Za-z0-9+/=_-]{16,}/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

function showCharacter(char: string): string {
  if (char === " ") return "a space";
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${char}'`;
}
