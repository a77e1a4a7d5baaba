/**
 * A CI emulator on a free port and `CiClient`s pointed at it, started before each test of the
 * calling `describe` block and closed after it, plus the check every client error must pass.
 */
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { CiClient, type CiClientOptions } from "../../provider/client/ciClient";
import { CiError } from "../../provider/client/errors";
import type { TriggerJobRequest } from "../../provider/model";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** Backoff short enough for tests; the retry counts stay the defaults. */
export const FAST_RETRIES: NonNullable<CiClientOptions["retryPolicy"]> = { baseDelayMs: 5, maxDelayMs: 50 };

/** The fixture's clients do not wait out their backoff: the emulator's answers do not depend on time passing. */
const skipWait = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a test gets. */
export interface EmulatorFixture {
  /** The emulator of the current test. */
  readonly emulator: RunningEmulator;
  /** A client with the demo credentials, pointed at {@link EmulatorFixture.emulator}. */
  readonly client: CiClient;
  /** One more client on the same emulator, with `overrides` applied; closed after the test. */
  newClient(overrides?: Partial<CiClientOptions>): CiClient;
  /** Runs `close` after the test, before the emulator stops (servers and dispatchers of the test). */
  onTeardown(close: () => unknown): void;
}

/**
 * Registers `beforeEach`/`afterEach` hooks in the calling block and returns the fixture they fill.
 * Clients get the demo credentials, {@link FAST_RETRIES} without waiting, and the emulator's URL as
 * endpoint.
 */
export function useEmulator(options: EmulatorOptions = {}): EmulatorFixture {
  let emulator: RunningEmulator | undefined;
  let client: CiClient | undefined;
  let teardown: (() => unknown)[] = [];
  const fixture: EmulatorFixture = {
    get emulator() {
      assert.ok(emulator, "the emulator runs only inside a test");
      return emulator;
    },
    get client() {
      assert.ok(client, "the client exists only inside a test");
      return client;
    },
    newClient(overrides = {}) {
      const created = new CiClient({
        ...DEMO_CREDENTIALS,
        endpoint: fixture.emulator.url,
        retryPolicy: FAST_RETRIES,
        sleep: skipWait,
        ...overrides,
      });
      teardown.push(() => created.close());
      return created;
    },
    onTeardown(close) {
      teardown.push(close);
    },
  };
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, ...options });
    client = fixture.newClient();
  });
  afterEach(async () => {
    const steps = teardown.reverse();
    teardown = [];
    // Every step runs and the emulator always stops, or a failed step would keep mocha alive.
    const outcomes = [];
    for (const step of steps) outcomes.push(...(await Promise.allSettled([step()])));
    outcomes.push(...(await Promise.allSettled([emulator?.close()])));
    emulator = undefined;
    client = undefined;
    const failed = outcomes.find((outcome) => outcome.status === "rejected");
    if (failed !== undefined) throw failed.reason;
  });
  return fixture;
}

/** A `Type=Workflow` trigger of the demo workflow over the whole bucket. */
export function workflowTrigger(name: string): TriggerJobRequest {
  return { name, type: "Workflow", input: { prefix: "" }, operation: { workflowIds: [DEMO_WORKFLOW_ID] } };
}

/** Secret keys and tokens that no error may show; {@link secret} adds to them. */
const SECRETS = new Set<string>([DEMO_CREDENTIALS.secretKey]);

/** Declares a secret key or token a test uses, so that {@link assertNoSecrets} looks for it too. */
export function secret(value: string): string {
  SECRETS.add(value);
  return value;
}

/** Fails if a known secret appears in the error's message, stack, `String()`, `inspect()` or JSON. */
export function assertNoSecrets(error: unknown): void {
  const renderings = {
    message: (error as Error).message,
    stack: (error as Error).stack ?? "",
    string: String(error),
    inspect: inspect(error),
    "deep inspect": inspect(error, { depth: Infinity, showHidden: true }),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined for an undefined error, whatever the type says
    json: JSON.stringify(error) ?? "",
  };
  for (const [how, text] of Object.entries(renderings)) {
    for (const value of SECRETS) {
      assert.ok(!text.includes(value), `the error's ${how} shows a secret`);
    }
  }
}

/** Fields of a {@link CiError} a test expects. */
export type ExpectedCiError = Partial<Pick<CiError, "code" | "operation" | "statusCode" | "requestId" | "retryable" | "fault">>;

function checkCiError(error: unknown, expected: ExpectedCiError): CiError {
  assert.ok(error instanceof CiError, `expected a CiError, got ${inspect(error)}`);
  assertNoSecrets(error);
  const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, error[key as keyof ExpectedCiError]]));
  assert.deepEqual(actual, expected, `unexpected CiError: ${error.message}`);
  return error;
}

/** Awaits a promise that must reject with a {@link CiError} holding `expected` and no secret. */
export async function rejectsWithCiError(promise: Promise<unknown>, expected: ExpectedCiError = {}): Promise<CiError> {
  let outcome: { value: unknown } | undefined;
  try {
    outcome = { value: await promise };
  } catch (error) {
    return checkCiError(error, expected);
  }
  return assert.fail(`expected a CiError, the call resolved with ${inspect(outcome.value)}`);
}

/** Runs `action`, which must throw a {@link CiError} holding `expected` and no secret. */
export function throwsCiError(action: () => unknown, expected: ExpectedCiError = {}): CiError {
  try {
    action();
  } catch (error) {
    return checkCiError(error, expected);
  }
  return assert.fail("expected a CiError, nothing was thrown");
}
