import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumiCli";

interface Manifest {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as Manifest;
const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const ciRun = readFileSync(path.join(repoRoot, ".ci", "run"), "utf8");

/**
 * The oldest version a `>=x[.y[.z]]` range admits, as [major, minor, patch]. The ranges read here
 * (`engines.node` of this package and of its dependencies) are all of that form; any other form
 * fails the test rather than being guessed at.
 */
function floorOf(range: string, where: string): [number, number, number] {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  assert.ok(match, `${where}: cannot read the range "${range}"; expected >=x.y.z`);
  return [Number(match[1]), Number(match.at(2) ?? 0), Number(match.at(3) ?? 0)];
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A shell array or scalar assigned in .ci/run, e.g. `newest_nodes=(22 24 26)`. */
function ciSetting(name: string): string[] {
  const match = new RegExp(`^${name}=\\(?([^)\\n]*)\\)?$`, "m").exec(ciRun);
  assert.ok(match, `.ci/run sets ${name}`);
  return match[1].trim().split(/\s+/);
}

/** The README's "Supported versions" table: one row per Node.js major, cells by column header. */
function supportTable(): { header: string[]; rows: Map<number, string[]> } {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Supported versions"));
  assert.ok(section, "README has a Supported versions section");
  const lines = section
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const header = lines[0];
  const rows = new Map<number, string[]>();
  for (const cells of lines.slice(2)) {
    const major = /^(\d+)\b/.exec(cells[0]);
    if (major) rows.set(Number(major[1]), cells);
  }
  return { header, rows };
}

describe("the versions the package declares", () => {
  it("engines.node admits no Node.js older than a runtime dependency needs", () => {
    const ours = floorOf(manifest.engines?.node ?? "", "package.json engines.node");
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const dependency = JSON.parse(readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")) as Manifest;
      const needed = dependency.engines?.node;
      if (needed === undefined) continue;
      const theirs = floorOf(needed, `${name} engines.node`);
      assert.ok(
        compareVersions(ours, theirs) >= 0,
        `engines.node ${String(manifest.engines?.node)} admits Node.js ${ours.join(".")}, older than ${name} needs (${needed})`,
      );
    }
  });

  it("the README's table marks as tested exactly the cells .ci/run runs", () => {
    const pinned = manifest.devDependencies?.["@pulumi/pulumi"] ?? "";
    const oldest = (manifest.peerDependencies?.["@pulumi/pulumi"] ?? "").replace(/^\^/, "");
    const [newest] = ciSetting("newest_pulumi");
    const newestNodes = ciSetting("newest_nodes").map(Number);
    const { header, rows } = supportTable();
    const column = (label: string) => {
      const index = header.findIndex((cell) => cell.includes(label));
      assert.ok(index > 0, `the table has a column for ${label}: ${header.join(" | ")}`);
      return index;
    };
    // The pinned pair runs on the Node.js of the machine, the lower bound of the peer range on Node.js 20.
    const expected = new Set([`20 ${column(`\`@pulumi/pulumi\` and CLI ${pinned}`)}`]);
    if (oldest !== pinned) expected.add(`20 ${column(`\`@pulumi/pulumi\` ${oldest}, CLI ${pinned}`)}`);
    for (const node of newestNodes) expected.add(`${node} ${column(`\`@pulumi/pulumi\` and CLI ${newest}`)}`);
    const marked = new Set<string>();
    for (const [node, cells] of rows) {
      cells.forEach((cell, index) => {
        if (index > 0 && cell.startsWith("**tested**")) marked.add(`${node} ${index}`);
      });
    }
    assert.deepEqual([...marked].sort(), [...expected].sort());
  });

  it("tells one TypeScript story: the minor the package builds with is the one every example declares and the quick start pins, below 7", () => {
    const pinned = /^[~^]?(\d+)\.(\d+)\.\d+$/.exec(manifest.devDependencies?.typescript ?? "");
    assert.ok(pinned, `devDependencies.typescript is ${String(manifest.devDependencies?.typescript)}, not a version`);
    const minor = `${pinned[1]}.${pinned[2]}`;
    assert.ok(Number(pinned[1]) < 7, "TypeScript 7 has no compiler API for ts-node");
    const examples = readdirSync(path.join(repoRoot, "examples"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const example of examples) {
      const file = path.join(repoRoot, "examples", example.name, "package.json");
      // A Pulumi YAML example has no package.json, and no TypeScript to declare.
      if (!existsSync(file)) continue;
      const declared = (JSON.parse(readFileSync(file, "utf8")) as Manifest).devDependencies?.typescript;
      if (declared === undefined) continue;
      assert.match(
        declared,
        new RegExp(`^[~^]${minor.replace(".", "\\.")}\\.\\d+$`),
        `examples/${example.name} declares typescript ${declared}`,
      );
    }
    const quickStart = readme.split(/^## /m).find((part) => part.startsWith("Quick start"));
    assert.ok(quickStart, "README has a Quick start section");
    assert.ok(quickStart.includes(`typescript@~${minor}.`), `the quick start does not pin typescript ${minor}`);
    const supported = readme.split(/^## /m).find((part) => part.startsWith("Supported versions")) ?? "";
    for (const [where, text] of [
      ["Quick start", quickStart],
      ["Supported versions", supported],
    ]) {
      assert.doesNotMatch(text, /keep `typescript@\^\d/, `${where} tells users to keep another TypeScript`);
      assert.ok(
        text.includes(`\`typescript\` stays at ${minor}`) || text.includes(`TypeScript ${minor}`),
        `${where} does not name TypeScript ${minor}`,
      );
    }
  });
});
