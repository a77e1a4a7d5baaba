import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import COS = require("cos-nodejs-sdk-v5");
import { request } from "undici";
import { DEMO_CREDENTIALS } from "../../emulator";
import { DEFAULT_CLI_PORT, parseCliArgs } from "../../emulator/cli";

const CLI = resolve(__dirname, "..", "..", "emulator", "cli.js");

/** Starts the CLI and resolves with its URL once it prints it; collects everything it prints. */
async function launch(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI_EMULATOR_FAULTS: "" } });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
    const check = (): void => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on("data", check);
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
  if (child.exitCode !== null) {
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
        "--port", "0", "--host", "::1", "--seed", "7", "--state-file", "s.json", "--faults", "503=0.5", "--quiet",
      ]);
      assert.deepEqual(
        [options.port, options.host, options.seed, options.stateFile, options.faults, quiet],
        [0, "::1", 7, "s.json", { errorRates: { "503": 0.5 } }, true],
      );
    });

    it("refuses a port that is not a number, an unknown flag and a bad fault spec", () => {
      assert.throws(() => parseCliArgs(["--port", "http"]), /--port/);
      assert.throws(() => parseCliArgs(["--verbose"]), /verbose/);
      assert.throws(() => parseCliArgs(["--faults", "503=2"]), /from 0 to 1/);
    });
  });

  describe("process", () => {
    const children: ChildProcess[] = [];

    afterEach(async () => {
      for (const child of children.splice(0)) {
        await stop(child, "SIGKILL");
      }
    });

    it("prints its URL and the demo secretId but never the secret key, serves signed requests, logs them and stops on SIGTERM", async () => {
      const { child, url, output } = await launch(["--port", "0"]);
      children.push(child);
      await eventually(() => output().includes(DEMO_CREDENTIALS.secretId));
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
      await eventually(() => /GET \/inventorytriggerjob\?size=5 -> 200/.test(output()));
      assert.equal(await stop(child, "SIGTERM"), 0);
      assert.doesNotMatch(output(), new RegExp(DEMO_CREDENTIALS.secretKey));
      assert.match(output(), /stopped/);
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
