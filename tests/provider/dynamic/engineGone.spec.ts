import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { WATCH_INTERVAL_ENV_VAR, watchParentProcess } from "../../../provider/dynamic/engineLiveness";

const handlers = path.resolve(__dirname, "../../../provider/dynamic/providerProcess.js");

/**
 * How long a provider that closed its stderr, or lost its engine, is watched for an exit it must
 * not make on its own.
 */
const EXIT_WINDOW_MS = 1_500;
/** The provider's watch interval in these tests, so that its exit comes well inside the window. */
const WATCH_INTERVAL_MS = 100;

/**
 * Runs a process like the dynamic provider's: an uncaught-error handler that reports to stderr (as
 * @pulumi/pulumi's cmd/dynamic-provider installs) and progress lines; then closes its stderr, as a
 * killed engine does. Without help such a process never dies: each failed write is an uncaught
 * error whose report fails again.
 */
function runWithClosedStderr(configure: boolean): Promise<number | null> {
  const script = `
    process.on("uncaughtException", (err) => console.error(err.stack));
    const h = require(${JSON.stringify(handlers)});
    ${configure ? "h.configure({ get: () => undefined });" : ""}
    setInterval(() => console.error("[tencent-ci] progress"), 20);
    setTimeout(() => process.exit(3), ${EXIT_WINDOW_MS});
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.once("data", () => child.stderr.destroy());
    child.on("exit", (code) => resolve(code));
  });
}

describe("the provider process once the engine is gone", function () {
  this.timeout(20_000);

  it("exits when its stderr closes instead of spinning on the failed writes", async () => {
    assert.equal(await runWithClosedStderr(true), 1);
  });

  it("is what keeps an unconfigured process alive, so the exit above is the provider's doing", async () => {
    assert.equal(await runWithClosedStderr(false), 3);
  });
});

/**
 * Starts a provider-like process as the grandchild of this test, its parent standing in for the
 * engine, with its stderr ignored so no failed write can end it. It holds a connection to a server
 * that never answers, as a provider waiting on a black-hole endpoint does.
 */
async function providerUnderFakeEngine(configure: boolean): Promise<{ providerPid: number; killEngine: () => void }> {
  const provider = `
    const h = require(${JSON.stringify(handlers)});
    ${configure ? "h.configure({ get: () => undefined });" : ""}
    const net = require("node:net");
    const server = net.createServer(() => {}).listen(0, "127.0.0.1", () => {
      net.connect(server.address().port, "127.0.0.1", () => process.stdout.write("ready"));
    });
    setTimeout(() => process.exit(3), 60000);
  `;
  const engine = `
    const { spawn } = require("node:child_process");
    const child = spawn(process.execPath, ["-e", ${JSON.stringify(provider)}], { stdio: ["ignore", "pipe", "ignore"] });
    // Reported once the provider is configured and waiting, as the engine's own providers are.
    child.stdout.once("data", () => console.log(child.pid));
    setInterval(() => {}, 1000);
  `;
  const env = { ...process.env, [WATCH_INTERVAL_ENV_VAR]: String(WATCH_INTERVAL_MS) };
  const parent = spawn(process.execPath, ["-e", engine], { stdio: ["ignore", "pipe", "ignore"], env });
  const [line] = (await once(parent.stdout, "data")) as [Buffer];
  return { providerPid: Number(line.toString().trim()), killEngine: () => parent.kill("SIGKILL") };
}

/**
 * Whether the process still runs. An orphan that exited stays a zombie until its new parent reaps
 * it, which some init processes do only every second or so; where /proc tells, a zombie is gone.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return true;
  }
  // The state follows the command name, which is in parentheses and may itself hold some.
  return stat.charAt(stat.lastIndexOf(")") + 2) !== "Z";
}

/** Polls until the process is gone or `withinMs` passed; returns whether it is gone. */
async function goneWithin(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !isAlive(pid);
}

describe("the provider process whose engine was killed while a request hangs", function () {
  this.timeout(30_000);

  it("exits on its own, its stderr never written to", async () => {
    const { providerPid, killEngine } = await providerUnderFakeEngine(true);
    killEngine();
    const gone = await goneWithin(providerPid, 10_000);
    if (!gone) process.kill(providerPid, "SIGKILL");
    assert.ok(gone, "the orphaned provider is still running");
  });

  it("lives on without the watch, so the exit above is the provider's doing", async () => {
    const { providerPid, killEngine } = await providerUnderFakeEngine(false);
    killEngine();
    const gone = await goneWithin(providerPid, EXIT_WINDOW_MS);
    if (!gone) process.kill(providerPid, "SIGKILL");
    assert.equal(gone, false);
  });
});

describe("watchParentProcess", () => {
  it("reports the engine gone once the parent pid changes, and only once", async () => {
    let parent = 4242;
    const reasons: string[] = [];
    const watch = watchParentProcess({
      intervalMs: 5,
      onGone: (why) => reasons.push(why),
      probe: { parentPid: () => parent, isAlive: () => true },
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(reasons, []);
    parent = 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    watch.stop();
    assert.equal(reasons.length, 1);
    assert.match(reasons[0], /parent 4242 is gone/);
  });

  it("reports the engine gone when the parent no longer exists though the pid did not change", async () => {
    const reasons: string[] = [];
    const watch = watchParentProcess({
      intervalMs: 5,
      onGone: (why) => reasons.push(why),
      probe: { parentPid: () => 4242, isAlive: () => false },
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    watch.stop();
    assert.deepEqual(reasons, ["its parent 4242 no longer exists"]);
  });
});
