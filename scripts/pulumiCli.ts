import { execFile, spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Repository root: the nearest ancestor holding scripts/ensure-pulumi, whether this runs from source or dist. */
export const repoRoot = findRepoRoot(__dirname);

/** PULUMI_HOME of the engine tests and `scripts/pulumi-env`, kept out of the user's own ~/.pulumi. */
export const pulumiHome = path.join(repoRoot, ".tools", "pulumi-home");

/** Passphrase of the stacks the engine tests create; they hold test data only. */
export const testPassphrase = "pulumi-tencent-ci-engine-tests";

/** What a CLI command returned. A non-zero code is a result, not an exception: tests assert on failures too. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The parts of `pulumi stack export` that tests read. */
export interface StackExport {
  version: number;
  deployment: {
    resources?: { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
  };
}

let ensured: Promise<string> | undefined;

/**
 * Runs scripts/ensure-pulumi once per process and resolves to the folder holding `pulumi`, the Node language
 * host and the dynamic-provider launcher. The first run on a machine builds the CLI (minutes); its progress goes
 * to this process's stderr. `PULUMI_VERSION` in the environment selects another CLI version, as in the script.
 *
 * It then prints, once, which CLI, Node.js and @pulumi/pulumi the engine tests run on: the same suite runs on
 * several of them (`npm test`, `npm run test:compat`), and a log must say which pair it proved.
 */
export function ensurePulumi(): Promise<string> {
  ensured ??= new Promise<string>((resolve, reject) => {
    const child = execFile("bash", [path.join(repoRoot, "scripts", "ensure-pulumi")], { cwd: repoRoot }, (err, stdout) => {
      const lines = stdout.trim().split("\n");
      if (err) reject(new Error(`scripts/ensure-pulumi failed: ${err.message}`));
      else resolve(lines[lines.length - 1]);
    });
    child.stderr?.pipe(process.stderr);
  }).then(async (bin) => {
    process.stderr.write(`[engine tests] ${await runtimeVersions(bin)}\n`);
    return bin;
  });
  return ensured;
}

/** One line naming the CLI in `bin`, the node on PATH and the @pulumi/pulumi the repository resolves. */
async function runtimeVersions(bin: string): Promise<string> {
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`, PULUMI_SKIP_UPDATE_CHECK: "true" };
  const version = (file: string, args: string[]) =>
    new Promise<string>((resolve) => execFile(file, args, { env, cwd: repoRoot }, (err, out) => resolve(err ? "unknown" : out.trim())));
  const [cli, node, sdk] = await Promise.all([
    version("pulumi", ["version"]),
    version("node", ["--version"]),
    version("node", ["-p", 'require("@pulumi/pulumi/package.json").version']),
  ]);
  return `pulumi ${cli} from ${bin}, node ${node}, @pulumi/pulumi ${sdk}`;
}

/** Options of {@link PulumiProject.create}. */
export interface PulumiProjectOptions {
  /** Extra environment variables for every command, applied last. */
  env?: Record<string, string>;
  /** Milliseconds after which a command is interrupted; 5 minutes unless given. */
  commandTimeoutMs?: number;
}

/**
 * A copy of a Pulumi project on which to run the real CLI, with its own `file://` backend.
 *
 * The copy lives under .tools/ inside the repository, so the program still finds @pulumi/pulumi in the
 * repository's node_modules, and the stack settings files the CLI writes never land in the fixture itself.
 * The environment drops every ambient `PULUMI_*` variable, so a developer's login or backend cannot leak in.
 */
export class PulumiProject {
  private constructor(
    /** Directory the commands run in: the copy of the project. */
    readonly dir: string,
    /** Directory of the `file://` backend holding this project's stacks. */
    readonly backendDir: string,
    /** Environment of every command. */
    readonly env: NodeJS.ProcessEnv,
    private readonly commandTimeoutMs: number,
    /** Whether {@link cleanup} removes `dir`: true for copies, false for projects opened in place. */
    private readonly ownsDir = true,
  ) {}

  /** Copies `projectDir` (a folder with a Pulumi.yaml) and prepares a fresh backend for it. */
  static async create(projectDir: string, options: PulumiProjectOptions = {}): Promise<PulumiProject> {
    const bin = await ensurePulumi();
    const workRoot = path.join(repoRoot, ".tools", "engine-work");
    await fs.mkdir(workRoot, { recursive: true });
    const dir = await fs.mkdtemp(path.join(workRoot, `${path.basename(projectDir)}-`));
    // Stack settings files (Pulumi.<stack>.yaml) left by someone running the CLI in the fixture carry another salt.
    await fs.cp(projectDir, dir, { recursive: true, filter: (src) => !/^Pulumi\..+\.yaml$/.test(path.basename(src)) });
    const backendDir = await fs.mkdtemp(path.join(os.tmpdir(), "pulumi-backend-"));
    return new PulumiProject(dir, backendDir, pulumiEnv(bin, backendDir, options.env), options.commandTimeoutMs ?? 300_000);
  }

  /**
   * Opens a project where it is, with a fresh `file://` backend under `.tools/`: for the demo, which
   * deploys the repository's own Pulumi.yaml. Stack settings files land beside that Pulumi.yaml.
   */
  static async inPlace(projectDir: string, options: PulumiProjectOptions = {}): Promise<PulumiProject> {
    const bin = await ensurePulumi();
    const backendDir = path.join(repoRoot, ".tools", `state-${path.basename(projectDir)}`);
    await fs.rm(backendDir, { recursive: true, force: true });
    await fs.mkdir(backendDir, { recursive: true });
    return new PulumiProject(projectDir, backendDir, pulumiEnv(bin, backendDir, options.env), options.commandTimeoutMs ?? 300_000, false);
  }

  /** Runs `pulumi <args>` in the project copy. */
  run(args: readonly string[], options: { echo?: boolean } = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--color", "never"], {
        cwd: this.dir,
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
        timeout: this.commandTimeoutMs,
        killSignal: "SIGINT",
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        if (options.echo) process.stdout.write(chunk);
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
        if (options.echo) process.stderr.write(chunk);
      });
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
  }

  /** Creates and selects stack `name`; throws if the CLI refuses. */
  async stackInit(name = "test"): Promise<void> {
    await this.mustRun(["stack", "init", name, "--non-interactive"]);
  }

  /** Sets a stack configuration value (`--secret` encrypts it with the test passphrase); throws on failure. */
  async setConfig(key: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
    await this.mustRun(["config", "set", key, value, ...(options.secret ? ["--secret"] : ["--plaintext"]), "--non-interactive"]);
  }

  /** `pulumi up` without the interactive preview. */
  up(args: readonly string[] = [], options: { echo?: boolean } = {}): Promise<CommandResult> {
    return this.run(["up", "--yes", "--skip-preview", "--non-interactive", ...args], options);
  }

  /** `pulumi preview`; add `--expect-no-changes` or `--policy-pack <dir>` through `args`. */
  preview(args: readonly string[] = [], options: { echo?: boolean } = {}): Promise<CommandResult> {
    return this.run(["preview", "--non-interactive", ...args], options);
  }

  /** `pulumi refresh` without the interactive preview. */
  refresh(args: readonly string[] = [], options: { echo?: boolean } = {}): Promise<CommandResult> {
    return this.run(["refresh", "--yes", "--skip-preview", "--non-interactive", ...args], options);
  }

  /** `pulumi destroy` without the interactive preview. */
  destroy(args: readonly string[] = [], options: { echo?: boolean } = {}): Promise<CommandResult> {
    return this.run(["destroy", "--yes", "--skip-preview", "--non-interactive", ...args], options);
  }

  /** `pulumi import <type> <name> <id>` without the interactive preview. */
  import(type: string, name: string, id: string, args: readonly string[] = []): Promise<CommandResult> {
    return this.run(["import", type, name, id, "--yes", "--skip-preview", "--non-interactive", ...args]);
  }

  /** The current stack's state, as `pulumi stack export` prints it. */
  async exportStack(): Promise<StackExport> {
    return JSON.parse((await this.mustRun(["stack", "export"])).stdout) as StackExport;
  }

  /** The current stack's outputs, secrets in clear. */
  async stackOutputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.mustRun(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
  }

  /**
   * Deletes the project copy and its backend. It does not destroy resources: call {@link destroy} first for stacks
   * that created anything outside the backend.
   */
  async cleanup(): Promise<void> {
    if (this.ownsDir) await fs.rm(this.dir, { recursive: true, force: true });
    await fs.rm(this.backendDir, { recursive: true, force: true });
  }

  private async mustRun(args: readonly string[]): Promise<CommandResult> {
    const result = await this.run(args);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.stderr}${result.stdout}`);
    }
    return result;
  }
}

/**
 * The environment the CLI runs with here: the built binaries first on PATH, a PULUMI_HOME inside .tools, no update
 * check, no plugin downloads, a fixed passphrase and the given `file://` backend. Ambient `PULUMI_*` variables are
 * dropped. `scripts/pulumi-env` sets the same for a shell.
 */
export function pulumiEnv(binDir: string, backendDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PULUMI_")) env[key] = value;
  }
  return {
    ...env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: pulumiHome,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_CONFIG_PASSPHRASE: testPassphrase,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    ...extra,
  };
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "scripts", "ensure-pulumi"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no scripts/ensure-pulumi above ${start}`);
  }
}
