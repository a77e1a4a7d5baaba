import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { ensurePulumi } from "../../scripts/pulumiCli";
import { killCli, killLeftovers, startInBackground, type ProcessInfo } from "./support/faultHelpers";
import { JobStack, workflowArgs } from "./support/jobStack";
import { startBlackHole } from "../support/deadEndpoints";

/** The environment variable that marks the processes of this test; other suites run beside it. */
const MARKER = "TENCENT_CI_ENGINE_GONE_TEST";

/** Live dynamic-provider processes carrying `MARKER=marker` in their environment (Linux /proc). */
function markedProviders(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!cmdline.includes("dynamic-provider")) continue;
      const environ = readFileSync(`/proc/${name}/environ`, "utf8").split("\0");
      // A zombie has an empty environment: it is dead, only not yet reaped.
      if (environ.includes(`${MARKER}=${marker}`)) found.push(Number(name));
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return found;
}

describe("the dynamic provider when its CLI is killed mid-request", function () {
  this.timeout(240_000);

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
  });

  it("a CLI SIGKILLed while the provider waits on a black-hole endpoint leaves no provider process after 10 s", async () => {
    const marker = randomUUID();
    const hole = await startBlackHole();
    const stack = await JobStack.create({}, { [MARKER]: marker });
    let plugins: ProcessInfo[] = [];
    try {
      await stack.project.setConfig("tencent-ci:endpoint", hole.url);
      await stack.setJobs([{ resource: "stuck", args: workflowArgs("stuck/") }]);
      const up = startInBackground(stack.project, ["up", "--yes", "--skip-preview", "--non-interactive"]);
      await Promise.race([hole.connected, up.exited.then(() => assert.fail(`pulumi exited before calling the endpoint:\n${up.output()}`))]);
      const before = markedProviders(marker);
      assert.ok(before.length > 0, "the provider of this test was found while its request hung");

      plugins = killCli(up);
      await up.exited;
      await new Promise((resolve) => setTimeout(resolve, 10_000));

      assert.deepEqual(markedProviders(marker), [], "a dynamic-provider process outlived its engine by 10 s");
    } finally {
      // The language host lingers until its own health check of the engine fails; it is this test's to end.
      killLeftovers(plugins);
      await hole.close();
      await stack.project.cleanup();
      await stack.emulator.close();
    }
  });
});
