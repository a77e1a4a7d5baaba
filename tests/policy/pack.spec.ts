import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { policies } from "../../policy/policies";
import { repoRoot } from "../../scripts/pulumiCli";
import library = require("pulumi-tencent-ci/policy");

const policyDir = path.join(repoRoot, "policy");
const readme = readFileSync(path.join(policyDir, "README.md"), "utf8");

/** The parts of a package.json these tests read. */
interface Manifest {
  version: string;
  main: string;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

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

  it("runs the pack from policy/pack.js, inside the folder, so that npm pack of the folder ships it", () => {
    const manifest = readManifest(path.join(policyDir, "package.json"));
    assert.equal(manifest.main, "pack.js");
    assert.ok(manifest.files?.includes(manifest.main), "policy/package.json files must list its main");
    for (const file of manifest.files ?? [])
      assert.ok(existsSync(path.join(policyDir, file)), `policy/package.json files names ${file}, which is missing`);
  });

  it("declares every package pack.js requires, pulumi-tencent-ci at exactly this version, and the runner's @pulumi/pulumi", () => {
    const manifest = readManifest(path.join(policyDir, "package.json"));
    const root = readManifest(path.join(repoRoot, "package.json"));
    const required = Array.from(
      readFileSync(path.join(policyDir, "pack.js"), "utf8").matchAll(/require\("((?:@[^/"]+\/)?[^/"]+)[^"]*"\)/g),
      (m) => m[1],
    );
    assert.deepEqual([...new Set(required)].sort(), ["@pulumi/policy", "pulumi-tencent-ci"]);
    // The version is the pack's: PolicyPack reads it from this package.json and `pulumi policy publish` files the pack under it.
    assert.equal(manifest.version, root.version);
    assert.deepEqual(manifest.dependencies, {
      "@pulumi/policy": root.dependencies?.["@pulumi/policy"],
      "@pulumi/pulumi": root.peerDependencies?.["@pulumi/pulumi"],
      "pulumi-tencent-ci": root.version,
    });
  });

  it("ships the pack folder inside the package too, so node_modules/pulumi-tencent-ci/policy runs with nothing more to install", () => {
    const root = readManifest(path.join(repoRoot, "package.json"));
    for (const shipped of ["dist/policy/", "policy/PulumiPolicy.yaml", "policy/package.json", "policy/pack.js"]) {
      assert.ok(root.files?.includes(shipped), `${shipped} is not in package.json files`);
    }
    assert.ok(root.dependencies?.["@pulumi/policy"], "@pulumi/policy must be a dependency of the package");
  });

  it("exports the policies as pulumi-tencent-ci/policy, the compiled library pack.js builds the pack from", () => {
    assert.ok(existsSync(path.join(repoRoot, "dist", "policy", "index.js")), "the policies are not built: run npm run build");
    assert.equal(require.resolve("pulumi-tencent-ci/policy"), path.join(repoRoot, "dist", "policy", "index.js"));
    assert.equal(library.PACK_NAME, "tencent-ci-jobs");
    assert.deepEqual(
      library.policies.map((policy) => policy.name),
      policies.map((policy) => policy.name),
    );
  });
});
