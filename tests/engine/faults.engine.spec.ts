import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { ensurePulumi } from "../../scripts/pulumiCli";
import {
  answersWith,
  assertConverged,
  clockRejections,
  killCli,
  killLeftovers,
  manyJobs,
  pendingOperations,
  removeEmptySidecars,
  startInBackground,
  type ProcessInfo,
} from "./support/faultHelpers";
import { assertSucceeded, ENGINE_CREDENTIALS, JobStack, workflowArgs } from "./support/jobStack";
import { closedPort, startBlackHole } from "../support/deadEndpoints";

/** The credentials that must not leak, by their config key. */
const SECRETS = { "tencent-ci:secretKey": ENGINE_CREDENTIALS.secretKey, "tencent-ci:securityToken": ENGINE_CREDENTIALS.securityToken };

describe("InventoryTriggerJob under faults and crashes", function () {
  this.timeout(240_000);
  let stack: JobStack | undefined;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
  });

  afterEach(async () => {
    stack?.emulator.backend.setFaults(undefined);
    await stack?.close();
    stack = undefined;
  });

  it("30 jobs deployed through 20% 503s, 10% resets after commit and latency are 30 jobs upstream and 30 ids in state, none twice and none orphaned", async () => {
    // The engine's parallel steps make the order of the seeded draws vary from run to run, so the
    // 3rd and 17th commits always lose their answer: the path this test exists for is always walked.
    stack = await JobStack.create({
      faults: { errorRates: { "503": 0.2 }, resetAfterCommitRate: 0.1, resetAfterCommits: [3, 17], latencyMs: 20, jitterMs: 20 },
    });
    await stack.setJobs(manyJobs(30));

    assertSucceeded(await stack.project.up());

    const log = stack.emulator.requests.entries;
    assert.ok(answersWith(log, "ServiceUnavailable").length > 0, "503s were injected");
    assert.ok(
      log.filter((entry) => entry.reset).length >= 2,
      "the 3rd and 17th triggers at least lost their answer after creating their job",
    );
    await assertConverged(stack, 30);
  });

  it("a CLI killed with SIGKILL midway through creating 20 jobs converges after cancel, refresh --clear-pending-creates and up", async () => {
    // Latency spreads the triggers over seconds, so the kill lands between the first and the last.
    const latency = { latencyMs: 300, jitterMs: 1500 };
    stack = await JobStack.create({ faults: latency });
    const { emulator, project } = stack;
    await stack.setJobs(manyJobs(20));

    const up = startInBackground(project, ["up", "--yes", "--skip-preview", "--non-interactive"]);
    let plugins: ProcessInfo[] = [];
    try {
      // Killed from the request log, as the sixth trigger is answered: that job is created, but the
      // CLI cannot have recorded it.
      let triggered = 0;
      const sixth = new Promise<void>((resolve) =>
        emulator.requests.onEntry((entry) => {
          if (entry.operation === "CreateInventoryTriggerJob" && entry.status === 200 && ++triggered === 6) {
            plugins = killCli(up);
            resolve();
          }
        }),
      );
      await Promise.race([sixth, up.exited]);
      assert.deepEqual(await up.exited, { code: null, signal: "SIGKILL" }, up.output());
      // Triggers already received still create their jobs once their latency is served: wait it
      // out, as the service would finish them whatever became of the caller.
      await new Promise((resolve) => setTimeout(resolve, latency.latencyMs + latency.jitterMs + 500));
    } finally {
      // The provider and the program exit once their engine is gone; the language host would linger
      // until its health check of the engine (every 5 minutes) fails.
      up.child.kill("SIGKILL");
      killLeftovers(plugins);
    }
    emulator.backend.setFaults(undefined);
    // A kill inside a checkpoint write can leave the backend unreadable ("failed to load checkpoint:
    // EOF"): a flaw of the diy backend's storage, repaired here as a user would. See removeEmptySidecars.
    await removeEmptySidecars(project.backendDir);
    const upstream = emulator.backend.jobs().length;
    assert.ok(upstream < 20, `the kill came before the last trigger (${upstream} jobs upstream)`);
    assert.ok(
      (await pendingOperations(project)).some((op) => op.type === "creating"),
      "the crash left pending creates in state",
    );
    const known = (await stack.jobsInState()).length;
    assert.ok(known < upstream, `jobs run upstream that state does not know (${upstream} upstream, ${known} in state)`);

    // What a user does next, as the CLI directs. The diy backend's lock outlives the killed CLI, and
    // `refresh` refuses to run until `pulumi cancel` removes it. Non-interactive, a plain `refresh`
    // keeps the pending creates and `up` only warns about them (they stay in state even after an up
    // that succeeds); `--clear-pending-creates` is the CLI's own way to drop them without a prompt.
    assertSucceeded(await project.run(["cancel", "--yes", "--non-interactive"]));
    assertSucceeded(await project.refresh(["--clear-pending-creates"]));
    assert.deepEqual(await pendingOperations(project), []);
    const recovery = await project.up();
    assertSucceeded(recovery);

    // Jobs whose create was cut off are found by their deterministic name and adopted, not run twice,
    // and reported as adopted only.
    const output = recovery.stdout + recovery.stderr;
    const adopted = [...output.matchAll(/job (\w+) \([^)]*\) found under its name; adopting it instead of triggering again/g)].map(
      (match) => match[1],
    );
    assert.ok(adopted.length > 0, "some job was adopted");
    for (const jobId of adopted) assert.doesNotMatch(output, new RegExp(`job ${jobId} \\([^)]*\\) triggered`));
    await assertConverged(stack, 20);
  });

  it("a storm of 429 SlowDown on half the calls of every operation, with Retry-After 1, is waited out: 10 jobs deploy in one up", async () => {
    stack = await JobStack.create({ faults: { errorRates: { "429": 0.5 }, retryAfterSeconds: 1 } });
    const { emulator } = stack;
    // The storm lasts 4 s from its first throttled answer. Every retry waits the Retry-After, so one
    // call meets at most 5 throttled attempts: a provider that gives up sooner can fail the deploy.
    let calm: NodeJS.Timeout | undefined;
    emulator.requests.onEntry((entry) => {
      if (entry.errorCode === "SlowDown" && calm === undefined) calm = setTimeout(() => emulator.backend.setFaults(undefined), 4000);
    });
    await stack.setJobs(manyJobs(10));

    try {
      assertSucceeded(await stack.project.up());
    } finally {
      clearTimeout(calm);
    }

    assert.ok(answersWith(emulator.requests.entries, "SlowDown").length > 0, "the service throttled");
    await assertConverged(stack, 10);
  });

  it("a port that refuses connections fails the step naming ListJobs and host:port, after one progress line per retry that tencent-ci:maxRetries allows", async () => {
    stack = await JobStack.create();
    const port = await closedPort();
    await stack.project.setConfig("tencent-ci:endpoint", `http://127.0.0.1:${port}`);
    await stack.project.setConfig("tencent-ci:maxRetries", "2");
    await stack.setJobs([{ resource: "unreachable", args: workflowArgs("unreachable/") }]);

    const up = await stack.project.up();

    const output = up.stdout + up.stderr;
    assert.notEqual(up.code, 0, output);
    assert.match(output, new RegExp(`ListJobs failed: ConnectionError: 127\\.0\\.0\\.1:${port} refused the connection \\(ECONNREFUSED\\)`));
    for (const attempt of [2, 3]) {
      assert.match(
        output,
        new RegExp(
          `\\[tencent-ci\\] ListJobs to 127\\.0\\.0\\.1:${port}: connection refused \\(ECONNREFUSED\\); attempt ${attempt} of 3 in `,
        ),
      );
    }
    assert.doesNotMatch(output, /attempt 4 of/);
  });

  it("an endpoint that accepts and never answers fails the step as RequestTimeout naming ListJobs and host:port, within tencent-ci:requestTimeoutSeconds per attempt", async () => {
    stack = await JobStack.create();
    const hole = await startBlackHole();
    try {
      await stack.project.setConfig("tencent-ci:endpoint", hole.url);
      await stack.project.setConfig("tencent-ci:requestTimeoutSeconds", "1");
      await stack.project.setConfig("tencent-ci:maxRetries", "1");
      await stack.setJobs([{ resource: "silent", args: workflowArgs("silent/") }]);

      const up = await stack.project.up();

      const output = up.stdout + up.stderr;
      const host = hole.url.replace("http://", "");
      assert.notEqual(up.code, 0, output);
      assert.ok(
        output.includes(
          `ListJobs failed: RequestTimeout: no response from ${host} within 1 s (UND_ERR_HEADERS_TIMEOUT); gave up after 2 attempts`,
        ),
        output,
      );
      assert.ok(
        output.includes(`[tencent-ci] ListJobs to ${host}: no response within 1 s (UND_ERR_HEADERS_TIMEOUT); attempt 2 of 2 in `),
        output,
      );
    } finally {
      await hole.close();
    }
  });

  // A signature's key time starts at the 15-minute window holding `now` and spans two windows, so
  // it is valid for 15 to 30 minutes: a service 20 minutes ahead rejects only signatures made in the
  // last third of a window. 35 minutes ahead is past the end of every signature ("Request has
  // expired"); 20 minutes behind puts the start of every signature in the service's future
  // (RequestTimeTooSkewed). Both must be recovered from the `Date` of the rejection.
  for (const skew of [
    { what: "20 minutes behind", offsetMs: -20 * 60_000, code: "RequestTimeTooSkewed" },
    { what: "35 minutes ahead", offsetMs: 35 * 60_000, code: "AccessDenied" },
  ]) {
    it(`a service clock ${skew.what} is resynced from its Date header once per provider process, and up and refresh succeed`, async () => {
      stack = await JobStack.create({ clock: () => Date.now() + skew.offsetMs });
      const { emulator } = stack;
      await stack.setJobs(manyJobs(5, "skewed"));

      // One call at a time: only the first request of the process is signed before the resync.
      assertSucceeded(await stack.project.up(["--parallel", "1"]));
      assert.deepEqual(
        clockRejections(emulator.requests.entries).map((entry) => entry.errorCode),
        [skew.code],
      );
      await assertConverged(stack, 5);

      // Five reads at once: each one sent before the first rejection came back is rejected once and
      // resent; none is rejected twice.
      emulator.requests.clear();
      assertSucceeded(await stack.project.refresh());
      const rejected = clockRejections(emulator.requests.entries).length;
      assert.ok(rejected >= 1 && rejected <= 5, `${rejected} reads rejected for their clock`);
      assert.equal(emulator.requests.entries.filter((entry) => entry.status === 200).length, 5);
    });
  }

  for (const { credentialsFrom, title } of [
    {
      credentialsFrom: "config" as const,
      title:
        "credentials in secret stack config reach -v=11 output only in the engine's own log of the provider config, and state only as that config, encrypted",
    },
    {
      credentialsFrom: "environment" as const,
      title: "credentials from TENCENTCLOUD_* variables reach none of -v=11 output, error messages, state and --show-secrets",
    },
  ]) {
    it(title, async () => {
      stack = await JobStack.create({}, {}, credentialsFrom);
      await stack.setJobs([
        { resource: "fine", args: workflowArgs("fine/") },
        // Fails while waited for: the service ends it with InvalidParameter "workflow not exist".
        {
          resource: "doomed",
          args: {
            input: { prefix: "doomed/" },
            operation: { workflowIds: ["w00000000000000000000000000000000"] },
            waitForCompletion: { timeoutSeconds: 60, pollIntervalSeconds: 1 },
          },
        },
      ]);

      const up = await stack.project.up(["-v=11", "--logtostderr", "--logflow"]);

      assert.notEqual(up.code, 0);
      assert.match(up.stdout + up.stderr, /ended Failed: InvalidParameter workflow not exist/);
      const exported = await stack.project.run(["stack", "export"]);
      const revealed = await stack.project.run(["stack", "export", "--show-secrets"]);
      assertSucceeded(exported);
      assertSucceeded(revealed);
      const jobs = await stack.jobsInState();
      assert.equal(jobs.length, 2, "both jobs are in state, the failed one with its id");
      const stored = await filesUnder(stack.project.backendDir);

      for (const [key, secret] of Object.entries(SECRETS)) {
        const hint = `${secret.slice(0, 12)}…`;
        assert.deepEqual(
          linesHolding(up.stdout + up.stderr, secret, { allowEngineConfigLog: credentialsFrom === "config" }),
          [],
          `${hint} in the CLI's output`,
        );
        assert.ok(!exported.stdout.includes(secret), `${hint} in the exported state`);
        assert.ok(!stored.includes(secret), `${hint} in a file of the backend`);
        assert.ok(!JSON.stringify(jobs).includes(secret), `${hint} in a job's state or its serialized provider`);
        // Pulumi keeps the stack's config as inputs (and outputs) of the default `pulumi-nodejs`
        // provider, from which dynamic providers are configured: encrypted, as the plain export shows,
        // and decrypted by --show-secrets as asked. Anywhere else would be a leak.
        const defaultProvider = "resources[pulumi:providers:pulumi-nodejs::default]";
        const expected =
          credentialsFrom === "config" ? [`${defaultProvider}.inputs.${key}.plaintext`, `${defaultProvider}.outputs.${key}.plaintext`] : [];
        assert.deepEqual(pathsHolding(revealed.stdout, secret), expected, `${hint} in --show-secrets`);
      }
    });
  }
});

