/**
 * The service's rules for a trigger body (`POST /inventorytriggerjob`), from the trigger page and,
 * where it is silent, the COS SDKs. The emulator is meant to be no stricter than the service: it
 * checks what the pages call required and the shapes they state, and echoes everything else.
 *
 * - `Name`: required, up to 128 letters, digits, `-`, `_` and Chinese characters (see
 *   {@link JOB_NAME}).
 * - `Type`: `Workflow` (default) or `Job`.
 * - `Input`: exactly one of `Manifest`, `UrlFile`, `Prefix`, `Object` (README); `Prefix` may be empty
 *   (the whole bucket).
 * - `Operation/TimeInterval/Start|End`: `%Y-%m-%dT%H:%M:%S%z`, start not after end.
 * - `Type=Workflow`: `Operation/WorkflowIds` required (one element, comma-joined ids).
 * - `Type=Job`: `Operation/Tag` required. Not `QueueId` (the Java SDK's tests send `QueueType`
 *   instead), not `JobParam` (its `MediaInfo` and `QualityEstimate` jobs have none) and not `Output`
 *   (its `VideoTag`, `MediaInfo`, `ExtractDigitalWatermark` jobs have none).
 * - `JobLevel` 0 to 2; `CallBackFormat` `JSON`|`XML`; `CallBackType` `Url`|`TDMQ`|`Kafka` (the CI
 *   job-submission pages).
 */
import type { JobType } from "../../provider/model";
import { InvalidArgumentError } from "./errors";
import { parseCiTime } from "./timeFormat";
import { isXmlObject } from "./xmlValue";
import type { XmlObject, XmlValue } from "./xmlValue";

/** A trigger that passed validation, with what the backend needs pulled out of the XML. */
export interface TriggerSpec {
  name: string;
  type: JobType;
  /** `Input` as sent, to echo back. */
  input: XmlObject;
  /** `Operation` as sent, `WorkflowIds` normalised to one comma-joined element. */
  operation: XmlObject;
  /** The workflows named (`Type=Workflow`), in order. */
  workflowIds: string[];
  /** The queue named (`Type=Job`), if any. */
  queueId?: string;
  /** Template ids named under `JobParam`. */
  templateIds: string[];
}

/**
 * A whole valid `Request/Name`. The English trigger page says "up to 128 letters, digits, hyphens,
 * and underscores"; Chinese characters are taken too, every character of the Han script, the widest
 * reading, since the emulator must be no stricter than the service.
 *
 * Written here from the page rather than imported from the provider's model, as is every rule of
 * this file: a rule both sides shared would carry the same bug into the client's check and the
 * emulator's, and a request the service refuses would then pass on both. The provider's own rule is
 * compared with this one by tests/provider/sharedRules.spec.ts.
 */
export const JOB_NAME = /^[A-Za-z0-9_\-\p{Script=Han}]{1,128}$/u;

const INPUT_SOURCES = ["Manifest", "UrlFile", "Prefix", "Object"] as const;
const JOB_TYPES: readonly JobType[] = ["Workflow", "Job"];
const TEMPLATE_FIELDS = ["TemplateId", "TranscodeTemplateId", "WatermarkTemplateId"] as const;

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

/** A container child; an empty element (`<Input/>`) counts as an empty container. */
function container(value: XmlValue | undefined, path: string): XmlObject | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value === "") {
    return {};
  }
  if (!isXmlObject(value)) {
    return fail(`${path} must be given once, as a container element.`);
  }
  return value;
}

/** A text child given at most once. */
function text(parent: XmlObject, name: string, path: string): string | undefined {
  const value = parent[name];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== "string") {
    return fail(`${path} must be given once, as text.`);
  }
  return value;
}

function validateName(request: XmlObject): string {
  const name = text(request, "Name", "Request/Name");
  if (name === undefined || name === "") {
    return fail("Request/Name is required.");
  }
  if (!JOB_NAME.test(name)) {
    return fail("Request/Name must be 1 to 128 letters, digits, Chinese characters, '-' or '_'.");
  }
  return name;
}

function validateType(request: XmlObject): JobType {
  const type = text(request, "Type", "Request/Type") ?? "Workflow";
  if (!(JOB_TYPES as readonly string[]).includes(type)) {
    return fail(`Request/Type must be Workflow or Job, not '${type}'.`);
  }
  return type as JobType;
}

