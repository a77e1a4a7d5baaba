/**
 * The size of the serialized dynamic provider (`__provider`) that every InventoryTriggerJob carries
 * in state, in the two ways the package can be resolved:
 *
 * - linked: inside this repository `node_modules/pulumi-tencent-ci` is a link to the checkout, the
 *   serializer does not see a module under node_modules and stores the provider object by value;
 * - installed: a project that installed the packed package, as users do, where the provider is a
 *   whole module of an installed package and is stored as one `require`.
 *
 * The installed measurement packs the repository (`npm pack`, of an existing build), installs the
 * tarball with the pinned @pulumi/pulumi into a temporary project outside the repository, and runs
 * the same fixture program there.
 */
import { execFile } from "node:child_process";
import { promises as fs, realpathSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { PulumiProject, repoRoot, type StackExport } from "../../scripts/pulumiCli";
import { median } from "../stats";
import { copyFixture, ScaleStack } from "./scaleStack";

/** How a provider is stored in state. */
export interface ProviderFootprint {
  /** Resources of the type found in the state. */
  resources: number;
  /** Bytes (UTF-8) of one `__provider` value. */
  providerBytes: number;
  /** Bytes of `__provider` per resource in state: it is kept in the inputs and in the outputs. */
  providerBytesPerResource: number;
  /** Bytes of a resource's whole entry in the exported state (compact JSON). */
  entryBytesPerResource: number;
  /** `by value` (the functions' source) or `require` (a reference to an installed module). */
  form: "by value" | "require";
}

/** The footprint of the dynamic resources of `type` in an exported state. */
export function providerFootprint(exported: StackExport, type: string): ProviderFootprint {
  const resources = (exported.deployment.resources ?? []).filter((resource) => resource.type === type);
  if (resources.length === 0) throw new Error(`no resource of type ${type} in the state`);
  const bytes = (value: unknown) => (typeof value === "string" ? Buffer.byteLength(value, "utf8") : 0);
  const stored = resources[0].outputs?.__provider ?? resources[0].inputs?.__provider;
  const sample = typeof stored === "string" ? stored : "";
  return {
    resources: resources.length,
    providerBytes: median(resources.map((resource) => bytes(resource.outputs?.__provider ?? resource.inputs?.__provider))),
    providerBytesPerResource: median(resources.map((resource) => bytes(resource.inputs?.__provider) + bytes(resource.outputs?.__provider))),
    entryBytesPerResource: median(resources.map((resource) => Buffer.byteLength(JSON.stringify(resource), "utf8"))),
    // A provider stored by value holds its methods' source; a stored module reference only requires it.
    form: sample.includes("function /*create*/") ? "by value" : "require",
  };
}

/** What {@link measureInstalled} found. */
export interface InstalledFootprint extends ProviderFootprint {
  /** Where `pulumi-tencent-ci` resolved from in the temporary project. */
  resolvedFrom: string;
  /** Size of the packed package, bytes. */
  tarballBytes: number;
}

/** Settings of {@link measureInstalled}. */
export interface InstalledOptions {
  resources: number;
  log: (line: string) => void;
  /** Milliseconds allowed for `npm install`; default 5 minutes. */
  installTimeoutMs?: number;
}

/**
 * Packs the repository, installs the package into a temporary project outside it, deploys the
 * fixture's jobs there, reads their provider from the state, and destroys and removes everything.
 */
export async function measureInstalled(emulator: RunningEmulator, type: string, options: InstalledOptions): Promise<InstalledFootprint> {
  const { log } = options;
  // The folder's path must not contain the package's name: @pulumi/pulumi 3.248.0 finds an installed
  // package's package.json at the first occurrence of its name in the resolved path, and with an
  // earlier one it misses the package's `exports` and stores a `require` of an unexported file.
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), "scale-bench-installed-"));
  let stack: ScaleStack | undefined;
  try {
    const packed = await exec("npm", ["pack", "--ignore-scripts", "--pack-destination", temp], repoRoot, 120_000);
    const tarball = path.join(temp, packed.trim().split("\n").pop() ?? "");
    const tarballBytes = (await fs.stat(tarball)).size;
    // Named after the temporary folder: the stack's backend under .tools/ is named after the program's folder.
    const program = path.join(temp, path.basename(temp));
    await copyFixture(program);
    const pulumiVersion = (
      JSON.parse(await fs.readFile(path.join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
    ).devDependencies["@pulumi/pulumi"];
    log(`installed: npm install ${path.basename(tarball)} @pulumi/pulumi@${pulumiVersion} in ${program}`);
    await exec(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, `@pulumi/pulumi@${pulumiVersion}`],
      program,
      options.installTimeoutMs ?? 300_000,
    );
    const resolvedFrom = realpathSync(path.join(program, "node_modules", "pulumi-tencent-ci"));
    if (!path.relative(repoRoot, resolvedFrom).startsWith("..")) {
      throw new Error(`pulumi-tencent-ci resolved to ${resolvedFrom}, inside the repository`);
    }
    stack = await ScaleStack.create("jobs", emulator, await PulumiProject.inPlace(program));
    await stack.setCount(options.resources);
    log(`installed: up of ${options.resources} jobs`);
    await stack.run("up");
    const footprint = providerFootprint(await stack.exportStack(), type);
    return { ...footprint, resolvedFrom, tarballBytes };
  } finally {
    await stack?.close().catch((error: unknown) => log(`cleanup of the installed stack failed: ${String(error)}`));
    emulator.backend.reset();
    await fs.rm(temp, { recursive: true, force: true });
  }
}

function exec(command: string, args: string[], cwd: string, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout, maxBuffer: 16 * 1024 * 1024, killSignal: "SIGINT" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