/** Every file under `dir`, concatenated. */
async function filesUnder(dir: string): Promise<string> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => fs.readFile(file, "utf8")))).join("\n");
}

/**
 * Lines of CLI output holding `secret`. With `allowEngineConfigLog`, leaves out the engine's own
 * records of the config it hands the default `pulumi-nodejs` provider, which it logs decrypted:
 * "Planner decided to create '…pulumi:providers:pulumi-nodejs::default' (inputs=…)" at level 7 and
 * "Marshaling property for RPC[Provider[…].CheckConfig(…)|Configure()…]" at level 9.
 */
function linesHolding(output: string, secret: string, options: { allowEngineConfigLog: boolean }): string[] {
  const engineConfigLog =
    /^\{"time":"[^"]+","level":"INFO","msg":"(Planner decided to create 'urn:pulumi:[^']*::pulumi:providers:pulumi-nodejs::default' \(inputs=|Marshaling property for RPC\[Provider\[0x[0-9a-f]+\]\.(CheckConfig\(urn:pulumi:[^)]*::pulumi:providers:pulumi-nodejs::default\)\.news|Configure\(\)\.inputs)\]: )/;
  return output
    .split("\n")
    .filter((line) => line.includes(secret))
    .filter((line) => !(options.allowEngineConfigLog && engineConfigLog.test(line)))
    .map((line) => line.slice(0, 300));
}

/** Paths in a `pulumi stack export` holding `secret`, resources named by their `<type>::<name>`. */
function pathsHolding(exportText: string, secret: string): string[] {
  const deployment = (JSON.parse(exportText) as { deployment: { resources?: { urn: string }[] } }).deployment;
  const byName = Object.fromEntries(
    (deployment.resources ?? []).map((resource) => [resource.urn.split("::").slice(-2).join("::"), resource]),
  );
  return walk({ ...deployment, resources: byName }, "");

  function walk(value: unknown, at: string): string[] {
    if (typeof value === "string") return value.includes(secret) ? [at] : [];
    if (value === null || typeof value !== "object") return [];
    if (at === "resources") return Object.entries(value).flatMap(([name, resource]) => walk(resource, `resources[${name}]`));
    return Object.entries(value).flatMap(([key, child]) => walk(child, at === "" ? key : `${at}.${key}`));
  }
}
