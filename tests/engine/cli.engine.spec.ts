import assert from "node:assert/strict";
import * as path from "node:path";
import { CommandResult, ensurePulumi, PulumiProject, repoRoot } from "../../scripts/pulumiCli";

const fixtures = path.join(repoRoot, "tests", "engine", "fixtures");
const policyPack = path.join(fixtures, "policy-pack");
const itemType = "pulumi-nodejs:dynamic:Resource";

function succeeded(result: CommandResult): void {
  assert.equal(result.code, 0, `pulumi failed:\n${result.stdout}\n${result.stderr}`);
}

describe("the Pulumi CLI and Node language host built by scripts/ensure-pulumi", function () {
  this.timeout(120_000);

  before(async function () {
    // The first run on a machine compiles the CLI with Go: minutes, not seconds.
    this.timeout(30 * 60_000);
    await ensurePulumi();
  });

  describe("a program declaring one dynamic resource", () => {
    let project: PulumiProject;

    before(async () => {
      project = await PulumiProject.create(path.join(fixtures, "dynamic-resource"));
      await project.stackInit();
    });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed
    after(async () => project?.cleanup());

    it("pulumi up creates the resource with the id and outputs its provider returned", async () => {
      succeeded(await project.up());

      assert.deepEqual(await project.stackOutputs(), { itemId: "item-fixture", greeting: "hello fixture" });
      const items = (await project.exportStack()).deployment.resources?.filter((r) => r.type === itemType) ?? [];
      assert.deepEqual(
        items.map((r) => r.id),
        ["item-fixture"],
      );
    });

    it("pulumi preview right after up reports no changes", async () => {
      succeeded(await project.preview(["--expect-no-changes"]));
    });

    it("pulumi destroy removes the resource from the stack", async () => {
      succeeded(await project.destroy());

      const resources = (await project.exportStack()).deployment.resources ?? [];
      assert.deepEqual(resources, []);
    });

    it("an error thrown by the program fails the update with the program's message", async () => {
      await project.setConfig("failWith", "fixture program gave up");

      const result = await project.up();

      assert.notEqual(result.code, 0);
      assert.match(result.stdout + result.stderr, /fixture program gave up/);
    });
  });

  describe("a policy pack given with --policy-pack", () => {
    let project: PulumiProject;

    before(async () => {
      project = await PulumiProject.create(path.join(fixtures, "dynamic-resource"));
      await project.stackInit();
    });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the before hook failed
    after(async () => project?.cleanup());

    it("lets pulumi preview pass when no resource breaks a policy", async () => {
      const result = await project.preview(["--policy-pack", policyPack]);

      succeeded(result);
      assert.match(result.stdout, /engine-fixture-policies/);
    });

    it("fails pulumi preview naming the policy a resource breaks", async () => {
      await project.setConfig("itemName", "forbidden-item");

      const result = await project.preview(["--policy-pack", policyPack]);

      assert.notEqual(result.code, 0);
      assert.match(result.stdout, /\[mandatory\]\s+item-name-not-forbidden/);
      assert.match(result.stdout, /item name 'forbidden-item' starts with 'forbidden'/);
    });
  });
});
