/**
 * The rules of a trigger request, run before anything is sent.
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
import {
  CALLBACK_KAFKA_CONFIG_SHAPE,
  CALLBACK_MQ_CONFIG_SHAPE,
  INPUT_SHAPE,
  OPERATION_SHAPE,
  OUTPUT_SHAPE,
  STREAM_EXTRACT_SHAPE,
  TIME_INTERVAL_SHAPE,
} from "../codec/fieldTable";
import type { UntypedShape } from "../codec/mapping";
import { EXTRA_KEY, JOB_NAME_CHARACTER, JOB_NAME_MAX_LENGTH, JOB_TYPES, parseServiceTime, upperFirst } from "../model";
import type { JobInput, JobType } from "../model";
import { isPlainObject } from "../values";
import { Checker, kindOf, shown, showCharacter } from "./checker";
import type { ValidationFailure } from "./checker";
import {
  CALLBACK_FORMATS,
  CALLBACK_TYPES,
  CALLBACK_URL_MAX_LENGTH,
  ID_MAX_LENGTH,
  JOB_LEVEL_MAX,
  JOB_LEVEL_MIN,
  MQ_MODES,
  USER_DATA_MAX_LENGTH,
} from "./limits";

export type { ValidationFailure };

const INPUT_SOURCES = ["manifest", "urlFile", "prefix", "object"] as const;
type InputSource = (typeof INPUT_SOURCES)[number];

/** Operation fields of a `Type=Workflow` trigger (workflow trigger page); the rest belong to `Type=Job`. */
const WORKFLOW_FIELDS = new Set(["workflowIds", "timeInterval"]);
/** JobParam keys the Go SDK types as plain ids; everything else is an inline structure. */
const TEMPLATE_ID_KEYS = ["templateId", "transcodeTemplateId"];

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
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
  // Characters are code points: a Han character outside the BMP counts once.
  const characters = Array.from(name);
  const length = characters.length;
  if (length > JOB_NAME_MAX_LENGTH) {
    failures.push({ property, reason: `${property} is ${length} characters long; at most ${JOB_NAME_MAX_LENGTH} are allowed.` });
  }
  const bad = [...new Set(characters.filter((char) => !JOB_NAME_CHARACTER.test(char)))];
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
  const sources = inputSources(input) as InputSource[];
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
  if (given("tag"))
    check.text(operation.tag, "operation.tag", { nonEmpty: true, pattern: /^[A-Za-z][A-Za-z0-9]*$/, what: "a job tag such as Transcode" });
  if (given("queueId")) check.text(operation.queueId, "operation.queueId", { nonEmpty: true, pattern: IDENTIFIER, what: "a queue id" });
  // Only SpeedTranscoding is documented (Java SDK BatchJobTest); other queue types are left to the service.
  if (given("queueType"))
    check.text(operation.queueType, "operation.queueType", {
      nonEmpty: true,
      pattern: /^[A-Za-z]+$/,
      what: "a queue type such as SpeedTranscoding",
    });
  if (given("userData")) checkUserData(check, operation.userData);
  if (given("jobLevel")) checkJobLevel(check, operation.jobLevel);
  if (given("jobParam")) checkJobParam(check, operation.jobParam);
  if (given("output")) checkOutput(check, operation.output);
  checkCallBack(check, operation);

  if (type === "Workflow") {
    if (!given("workflowIds"))
      check.fail("operation.workflowIds", "operation.workflowIds is required for a Workflow job: list the workflows to run.");
  } else if (type === "Job") {
    if (!given("tag")) check.fail("operation.tag", "operation.tag is required for a Job job: name the processing kind, such as Transcode.");
    // No JobParam is required: media-info analysis and quality estimation take no template (Java SDK tests).
    if (given("workflowIds"))
      check.fail("operation.workflowIds", 'operation.workflowIds applies only to Workflow jobs (set type to "Workflow" to run workflows).');
  }
}

/**
 * What is unusual in a trigger request but not ruled out by the pages, as warnings: the request is
 * sent as it is. Today: fields of `Type=Job` on a `Type=Workflow` job, which the workflow page does
 * not list and the service is not documented to refuse; they most likely do nothing.
 */
export function triggerRequestWarnings(request: unknown): ValidationFailure[] {
  if (!isPlainObject(request) || !isPlainObject(request.operation)) return [];
  const type = request.type ?? "Workflow";
  if (type !== "Workflow") return [];
  const operation = request.operation;
  return Object.keys(operation)
    .filter(
      (key) =>
        operation[key] !== undefined &&
        operation[key] !== null &&
        key !== EXTRA_KEY &&
        !WORKFLOW_FIELDS.has(key) &&
        isKnown(OPERATION_SHAPE, key),
    )
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
    const text = check.text(id, item, {
      nonEmpty: true,
      pattern: /^w[A-Za-z0-9]+$/,
      what: "a workflow id such as w7476ff3564ee45b7b490d64bccaba6cc",
    });
    if (text === undefined) return;
    if (seen.has(text)) check.fail(item, `${item} repeats a workflow id listed before it.`);
    seen.add(text);
  });
}

function checkUserData(check: Checker, value: unknown): void {
  const path = "operation.userData";
  const text = check.text(value, path, { maxLength: USER_DATA_MAX_LENGTH });
  if (text !== undefined && !PRINTABLE_ASCII.test(text)) {
    check.fail(
      path,
      `${path} may only contain printable ASCII characters (no line breaks, no Chinese); encode other text, e.g. as base64.`,
    );
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

function checkChannelConfig(
  check: Checker,
  operation: Record<string, unknown>,
  type: string | undefined,
  channel: string,
  key: string,
  shape: UntypedShape,
): void {
  const path = `operation.${key}`;
  const value = operation[key];
  if (value === undefined || value === null) {
    if (type === channel) check.fail(path, `${path} is required when operation.callBackType is "${channel}".`);
    return;
  }
  if (type !== channel)
    check.fail(path, `${path} is used only when operation.callBackType is "${channel}"; set callBackType or remove it.`);
  const config = check.record(value, path, shape);
  if (config === undefined) return;
  for (const field of shape.fields) {
    if (field.key === "region") {
      const region = check.text(config.region, `${path}.region`, { required: true });
      if (region !== undefined) check.region(region, `${path}.region`);
    } else if (field.key === "mqMode") {
      const mode = check.text(config.mqMode, `${path}.mqMode`, { required: true });
      if (mode !== undefined && !MQ_MODES.includes(mode))
        check.fail(`${path}.mqMode`, `${path}.mqMode must be "Queue" or "Topic"${shown(mode)}.`);
    } else {
      check.text(config[field.key], `${path}.${field.key}`, { required: true, nonEmpty: true, maxLength: ID_MAX_LENGTH });
    }
  }
}

function isKnown(shape: UntypedShape, key: string): boolean {
  return shape.fields.some((field) => field.key === key);
}
