import { strict as assert } from "node:assert";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { promisify } from "node:util";
import COS = require("cos-nodejs-sdk-v5");
import { request } from "undici";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { DEFAULT_CLI_PORT, parseCliArgs } from "../../emulator/cli";
import { repoRoot } from "../../scripts/pulumiCli";
import { describeJob, ManualClock, triggerJob, workflowTrigger } from "./support/ciHttp";

const CLI = resolve(__dirname, "..", "..", "emulator", "cli.js");
const run = promisify(execFile);

/** Pids of the live descendants of `pid` (a zombie waiting for its reaper counts as gone). */
async function descendants(pid: number): Promise<number[]> {
  const { stdout } = await run("ps", ["-e", "-o", "pid=,ppid=,stat="]);
  const rows = stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, ppid, stat] of rows) {
      if (Number(ppid) === parent && !stat.startsWith("Z")) {
        found.push(Number(child));
        walk(Number(child));
      }
    }
  };
  walk(pid);
  return found;
}

/** Whether process `pid` still runs (a zombie does not). */
async function alive(pid: number): Promise<boolean> {
  try {
    const { stdout } = await run("ps", ["-o", "stat=", "-p", String(pid)]);
    return stdout.trim() !== "" && !stdout.trim().startsWith("Z");
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

/** Polls `condition` (async) every 100 ms until it holds; false after 10 s. */
async function within10s(condition: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return true;
    await new Promise((settle) => setTimeout(settle, 100));
  }
  return condition();
}

/** Starts the CLI and resolves with its URL once it prints it; collects everything it prints. */
async function launch(
  args: string[],
  command: string[] = [process.execPath, CLI],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI_EMULATOR_FAULTS: "" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
    const check = (): void => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on("data", check);
    child.once("exit", () => reject(new Error(`exited early: ${output}`)));
  });
  return { child, url, output: () => output };
}

