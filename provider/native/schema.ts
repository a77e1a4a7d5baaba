/**
 * The package schema of the `tencent-ci` plugin, built from the model and the codec's field table:
 * every container of the field table becomes an object type whose properties are its fields, each
 * typed by how the field travels (text and times as strings, `integer`, comma-joined ids as a list
 * of strings, nested and repeated containers as references, free-form structures as maps). A field
 * added to the table (docs/architecture.md, "Adding a field of the API") reaches the schema, and so
 * the YAML, Python and Go users, without an edit here; `schema.json` beside this file is the
 * committed copy that tests compare and the SDK generator reads.
 */
import {
  CALLBACK_KAFKA_CONFIG_SHAPE,
  CALLBACK_MQ_CONFIG_SHAPE,
  INPUT_SHAPE,
  JOB_DETAIL_SHAPE,
  OPERATION_SHAPE,
  OUTPUT_SHAPE,
  STREAM_EXTRACT_SHAPE,
  TIME_INTERVAL_SHAPE,
} from "../codec/fieldTable";
import type { UntypedField, UntypedShape } from "../codec/mapping";
import { EXTRA_KEY, JOB_STATES, JOB_TYPES } from "../model";
import type { ListJobsQuery } from "../model";
import { SETTING_SOURCES } from "./lifecycle";
import type { ProviderSettings } from "./lifecycle";
import { INVENTORY_TRIGGER_JOB_TOKEN, LIST_JOBS_TOKEN, PACKAGE_NAME, TYPE_PREFIX } from "./tokens";

/** A property or type reference of a Pulumi package schema (`pkg/codegen/schema` `TypeSpec`, `PropertySpec`). */
export interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  oneOf?: PropertySpec[];
  description?: string;
  secret?: boolean;
  default?: unknown;
}

/** An object type, resource or function signature of the schema. */
export interface ObjectSpec {
  type?: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/** The parts of a package schema this plugin writes. */
export interface PackageSchema {
  name: string;
  version: string;
  displayName: string;
  description: string;
  keywords: string[];
  license: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec> };
  types: Record<string, ObjectSpec>;
  resources: Record<string, ObjectSpec & { inputProperties: Record<string, PropertySpec>; requiredInputs: string[] }>;
  functions: Record<string, { description: string; inputs: ObjectSpec; outputs: ObjectSpec }>;
  language: Record<string, Record<string, unknown>>;
}

/** Each container of the field table and the name of its type in the schema: the model's name for it. */
const CONTAINER_TYPES: readonly { shape: UntypedShape; name: string; description: string }[] = [
  {
    shape: INPUT_SHAPE,
    name: "JobInput",
    description: "Which objects a job processes: exactly one of manifest, urlFile, prefix or object.",
  },
  {
    shape: TIME_INTERVAL_SHAPE,
    name: "TimeInterval",
    description: "Upload-time window of the objects to scan, both ends %Y-%m-%dT%H:%M:%S%z.",
  },
  { shape: CALLBACK_MQ_CONFIG_SHAPE, name: "CallBackMqConfig", description: "Delivery of callbacks through TDMQ (callBackType TDMQ)." },
  {
    shape: CALLBACK_KAFKA_CONFIG_SHAPE,
    name: "CallBackKafkaConfig",
    description: "Delivery of callbacks through CKafka (callBackType Kafka).",
  },
  { shape: STREAM_EXTRACT_SHAPE, name: "StreamExtract", description: "A stream to extract into its own object." },
  { shape: OUTPUT_SHAPE, name: "JobOutput", description: "Where a Type=Job job writes its results." },
  {
    shape: OPERATION_SHAPE,
    name: "JobOperation",
    description:
      "What a job does: workflowIds (and timeInterval) for Workflow; tag, queueId, jobParam, output and the callback settings for Job.",
  },
  { shape: JOB_DETAIL_SHAPE, name: "JobDetail", description: "A job as the service reports it." },
];

/** A map of any values: free-form processing structures, and the elements this version does not name. */
const FREE_FORM: PropertySpec = { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };

const str = (description: string): PropertySpec => ({ type: "string", description });

/** The reference to a type of this package. */
function ref(name: string): string {
  return `#/types/${TYPE_PREFIX}${name}`;
}

function typeNameOf(shape: UntypedShape): string {
  const entry = CONTAINER_TYPES.find((candidate) => candidate.shape === shape);
  if (entry === undefined) throw new Error(`the field table's container ${shape.element} has no type name in the schema`);
  return entry.name;
}

