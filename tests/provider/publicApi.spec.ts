import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * What `pulumi-tencent-ci/provider` exports, values and types alike. A change here is a change of
 * public API: add a name on purpose, and remove one only in a major version.
 */
const PUBLIC_NAMES = [
  // The model.
  "BUCKET_PATTERN",
  "CallBackKafkaConfig",
  "CallBackMqConfig",
  "DigitalWatermark",
  "JOB_ID_PATTERN",
  "JOB_NAME_MAX_LENGTH",
  "JOB_NAME_PATTERN",
  "JOB_STATES",
  "JOB_TYPES",
  "JobDetail",
  "JobInput",
  "JobOperation",
  "JobOutput",
  "JobParam",
  "JobState",
  "JobType",
  "ListJobsPage",
  "ListJobsQuery",
  "OrderByTime",
  "ProcessingParams",
  "ProcessingValue",
  "REGION_PATTERN",
  "StreamExtract",
  "TERMINAL_STATES",
  "TimeInterval",
  "TriggerJobRequest",
  "parseServiceTime",
  // Validation, its limits, and the helpers policy packs read properties with.
  "CALLBACK_FORMATS",
  "CALLBACK_TYPES",
  "CALLBACK_URL_MAX_LENGTH",
  "ID_MAX_LENGTH",
  "JOB_LEVEL_MAX",
  "JOB_LEVEL_MIN",
  "MQ_MODES",
  "OBJECT_KEY_MAX_BYTES",
  "USER_DATA_MAX_LENGTH",
  "ValidationFailure",
  "containsMatch",
  "inputSources",
  "isPlainObject",
  "triggerRequestWarnings",
  "validateJobName",
  "validateTimeInterval",
  "validateTriggerRequest",
  "valueAt",
  // The client.
  "CLIENT_ERROR_CODES",
  "CiClient",
  "CiClientOptions",
  "CiError",
  "CiErrorDetails",
  "CodecError",
  "DEFAULT_CONNECT_TIMEOUT_MS",
  "DEFAULT_RETRY_POLICY",
  "DEFAULT_TIMEOUT_MS",
  "Fault",
  "RetryEvent",
  "RetryListener",
  "RetryPolicyOptions",
  "isCiError",
  // Settings.
  "ProviderSettings",
  "SETTING_SOURCES",
  "clientOptionsFor",
  "resolveSettings",
  // The resource.
  "DEFAULT_WAIT_OPTIONS",
  "INVENTORY_TRIGGER_JOB_INPUT_KEYS",
  "INVENTORY_TRIGGER_JOB_TYPE",
  "WaitOptions",
  "dynamicHandlers",
];

/** The names types alone carry; everything else must exist at run time. */
const TYPE_ONLY_NAMES = new Set([
  "CallBackKafkaConfig",
  "CallBackMqConfig",
  "CiClientOptions",
  "CiErrorDetails",
  "DigitalWatermark",
  "Fault",
  "JobDetail",
  "JobInput",
  "JobOperation",
  "JobOutput",
  "JobParam",
  "JobState",
  "JobType",
  "ListJobsPage",
  "ListJobsQuery",
  "OrderByTime",
  "ProcessingParams",
  "ProcessingValue",
  "ProviderSettings",
  "RetryEvent",
  "RetryListener",
  "RetryPolicyOptions",
  "StreamExtract",
  "TimeInterval",
  "TriggerJobRequest",
  "ValidationFailure",
  "WaitOptions",
]);

/** What the provider serialized into existing stacks' state calls: these names can never go. */
const STORED_PROVIDER_CALLS = ["check", "configure", "create", "diff", "read", "remove", "update"];

const sorted = (names: Iterable<string>) => [...names].sort();

describe("the public API of pulumi-tencent-ci/provider", () => {
  it("declares exactly the listed names, types included, so no internal module becomes public by accident", () => {
    const declarations = path.resolve(__dirname, "../../provider/index.d.ts");
    const program = ts.createProgram([declarations], { noEmit: true, skipLibCheck: true, types: [] });
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(declarations) as ts.SourceFile);
    assert.ok(module, "the declarations are a module");
    assert.deepEqual(sorted(checker.getExportsOfModule(module).map((symbol) => symbol.name)), sorted(PUBLIC_NAMES));
  });

  it("exports at run time every listed value and nothing more, as the package name resolves it", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require("pulumi-tencent-ci/provider") as Record<string, unknown>;
    assert.deepEqual(sorted(Object.keys(exported)), sorted(PUBLIC_NAMES.filter((name) => !TYPE_ONLY_NAMES.has(name))));
  });

  it("keeps under dynamicHandlers exactly the functions the serialized provider in every stack's state calls", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dynamicHandlers } = require("pulumi-tencent-ci/provider") as { dynamicHandlers: Record<string, unknown> };
    assert.deepEqual(sorted(Object.keys(dynamicHandlers)), STORED_PROVIDER_CALLS);
    for (const name of STORED_PROVIDER_CALLS) assert.equal(typeof dynamicHandlers[name], "function", name);
    const serialized = readFileSync(path.resolve(__dirname, "../../sdk/dynamicProvider.js"), "utf8");
    const called = new Set([...serialized.matchAll(/\.dynamicHandlers\.(\w+)\(/g)].map((match) => match[1]));
    assert.deepEqual(sorted(called), STORED_PROVIDER_CALLS);
  });
});
