/**
 * Packages as users get them: `npm pack` of a folder of this repository, and `npm install` of the
 * tarballs into a folder outside the checkout, where nothing resolves from the repository.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../../scripts/pulumiCli";

const run = promisify(execFile);

/** A tarball `npm pack` made. */
export interface PackedTarball {
  /** Absolute path of the .tgz. */
  file: string;
  /** Paths of the files it holds, relative to the package folder (without tar's `package/`). */
  files: Set<string>;
}

/** Runs `npm pack` in `folder` (prepack and postpack scripts included) and writes the tarball into `destination`. */
export async function npmPack(folder: string, destination: string): Promise<PackedTarball> {
  const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", destination], {
    cwd: folder,
    maxBuffer: 16 * 1024 * 1024,
  });
  const file = path.join(destination, stdout.trim().split("\n").pop() as string);
  const listing = await run("tar", ["-tzf", file], { maxBuffer: 16 * 1024 * 1024 });
  const files = new Set(
    listing.stdout
      .split("\n")
      .filter(Boolean)
      .map((entry) => entry.replace(/^package\//, "")),
  );
  return { file, files };
}

/**
 * `npm install` in `folder` of the given specs (none: what its package.json declares), as a user
 * types it: npm's default script handling, the cache first. Resolves to what npm printed.
 */
export async function npmInstall(folder: string, specs: readonly string[] = []): Promise<string> {
  const { stdout, stderr } = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs], {
    cwd: folder,
    maxBuffer: 16 * 1024 * 1024,
  });
  return `${stdout}\n${stderr}`;
}

/** The `@pulumi/pulumi` this repository pins, the one the engine tests install beside the package. */
export async function pinnedPulumiSdk(): Promise<string> {
  const manifest = JSON.parse(await fs.readFile(path.join(repoRoot, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return `@pulumi/pulumi@${manifest.devDependencies["@pulumi/pulumi"]}`;
}

/**
 * Points the dependency `name` of the package.json in `folder` at a tarball. A version of this
 * package that is being tested is not on the registry yet; the tarball is what the registry would serve.
 */
export async function dependOnTarball(folder: string, name: string, tarball: string): Promise<void> {
  const file = path.join(folder, "package.json");
  const manifest = JSON.parse(await fs.readFile(file, "utf8")) as { dependencies?: Record<string, string> };
  if (manifest.dependencies?.[name] === undefined) throw new Error(`${file} does not depend on ${name}`);
  manifest.dependencies[name] = `file:${tarball}`;
  await fs.writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