function validateInput(request: XmlObject): XmlObject {
  const input = container(request.Input, "Request/Input");
  if (input === undefined) {
    return fail("Request/Input is required.");
  }
  const given = INPUT_SOURCES.filter((source) => input[source] !== undefined);
  if (given.length !== 1) {
    return fail("Request/Input takes exactly one of Manifest, UrlFile, Prefix or Object.");
  }
  const source = given[0];
  const value = text(input, source, `Request/Input/${source}`);
  if (source !== "Prefix" && value === "") {
    return fail(`Request/Input/${source} must not be empty.`);
  }
  return input;
}

function validateTimeInterval(operation: XmlObject): void {
  const interval = container(operation.TimeInterval, "Request/Operation/TimeInterval");
  if (interval === undefined) {
    return;
  }
  const times: number[] = [];
  for (const end of ["Start", "End"]) {
    const value = text(interval, end, `Request/Operation/TimeInterval/${end}`);
    if (value === undefined) {
      continue;
    }
    const parsed = parseCiTime(value);
    if (parsed === undefined) {
      fail(`Request/Operation/TimeInterval/${end} '${value}' is not in the format %Y-%m-%dT%H:%M:%S%z.`);
    }
    times.push(parsed);
  }
  if (interval.Start !== undefined && interval.End !== undefined && times[0] > times[1]) {
    fail("Request/Operation/TimeInterval/Start must not be after End.");
  }
}

/** `WorkflowIds` as ids: one comma-joined element, or (leniently) the element repeated. */
function workflowIdsOf(operation: XmlObject): string[] {
  const raw = operation.WorkflowIds;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => {
    if (value !== undefined && typeof value !== "string") {
      return fail("Request/Operation/WorkflowIds must be text.");
    }
    return (value ?? "").split(",");
  });
  return parts.map((id) => id.trim()).filter((id) => id !== "");
}

function validateEnum(operation: XmlObject, field: string, allowed: readonly string[]): void {
  const value = text(operation, field, `Request/Operation/${field}`);
  if (value !== undefined && !allowed.includes(value)) {
    fail(`Request/Operation/${field} must be one of ${allowed.join(", ")}, not '${value}'.`);
  }
}

function validateJobFields(operation: XmlObject): void {
  const level = text(operation, "JobLevel", "Request/Operation/JobLevel");
  if (level !== undefined && !/^[0-2]$/.test(level)) {
    fail(`Request/Operation/JobLevel must be 0, 1 or 2, not '${level}'.`);
  }
  validateEnum(operation, "CallBackFormat", ["JSON", "XML"]);
  validateEnum(operation, "CallBackType", ["Url", "TDMQ", "Kafka"]);
}

function templateIdsOf(operation: XmlObject): string[] {
  const jobParam = container(operation.JobParam, "Request/Operation/JobParam");
  if (jobParam === undefined) {
    return [];
  }
  return TEMPLATE_FIELDS.flatMap((field) => {
    const value = jobParam[field];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.map((id) => {
      if (typeof id !== "string") {
        return fail(`Request/Operation/JobParam/${field} must be text.`);
      }
      return id;
    });
  });
}

/** Validates a parsed `<Request>`; throws {@link InvalidArgumentError} naming the offending field. */
export function validateTrigger(root: XmlValue): TriggerSpec {
  const request = container(root, "Request");
  if (request === undefined || Object.keys(request).length === 0) {
    return fail("Request must contain Name, Input and Operation.");
  }
  const name = validateName(request);
  const type = validateType(request);
  const input = validateInput(request);
  const operation = container(request.Operation, "Request/Operation");
  if (operation === undefined) {
    return fail("Request/Operation is required.");
  }
  validateTimeInterval(operation);
  validateJobFields(operation);
  const workflowIds = workflowIdsOf(operation);
  const echoed: XmlObject = { ...operation };
  if (operation.WorkflowIds !== undefined) {
    echoed.WorkflowIds = workflowIds.join(",");
  }
  if (type === "Workflow" && workflowIds.length === 0) {
    return fail("Request/Operation/WorkflowIds is required when Type is Workflow.");
  }
  const tag = text(operation, "Tag", "Request/Operation/Tag");
  if (type === "Job" && (tag === undefined || tag === "")) {
    return fail("Request/Operation/Tag is required when Type is Job.");
  }
  const queueId = text(operation, "QueueId", "Request/Operation/QueueId");
  return { name, type, input, operation: echoed, workflowIds, queueId, templateIds: templateIdsOf(operation) };
}