/** Waits until `condition` holds, polling the child's output as it arrives; fails after 10 s. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) {
    await new Promise((settle) => setTimeout(settle, 50));
  }
  assert.ok(condition(), "condition never held");
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return child.exitCode;
  }
  const exited = once(child, "exit");
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

describe("emulator CLI", () => {
  describe("arguments", () => {
    it("defaults to port 9000 on 127.0.0.1 with no state file", () => {
      const { options, quiet } = parseCliArgs([]);
      assert.deepEqual([options.port, options.host, options.stateFile, quiet], [DEFAULT_CLI_PORT, undefined, undefined, false]);
      assert.equal(DEFAULT_CLI_PORT, 9000);
    });

    it("reads port, host, seed, state file, faults and quiet", () => {
      const { options, quiet } = parseCliArgs([
        "--port",
        "0",
        "--host",
        "::1",
        "--seed",
        "7",
        "--state-file",
        "s.json",
        "--faults",
        "503=0.5",
        "--quiet",
      ]);
      assert.deepEqual(
        [options.port, options.host, options.seed, options.stateFile, options.faults, quiet],
        [0, "::1", 7, "s.json", { errorRates: { "503": 0.5 } }, true],
      );
    });

    it("refuses a port that is not a number, an unknown flag, a bad fault spec and a bad --fail-jobs pattern", () => {
      assert.throws(() => parseCliArgs(["--port", "http"]), /--port/);
      assert.throws(() => parseCliArgs(["--verbose"]), /verbose/);
      assert.throws(() => parseCliArgs(["--faults", "503=2"]), /from 0 to 1/);
      assert.throws(() => parseCliArgs(["--fail-jobs", "("]), /--fail-jobs must be a regular expression/);
    });

    it("turns --fail-jobs into a life-cycle rule failing the jobs whose name matches", () => {
      const { options } = parseCliArgs(["--fail-jobs", "^nightly-"]);
      const [rule] = options.lifecycle?.rules ?? [];
      assert.ok(rule.name instanceof RegExp && rule.name.test("nightly-1") && !rule.name.test("daily"));
      assert.deepEqual(rule.fail, {});
    });
  });

  describe("job timing", () => {
    let emulator: RunningEmulator | undefined;
    let clock: ManualClock;

    afterEach(async () => {
      await emulator?.close();
      emulator = undefined;
    });

    /** Starts an emulator in this process with the options the CLI makes of `argv`, on a manual clock. */
    async function startWith(argv: string[]): Promise<RunningEmulator> {
      clock = new ManualClock();
      emulator = await startEmulator({ ...parseCliArgs(argv).options, port: 0, clock: clock.read });
      return emulator;
    }

    /** Triggers a job named `name` and returns the state each of `reads` queries saw, one per step of `stepMs`. */
    async function statesSeen(running: RunningEmulator, name: string, reads: number, stepMs: number): Promise<string[]> {
      const jobId = (await triggerJob(running, workflowTrigger(name, DEMO_WORKFLOW_ID))).JobId as string;
      const seen: string[] = [];
      for (let read = 0; read < reads; read += 1) {
        seen.push((await describeJob(running, jobId)).xml.Response.JobsDetail[0].State as string);
        clock.tick(stepMs);
      }
      return seen;
    }

    it("keeps jobs Submitted for --submitted-seconds and Running for --running-seconds however often they are read, then Success", async () => {
      const running = await startWith(["--submitted-seconds", "60", "--running-seconds", "600"]);

      // One read a minute: 0-59 s Submitted, 60-659 s Running, from 660 s Success.
      const seen = await statesSeen(running, "timed", 13, 60_000);

      assert.deepEqual(seen, ["Submitted", ...Array<string>(10).fill("Running"), "Success", "Success"]);
    });

    it("keeps the default of a state whose time is not given: with only --running-seconds, one read moves a job on to Running", async () => {
      const running = await startWith(["--running-seconds", "600"]);

      const seen = await statesSeen(running, "half-timed", 4, 0);

      assert.deepEqual(seen, ["Submitted", "Running", "Running", "Running"]);
    });

    it("fails the jobs --fail-jobs names at the end of --running-seconds, and lets the others succeed on the same timing", async () => {
      const running = await startWith(["--submitted-seconds", "0", "--running-seconds", "30", "--fail-jobs", "^nightly-"]);

      const failing = await statesSeen(running, "nightly-1", 3, 20_000);
      const passing = await statesSeen(running, "daily-1", 3, 20_000);

      assert.deepEqual(failing, ["Running", "Running", "Failed"]);
      assert.deepEqual(passing, ["Running", "Running", "Success"]);
    });

    it("refuses a job time that is not a non-negative number of seconds, naming the option", () => {
      assert.throws(() => parseCliArgs(["--submitted-seconds=-1"]), /--submitted-seconds must be a non-negative number of seconds/);
      assert.throws(() => parseCliArgs(["--running-seconds", "10m"]), /--running-seconds must be a non-negative number of seconds/);
    });
  });

  describe("process", () => {
    const children: ChildProcess[] = [];
    /** Grandchildren a failing test may leave running; they would hold the output pipes open. */
    const strays: number[] = [];

    afterEach(async () => {
      for (const child of children.splice(0)) {
        await stop(child, "SIGKILL");
      }
      for (const pid of strays.splice(0)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone, as it should be.
        }
      }
    });

    it("prints its endpoint, the exact key pair and the stack config to paste, serves requests signed with it, logs them and stops on SIGTERM", async () => {
      const { child, url, output } = await launch(["--port", "0"]);
      children.push(child);
      await eventually(() => output().includes("export TENCENTCLOUD_SECRET_KEY="));
      for (const line of [
        `pulumi config set tencent-ci:endpoint ${url}`,
        `pulumi config set --secret tencent-ci:secretId ${DEMO_CREDENTIALS.secretId}`,
        `pulumi config set --secret tencent-ci:secretKey ${DEMO_CREDENTIALS.secretKey}`,
        `export TENCENTCLOUD_CI_ENDPOINT=${url}`,
        `SecretKey ${DEMO_CREDENTIALS.secretKey}`,
      ]) {
        assert.ok(output().includes(line), `missing '${line}' in:\n${output()}`);
      }
      const host = new URL(url).host;
      const authorization = COS.getAuthorization({
        SecretId: DEMO_CREDENTIALS.secretId,
        SecretKey: DEMO_CREDENTIALS.secretKey,
        Method: "get",
        Pathname: "/inventorytriggerjob",
        Query: { size: "5" },
        Headers: { host },
      });
      const reply = await request(`${url}/inventorytriggerjob?size=5`, { headers: { authorization } });
      assert.equal(reply.statusCode, 200);
      await reply.body.text();
      await eventually(() => output().includes("GET /inventorytriggerjob?size=5 -> 200"));
      assert.equal(await stop(child, "SIGTERM"), 0);
      assert.match(output(), /stopped/);
    });

    it("prints the usage with the demo key pair and the known workflow on --help, and exits 0", async () => {
      const child = spawn(process.execPath, [CLI, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0);
      assert.match(text, /^Usage: tencent-ci-emulator/);
      for (const part of [
        "--port",
        "--fail-jobs",
        "--submitted-seconds",
        "--running-seconds",
        DEMO_CREDENTIALS.secretId,
        DEMO_CREDENTIALS.secretKey,
        DEMO_WORKFLOW_ID,
      ]) {
        assert.ok(text.includes(part), `--help does not mention ${part}`);
      }
    });

    it("exits when the shell that started it dies without passing a signal on", async () => {
      // `; true` keeps sh as the parent instead of letting it exec node, as `npx` does.
      const { child } = await launch([], ["sh", "-c", `"${process.execPath}" "${CLI}" --port 0 --quiet; true`]);
      children.push(child);
      const emulatorPid = (await descendants(child.pid as number)).at(0);
      assert.ok(emulatorPid !== undefined, "no emulator process under the shell");
      strays.push(emulatorPid);
      assert.ok(await alive(emulatorPid), "the emulator under the shell is not running");

      await stop(child, "SIGKILL");

      assert.ok(await within10s(async () => !(await alive(emulatorPid))), `emulator ${emulatorPid} still runs after its shell died`);
    });

    it("leaves no process behind when npx running it gets SIGTERM", async function () {
      this.timeout(60_000);
      const { child, url } = await launch(["--port", "0", "--quiet"], ["npx", "--no-install", "tencent-ci-emulator"]);
      children.push(child);
      const tree = await descendants(child.pid as number);
      strays.push(...tree);
      assert.ok(tree.length > 0, "npx started nothing");

      await stop(child, "SIGTERM");

      for (const pid of tree) {
        assert.ok(await within10s(async () => !(await alive(pid))), `process ${pid} started by npx still runs`);
      }
      await assert.rejects(request(url), "the port still answers");
    });

    it("prints no request lines with --quiet and stops on SIGINT", async () => {
      const { child, url, output } = await launch(["--port", "0", "--quiet"]);
      children.push(child);
      const reply = await request(`${url}/inventorytriggerjob`);
      assert.equal(reply.statusCode, 403);
      await reply.body.text();
      assert.equal(await stop(child, "SIGINT"), 0);
      assert.doesNotMatch(output(), /->/);
    });

    it("exits with status 2 and the usage on a bad argument", async () => {
      const child = spawn(process.execPath, [CLI, "--port", "x"], { stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      let errors = "";
      child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString("utf8")));
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 2);
      assert.match(errors, /Usage: tencent-ci-emulator/);
    });
  });
});
