import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";

const handlers = path.resolve(__dirname, "../../../provider/dynamic/handlers.js");

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
    setTimeout(() => process.exit(3), 5000);
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