function fieldSpec(field: UntypedField, container: UntypedShape): PropertySpec {
  const description = `The ${field.element} element of ${container.element}.`;
  switch (field.type.kind) {
    case "text":
      return { type: "string", description };
    case "time":
      return { type: "string", description: `${description} A service time such as 2022-02-01T12:00:00+0800.` };
    case "integer":
      return { type: "integer", description };
    case "csv":
      return { type: "array", items: { type: "string" }, description };
    case "record":
      return { $ref: ref(typeNameOf(field.type.shape)), description };
    case "list":
      return { type: "array", items: { $ref: ref(typeNameOf(field.type.shape)) }, description };
    case "generic":
      return { ...FREE_FORM, description: `${description} Free-form: template ids and inline processing structures, kept as given.` };
  }
}

function objectType(entry: (typeof CONTAINER_TYPES)[number]): ObjectSpec {
  const properties: Record<string, PropertySpec> = {};
  for (const field of entry.shape.fields) properties[field.key] = fieldSpec(field, entry.shape);
  properties[EXTRA_KEY] = {
    ...FREE_FORM,
    description: `Elements of ${entry.shape.element} the service sent and this version does not name, first letter lowered; written back after the known ones.`,
  };
  return { type: "object", description: entry.description, properties };
}

/** Descriptions of the provider's settings, keyed as {@link SETTING_SOURCES}. */
const SETTING_DESCRIPTIONS: Record<keyof ProviderSettings, string> = {
  secretId: "SecretId of the Tencent Cloud API key.",
  secretKey: "SecretKey of the Tencent Cloud API key.",
  securityToken: "Security token of temporary credentials.",
  region: "Default region of the buckets, such as ap-guangzhou.",
  bucket: "Default bucket with APPID, such as media-1250000000.",
  endpoint: "Endpoint to send requests to instead of https://<bucket>.ci.<region>.myqcloud.com (an emulator, say).",
  requestTimeoutSeconds: "Per-attempt timeout of each request, in whole seconds (1-600).",
  maxRetries: "Retries after the first attempt of each call (0-20); default 8.",
  visibilityWindowSeconds: "Longest time a new job may take to show in listings, in whole seconds (0-600); default 30.",
};

/** The settings that are credentials: secret in the schema, so that the engine never stores them in the clear. */
const SECRET_SETTINGS: ReadonlySet<keyof ProviderSettings> = new Set(["secretId", "secretKey", "securityToken"]);

function configVariables(): Record<string, PropertySpec> {
  const variables: Record<string, PropertySpec> = {};
  for (const [key, source] of Object.entries(SETTING_SOURCES) as [keyof ProviderSettings, { env: string }][]) {
    variables[key] = {
      type: "string",
      description: `${SETTING_DESCRIPTIONS[key]} Falls back to ${source.env}.`,
      ...(SECRET_SETTINGS.has(key) ? { secret: true } : {}),
    };
  }
  return variables;
}

/** The inputs of the resource: the job's definition, then the life-cycle options. */
function resourceInputs(): Record<string, PropertySpec> {
  return {
    name: str(
      "The job's name: up to 128 letters, digits, Chinese characters, - and _. When omitted the job is named <resource name>-<7 characters>, new whenever the definition or triggers change.",
    ),
    type: str(`${JOB_TYPES.join(" or ")}: Workflow (default) runs workflows over the objects; Job runs one processing job per object.`),
    input: { $ref: ref("JobInput"), description: "The objects to process: exactly one of manifest, urlFile, prefix or object." },
    operation: { $ref: ref("JobOperation"), description: "What to do with them." },
    region: str("Region of the bucket, overriding tencent-ci:region."),
    bucket: str("Bucket with APPID (name-1250000000), overriding tencent-ci:bucket."),
    triggers: {
      type: "array",
      items: { $ref: "pulumi.json#/Any" },
      description: "Any values; when they change the job is triggered again (a replacement).",
    },
    waitForCompletion: {
      oneOf: [{ type: "boolean" }, { $ref: ref("WaitOptions") }],
      description:
        "Make the deploy wait until the job ends: Success passes; Failed, Cancel or the timeout fail the step while the job stays in state. Default: do not wait.",
    },
    retriggerOnStates: {
      type: "array",
      items: { type: "string" },
      description: `When a refresh finds the job in one of these states (${[...JOB_STATES, "NotFound"].join(", ")}), the next deploy triggers it again.`,
    },
    maxRetriggers: { type: "integer", description: "How many times retriggerOnStates may re-run one declared run; default 3, 0 for none." },
    cancelOnDelete: { type: "boolean", description: "Cancel the job on delete when it is still queued or running. Default true." },
  };
}

