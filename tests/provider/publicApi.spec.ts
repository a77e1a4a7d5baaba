import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * What `pulumi-tencent-ci/provider` exports: the values, which exist at run time, and the names only
 * types carry. A change here is a change of public API: add a name on purpose, and remove one only in
 * a major version.
 */
const PUBLIC_VALUES = [
  // The model.
  ...["BUCKET_PATTERN", "JOB_ID_PATTERN", "JOB_NAME_MAX_LENGTH", "JOB_NAME_PATTERN", "JOB_STATES", "JOB_TYPES", "REGION_PATTERN"],
  ...["TERMINAL_STATES", "parseServiceTime"],
  // Validation, its limits, and the helpers policy packs read properties with.
  ...["CALLBACK_FORMATS", "CALLBACK_TYPES", "CALLBACK_URL_MAX_LENGTH", "ID_MAX_LENGTH", "JOB_LEVEL_MAX", "JOB_LEVEL_MIN", "MQ_MODES"],
  ...["OBJECT_KEY_MAX_BYTES", "USER_DATA_MAX_LENGTH", "containsMatch", "inputSources", "isPlainObject", "triggerRequestWarnings"],
  ...["validateJobName", "validateTimeInterval", "validateTriggerRequest", "valueAt"],
  // The client, and the settings it is built from.
  ...["CLIENT_ERROR_CODES", "CiClient", "CiError", "CodecError", "DEFAULT_CONNECT_TIMEOUT_MS", "DEFAULT_RETRY_POLICY"],
  ...["DEFAULT_TIMEOUT_MS", "isCiError", "SETTING_SOURCES", "clientOptionsFor", "resolveSettings"],
  // The resource.
  ...["DEFAULT_WAIT_OPTIONS", "INVENTORY_TRIGGER_JOB_INPUT_KEYS", "INVENTORY_TRIGGER_JOB_TYPE", "dynamicHandlers"],
  // The engine's sentinels, which the policy pack reads properties with.
  ...["PROVIDER_KEY", "UNKNOWN_VALUE"],
];
const PUBLIC_TYPES = [
  ...["CallBackKafkaConfig", "CallBackMqConfig", "DigitalWatermark", "JobDetail", "JobInput", "JobOperation", "JobOutput", "JobParam"],
  ...["JobState", "JobType", "ListJobsPage", "ListJobsQuery", "OrderByTime", "ProcessingParams", "ProcessingValue", "StreamExtract"],
  ...["TimeInterval", "TriggerJobRequest", "ValidationFailure", "CiClientOptions", "CiErrorDetails", "Fault", "RetryEvent"],
  ...["RetryListener", "RetryPolicyOptions", "ProviderSettings", "WaitOptions"],
];

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
    assert.deepEqual(sorted(checker.getExportsOfModule(module).map((symbol) => symbol.name)), sorted([...PUBLIC_VALUES, ...PUBLIC_TYPES]));
  });

  it("exports at run time every listed value and nothing more, as the package name resolves it", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require("pulumi-tencent-ci/provider") as Record<string, unknown>;
    assert.deepEqual(sorted(Object.keys(exported)), sorted(PUBLIC_VALUES));
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
