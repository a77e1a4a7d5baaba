import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { policies } from "../../policy/policies";
import { repoRoot } from "../../scripts/pulumiCli";

const policyDir = path.join(repoRoot, "policy");
const readme = readFileSync(path.join(policyDir, "README.md"), "utf8");

describe("the tencent-ci-jobs policy pack", () => {
  it("gives every policy a unique kebab-case name, a description and a default level", () => {
    const names = policies.map((policy) => policy.name);
    assert.equal(new Set(names).size, names.length);
    for (const policy of policies) {
      assert.match(policy.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(policy.description.length > 20, `${policy.name} needs a description`);
      assert.ok(["advisory", "mandatory"].includes(policy.enforcementLevel ?? ""), `${policy.name} needs a default level`);
    }
  });

  it("holds the policies the pipeline gates rely on", () => {
    assert.deepEqual(policies.map((policy) => policy.name).sort(), [
      "callback-https",
      "input-single-source",
      "job-level-max",
      "job-name-valid",
      "max-jobs-per-stack",
      "no-credentials-in-inputs",
      "output-bucket-allowed",
      "queue-allowed",
      "template-allowed",
      "time-interval-valid",
      "wait-timeout-bounded",
      "workflow-allowed",
    ]);
  });

  it("documents each policy in the README table with its default level", () => {
    for (const policy of policies) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${policy.name}\``));
      assert.ok(row, `README lacks a row for ${policy.name}`);
      assert.ok(row.includes(policy.enforcementLevel ?? ""), `README row of ${policy.name} should name ${String(policy.enforcementLevel)}`);
      for (const setting of Object.keys(policy.configSchema?.properties ?? {})) {
        assert.ok(row.includes(`\`${setting}\``), `README row of ${policy.name} should name its setting ${setting}`);
      }
    }
  });

  it("ships an example configuration whose every setting a policy declares, with the declared type", () => {
    const example = JSON.parse(readFileSync(path.join(policyDir, "config.example.json"), "utf8")) as Record<
      string,
      Record<string, unknown>
    >;
    for (const [name, settings] of Object.entries(example)) {
      const policy = policies.find((p) => p.name === name);
      assert.ok(policy, `config.example.json names an unknown policy ${name}`);
      for (const [key, value] of Object.entries(settings)) {
        if (key === "enforcementLevel") continue;
        const schema = policy.configSchema?.properties[key];
        assert.ok(schema, `${name} has no setting ${key}`);
        const type = Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
        assert.ok(
          schema.type === type || (schema.type === "number" && type === "integer"),
          `${name}.${key} should be ${String(schema.type)}`,
        );
      }
    }
  });

  it("points the CLI at the compiled pack through policy/package.json", () => {
    const manifest = JSON.parse(readFileSync(path.join(policyDir, "package.json"), "utf8")) as {
      main: string;
      version: string;
      dependencies?: Record<string, string>;
    };
    assert.equal(path.resolve(policyDir, manifest.main), path.join(repoRoot, "dist", "policy", "index.js"));
    assert.ok(existsSync(path.resolve(policyDir, manifest.main)), "the pack is not built: run npm run build");
    assert.ok(manifest.version, "PolicyPack reads the version from package.json");
  });

  it("takes @pulumi/policy from the package's own dependencies, so the pack runs from node_modules with nothing more to install", () => {
    const pack = JSON.parse(readFileSync(path.join(policyDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    const root = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      files: string[];
    };
    // Dependencies of policy/package.json would only be installed by an npm install inside it,
    // which would put a second @pulumi/pulumi beside the user's.
    assert.equal(pack.dependencies, undefined);
    assert.ok(root.dependencies["@pulumi/policy"], "@pulumi/policy must be a dependency of the package");
    for (const shipped of ["dist/policy/", "policy/PulumiPolicy.yaml", "policy/package.json"]) {
      assert.ok(root.files.includes(shipped), `${shipped} is not in package.json files`);
    }
  });
});
