import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumiCli";

/** The packages this project publishes: the only names a documented command may fetch from a registry. */
const OWNED_PACKAGES = new Set(["pulumi-tencent-ci"]);

/** Folders that hold other projects' files or build output, not this project's documents. */
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", ".tools", ".git"]);

/** A documented command that would fetch a package this project does not own. */
interface ForeignFetch {
  file: string;
  line: number;
  command: string;
  /** The package npm would look up in the registry. */
  packageName: string;
}

/** `npx`, `npm exec` and `npm x`, each followed by its arguments up to the end of the shell command or code span. */
const LAUNCHER = /(?:^|[\s`(;&|])(npx|npm\s+(?:exec|x))((?:[ \t]+[^\s`;&|)]+)*)/g;

/** `name`, `name@range`, `@scope/name@range` → the package name. */
function packageName(spec: string): string {
  const at = spec.indexOf("@", spec.startsWith("@") ? 1 : 0);
  return at === -1 ? spec : spec.slice(0, at);
}

/**
 * The packages a launcher's arguments make npm resolve, or none when they forbid fetching. Without
 * `--package`, npm takes the first positional argument as the package to run; with it, the
 * positional is a bin of the packages named there.
 */
function packagesResolved(args: string[]): string[] {
  const named: string[] = [];
  let firstPositional: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--") break;
    if (arg === "--no" || arg === "--no-install" || arg === "--yes=false") return [];
    if (arg.startsWith("--package=")) named.push(arg.slice("--package=".length));
    else if (arg === "--package" || arg === "-p") named.push(args[(index += 1)] ?? "");
    else if (arg.startsWith("-")) continue;
    else {
      firstPositional = arg;
      break;
    }
  }
  if (named.length > 0) return named.map(packageName);
  return firstPositional === undefined ? [] : [packageName(firstPositional)];
}

/**
 * The code of each line of a Markdown text: whole lines inside fenced blocks and lines indented as
 * code blocks, inline code spans elsewhere. Prose is left out, so that a sentence about npx is not read as a command.
 */
function codeByLine(text: string): { line: number; code: string }[] {
  let fenced = false;
  return text.split("\n").flatMap((lineText, index) => {
    if (/^\s*(```|~~~)/.test(lineText)) {
      fenced = !fenced;
      return [];
    }
    const spans = fenced || /^( {4}|\t)/.test(lineText) ? [lineText] : Array.from(lineText.matchAll(/`([^`]+)`/g), (span) => span[1]);
    return spans.map((code) => ({ line: index + 1, code }));
  });
}

/** Every command in the code of `text` that would fetch a package not in {@link OWNED_PACKAGES}. */
function foreignFetches(file: string, text: string): ForeignFetch[] {
  const found: ForeignFetch[] = [];
  for (const { line, code } of codeByLine(text)) {
    for (const match of code.matchAll(LAUNCHER)) {
      const args = match[2].trim().split(/\s+/).filter(Boolean);
      for (const name of packagesResolved(args)) {
        if (!OWNED_PACKAGES.has(name)) found.push({ file, line, command: `${match[1]} ${args.join(" ")}`.trim(), packageName: name });
      }
    }
  }
  return found;
}

/** The Markdown files of the repository, relative to its root. */
function markdownFiles(dir = repoRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : markdownFiles(full);
    return entry.isFile() && entry.name.endsWith(".md") ? [path.relative(repoRoot, full)] : [];
  });
}

describe("commands in the documentation", () => {
  describe("the check for packages fetched by npx", () => {
    it("flags a bare npx of a bin, which npx resolves as a registry package of that name", () => {
      const found = foreignFetches("README.md", "Start it:\n\n    npx tencent-ci-emulator --port 9000 &\n");

      assert.deepEqual(found, [
        { file: "README.md", line: 3, command: "npx tencent-ci-emulator --port 9000", packageName: "tencent-ci-emulator" },
      ]);
    });

    it("flags npm exec and npm x the same way, and a --package naming someone else's package", () => {
      const text = "`npm exec mocha -- x.spec.js`; `npm x @scope/tool@2 --help`; `npx -p left-pad@1 tencent-ci-emulator`";

      assert.deepEqual(
        foreignFetches("a.md", text).map((fetch) => fetch.packageName),
        ["mocha", "@scope/tool", "left-pad"],
      );
    });

    it("accepts a bin run from the package we publish, npx told never to fetch, and prose about npx", () => {
      const text = [
        "```sh",
        "npx --package=pulumi-tencent-ci tencent-ci-emulator --port 9000",
        "npm exec --package pulumi-tencent-ci@0.1.0 -- tencent-ci-emulator --help",
        "npx pulumi-tencent-ci@latest",
        "```",
        "`npx --no-install mocha dist/tests/x.spec.js`; npx looks packages up by name",
      ].join("\n");

      assert.deepEqual(foreignFetches("a.md", text), []);
    });
  });

  it("never has npx, npm exec or npm x fetch a package this project does not publish, in any Markdown file of the repository", () => {
    const files = markdownFiles();
    assert.ok(
      files.includes("README.md") && files.includes(path.join("examples", "gitops", "README.md")),
      `found only ${files.join(", ")}`,
    );

    const found = files.flatMap((file) => foreignFetches(file, readFileSync(path.join(repoRoot, file), "utf8")));

    assert.deepEqual(
      found.map((fetch) => `${fetch.file}:${fetch.line}: \`${fetch.command}\` would fetch ${fetch.packageName} from the registry`),
      [],
      "use `npx --package=pulumi-tencent-ci <bin>` for a bin of this package, or `npx --no-install <bin>` for a local one",
    );
  });
});
