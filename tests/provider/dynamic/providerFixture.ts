/**
 * The provider's handlers against an in-process emulator, driven the way the engine drives them:
 * `check` with the previous inputs, `diff` with the previous outputs, then `create`/`update` and, for
 * a replacement, a second `check` without the previous inputs, `create` from it and `remove` of the
 * old job; `read` then `diff` of the refreshed outputs against the
 * inputs stored before, as a refresh does. Time moves only when a test (or a wait) moves it.
 */
import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, type EmulatorOptions } from "../../../emulator";
import { createJobHandlers, type JobHandlers } from "../../../provider/dynamic/handlers";
import type { JobDiff } from "../../../provider/dynamic/diff";
import { useEmulator, type EmulatorFixture } from "../../support/emulatorFixture";

/** A resource as state holds it. */
export interface StoredJob {
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** What one deploy of one resource did. */
export interface Deployed {
  resource: StoredJob;
  diff?: JobDiff;
  step: "create" | "same" | "update" | "replace";
}

/** Jobs move only with the emulator's clock: Running after 1 s, Success after 3 more. */
export const CLOCK_DRIVEN: EmulatorOptions["lifecycle"] = {
  transitions: [
    { from: "Submitted", to: "Running", afterMs: 1000 },
    { from: "Running", to: "Success", afterMs: 3000 },
  ],
};

/** The provider under test and the emulator it talks to. */
export interface ProviderFixture {
  readonly emulator: EmulatorFixture["emulator"];
  readonly handlers: JobHandlers;
  /** A client of the same emulator, for what happens outside Pulumi. */
  readonly client: EmulatorFixture["client"];
  /** Progress lines the handlers logged. */
  readonly logs: string[];
  /** The stack config the handlers were configured with. */
  readonly config: Readonly<Record<string, string>>;
  /**
   * `pulumi up` of one resource: `previous` is what state holds, if anything. `interrupted` stops
   * after the `create` of a replacement, as a killed CLI would (the old job stays in state).
   */
  deploy(news: Record<string, unknown>, previous?: StoredJob, interrupted?: boolean): Promise<Deployed>;
  /** `pulumi refresh` of one resource: the refreshed resource and the diff the engine shows. */
  refresh(resource: StoredJob): Promise<{ resource: StoredJob; diff: JobDiff }>;
  /** Requests sent since the last {@link ProviderFixture.clearRequests}, as `METHOD path`. */
  requests(): string[];
  clearRequests(): void;
}

/** Registers the hooks of an emulator and a fresh provider instance for each test of the block. */
export function useProvider(options: EmulatorOptions = {}): ProviderFixture {
  let start = 1_767_225_600_000;
  const emulatorFixture = useEmulator({ lifecycle: CLOCK_DRIVEN, clock: () => start, ...options });
  let handlers: JobHandlers | undefined;
  const logs: string[] = [];
  const config: Record<string, string> = {};
  beforeEach(() => {
    start = 1_767_225_600_000;
    logs.splice(0);
    const emulator = emulatorFixture.emulator;
    handlers = createJobHandlers({
      // The client signs with the emulator's time, as a client in sync with the service would.
      newClient: (clientOptions) =>
        emulatorFixture.newClient({
          ...clientOptions,
          retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 },
          clock: () => emulator.backend.now(),
        }),
      clock: () => emulator.backend.now(),
      now: () => emulator.backend.now(),
      sleep: (ms) => {
        emulator.backend.advanceTime(ms);
        return Promise.resolve();
      },
      log: (line) => logs.push(line),
      env: {},
    });
    Object.assign(config, {
      "tencent-ci:endpoint": emulator.url,
      "tencent-ci:secretId": DEMO_CREDENTIALS.secretId,
      "tencent-ci:secretKey": DEMO_CREDENTIALS.secretKey,
    });
    handlers.configure({ get: (key) => config[key] });
  });

  const fixture: ProviderFixture = {
    get emulator() {
      return emulatorFixture.emulator;
    },
    get client() {
      return emulatorFixture.client;
    },
    get handlers() {
      assert.ok(handlers, "the provider exists only inside a test");
      return handlers;
    },
    logs,
    config,
    async deploy(news, previous, interrupted = false) {
      const checked = fixture.handlers.check(previous?.inputs ?? {}, news);
      assert.deepEqual(checked.failures, [], "check failed");
      const inputs = checked.inputs;
      if (previous === undefined) {
        const created = await fixture.handlers.create(inputs);
        return { resource: { id: created.id, inputs, outputs: created.outs }, step: "create" };
      }
      const diff = fixture.handlers.diff(previous.id, previous.outputs, inputs);
      if (!diff.changes) return { resource: { ...previous, inputs }, diff, step: "same" };
      if (diff.replaces.length > 0) {
        // As the engine does, the replacement is created from a second check without the old inputs.
        const rechecked = fixture.handlers.check({}, news).inputs;
        const created = await fixture.handlers.create(rechecked);
        if (!interrupted) await fixture.handlers.remove(previous.id, previous.outputs);
        return { resource: { id: created.id, inputs: rechecked, outputs: created.outs }, diff, step: "replace" };
      }
      const updated = await fixture.handlers.update(previous.id, previous.outputs, inputs);
      return { resource: { id: previous.id, inputs, outputs: updated.outs }, diff, step: "update" };
    },
    async refresh(resource) {
      const read = await fixture.handlers.read(resource.id, resource.outputs);
      // Inputs left out of the answer are kept as stored, as the engine keeps them.
      const refreshed = { id: read.id, inputs: read.inputs ?? resource.inputs, outputs: read.props };
      // The engine's refresh diff: refreshed outputs as the old state, the inputs stored before as the new.
      return { resource: refreshed, diff: fixture.handlers.diff(resource.id, read.props, resource.inputs) };
    },
    requests() {
      return fixture.emulator.requests.entries.map((entry) => `${entry.method} ${entry.path}`);
    },
    clearRequests() {
      fixture.emulator.requests.clear();
    },
  };
  return fixture;
}

/** An auto-named Workflow job over `prefix`, as the SDK declares it. */
export function autoNamed(prefix = "videos/", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    input: { prefix },
    operation: { workflowIds: [DEMO_WORKFLOW_ID] },
    autoName: { prefix: "backfill", scope: "project/stack" },
    ...extra,
  };
}

/** A Workflow job with an explicit name over `prefix`. */
export function named(name: string, prefix = "videos/", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, input: { prefix }, operation: { workflowIds: [DEMO_WORKFLOW_ID] }, ...extra };
}

export const LIST = "GET /inventorytriggerjob";
export const TRIGGER = "POST /inventorytriggerjob";
