import { strict as assert } from "node:assert";
import * as path from "node:path";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../emulator";
import { ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";
import { assertSucceeded } from "./support/jobStack";

const EXAMPLES = ["workflow-trigger", "transcode-job", "gitops"];

describe("the examples under the Pulumi CLI with the policy pack", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;

  before(async function () {
    this.timeout(30 * 60_000);
    await ensurePulumi();
    emulator = await startEmulator({ credentials: [{ ...DEMO_CREDENTIALS }] });
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed
  after(async () => emulator?.close());

  for (const example of EXAMPLES) {
    it(`${example} deploys, passes the policy pack, triggers its jobs and destroys cleanly`, async () => {
      const project = await PulumiProject.create(path.join(repoRoot, "examples", example));
      try {
        await project.stackInit("dev");
        await project.setConfig("tencent-ci:endpoint", emulator.url);
        await project.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
        await project.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });
        const before = emulator.backend.jobs().length;

        assertSucceeded(await project.up(["--policy-pack", path.join(repoRoot, "policy")]));

        const jobs = ((await project.exportStack()).deployment.resources ?? []).filter((r) => r.type.endsWith(":InventoryTriggerJob"));
        assert.ok(jobs.length > 0);
        assert.equal(emulator.backend.jobs().length - before, jobs.length);
        for (const job of jobs) assert.ok(emulator.backend.job(job.id as string), `job ${String(job.id)} exists upstream`);
        assertSucceeded(await project.destroy());
      } finally {
        await project.cleanup();
      }
    });
  }
});