/** What the service reports about the job, and the provider's record of re-runs. */
function resourceOutputs(): Record<string, PropertySpec> {
  return {
    jobId: str("The service's id of the job."),
    state: str("Last known state: Submitted, Running, Success, Failed, Pause, Cancel, or NotFound once gone upstream."),
    code: str("The service's code for the outcome."),
    message: str("The service's message when the job failed."),
    creationTime: str("When the job was created, %Y-%m-%dT%H:%M:%S%z."),
    startTime: str("When the job started, once it has."),
    endTime: str("When the job ended, once it has."),
    retriggers: { type: "integer", description: "How many times retriggerOnStates re-ran this declared run; absent for none." },
  };
}

/** The filters of the list function, typed against the model's query so that a key it lacks does not compile. */
const LIST_FILTERS: Record<Exclude<keyof ListJobsQuery, "nextToken">, PropertySpec> = {
  size: { type: "integer", description: "Jobs per page asked of the service (at most 100)." },
  type: str("Workflow or Job; both when omitted."),
  orderByTime: str("Desc (default) or Asc."),
  states: { type: "array", items: { type: "string" }, description: "Only jobs in these states (or All)." },
  startCreationTime: str("Only jobs created at or after this time, %Y-%m-%dT%H:%M:%S%z."),
  endCreationTime: str("Only jobs created at or before this time."),
  workflowId: str("Only jobs of this workflow."),
  jobId: str("Only this job."),
  name: str("Only jobs whose name the service matches with this."),
};

/** Builds the schema of the package at `version`. */
export function buildSchema(version: string): PackageSchema {
  const types: Record<string, ObjectSpec> = {};
  for (const entry of CONTAINER_TYPES) types[`${TYPE_PREFIX}${entry.name}`] = objectType(entry);
  types[`${TYPE_PREFIX}WaitOptions`] = {
    type: "object",
    description: "How long and how often a deploy waits for the job to end.",
    properties: {
      timeoutSeconds: { type: "integer", description: "Give up after this many seconds (1-86400); default 1800." },
      pollIntervalSeconds: { type: "integer", description: "Seconds between two queries (1-3600); default 5." },
    },
  };
  const inputs = resourceInputs();
  return {
    name: PACKAGE_NAME,
    version,
    displayName: "Tencent Cloud CI",
    description: "Tencent Cloud CI (Cloud Infinite) inventory trigger jobs: batch processing of a bucket's objects, triggered once.",
    keywords: ["pulumi", "tencentcloud", "ci", "category/cloud", "kind/native"],
    license: "Apache-2.0",
    config: { variables: configVariables() },
    provider: { description: "The provider of tencent-ci resources: credentials and defaults.", inputProperties: configVariables() },
    types,
    resources: {
      [INVENTORY_TRIGGER_JOB_TOKEN]: {
        description:
          "A CI inventory trigger job: a batch data-processing job over the objects of a bucket, triggered once when the resource is created and cancelled on delete while still running.",
        inputProperties: inputs,
        requiredInputs: ["input", "operation"],
        properties: { ...inputs, ...resourceOutputs() },
        required: ["name", "input", "operation", "jobId", "state"],
      },
    },
    functions: {
      [LIST_JOBS_TOKEN]: {
        description:
          "Lists jobs with the provider's credentials. Without type, Workflow and Job jobs are listed alike, newest first unless orderByTime says otherwise.",
        inputs: {
          properties: {
            ...LIST_FILTERS,
            region: str("Region, overriding tencent-ci:region."),
            bucket: str("Bucket with APPID, overriding tencent-ci:bucket."),
            limit: { type: "integer", description: "Stop after this many jobs; default 1000." },
          },
        },
        outputs: {
          properties: { jobs: { type: "array", items: { $ref: ref("JobDetail") }, description: "The jobs found." } },
          required: ["jobs"],
        },
      },
    },
    language: {
      nodejs: { packageName: "pulumi-tencent-ci" },
      python: { packageName: "pulumi_tencent_ci" },
      go: { importBasePath: "pulumi-tencent-ci/sdk/go/tencentci", generateResourceContainerTypes: false },
    },
  };
}

/** The schema as GetSchema answers it and as `schema.json` holds it: two-space JSON with a final newline. */
export function schemaText(version: string): string {
  return `${JSON.stringify(buildSchema(version), null, 2)}\n`;
}
