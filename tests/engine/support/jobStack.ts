import * as path from "node:path";
import { startEmulator, type RunningEmulator, type EmulatorOptions } from "../../../emulator";
import { CiClient } from "../../../provider/client/ciClient";
import { CommandResult, PulumiProject, repoRoot } from "../../../scripts/pulumiCli";

/** What the fixture program exports for each job. */
export interface JobStackOutputs {
  jobId?: string;
  name?: string;
  state?: string;
  [output: string]: unknown;
}

/** Credentials the engine tests deploy with: temporary ones, so the security token is exercised too. */
export const ENGINE_CREDENTIALS = Object.freeze({
  secretId: "AKIDENGINETESTSKEY00000000000000000000",
  secretKey: "engine-secret-key-must-never-reach-state",
  securityToken: "engine-security-token-must-never-reach-state",
});

/** One entry of the fixture program's `test:jobs` config: a job to declare, or one to read with `get`. */
export interface JobSpec {
  resource: string;
  args?: Record<string, unknown>;
  options?: Record<string, unknown>;
  getId?: string;
  /** Dotted paths of `args` the program passes as `pulumi.secret`. */
  secrets?: string[];
}

/**
 * A stack of the `tests/engine/fixtures/jobs` program on the real CLI, deploying to an emulator of
 * its own. Tests change the declared jobs through config and look at what reached the service.
 */
export class JobStack {
  private readonly clients: CiClient[] = [];

  private constructor(
    readonly project: PulumiProject,
    readonly emulator: RunningEmulator,
  ) {}

  /**
   * Starts an emulator, copies the fixture program and configures a stack against it. The
   * credentials are secret stack config (`tencent-ci:secret*`) unless `credentialsFrom` is
   * `"environment"`: then every command gets `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and
   * `TENCENTCLOUD_SECURITY_TOKEN` instead and the stack has no credential config at all.
   */
  static async create(
    emulatorOptions: EmulatorOptions = {},
    env: Record<string, string> = {},
    credentialsFrom: "config" | "environment" = "config",
  ): Promise<JobStack> {
    const emulator = await startEmulator({ credentials: [{ ...ENGINE_CREDENTIALS }], ...emulatorOptions });
    const credentialEnv: Record<string, string> =
      credentialsFrom === "environment"
        ? {
            TENCENTCLOUD_SECRET_ID: ENGINE_CREDENTIALS.secretId,
            TENCENTCLOUD_SECRET_KEY: ENGINE_CREDENTIALS.secretKey,
            TENCENTCLOUD_SECURITY_TOKEN: ENGINE_CREDENTIALS.securityToken,
          }
        : {};
    const project = await PulumiProject.create(path.join(repoRoot, "tests", "engine", "fixtures", "jobs"), {
      env: { ...credentialEnv, ...env },
    });
    const stack = new JobStack(project, emulator);
    await project.stackInit("test");
    await project.setConfig("tencent-ci:endpoint", emulator.url);
    if (credentialsFrom === "config") {
      await project.setConfig("tencent-ci:secretId", ENGINE_CREDENTIALS.secretId, { secret: true });
      await project.setConfig("tencent-ci:secretKey", ENGINE_CREDENTIALS.secretKey, { secret: true });
      await project.setConfig("tencent-ci:securityToken", ENGINE_CREDENTIALS.securityToken, { secret: true });
    }
    return stack;
  }

  /** Declares these jobs in the program. */
  async setJobs(jobs: JobSpec[]): Promise<void> {
    await this.project.setConfig("test:jobs", JSON.stringify(jobs));
  }

  /** The stack's outputs: `{ <resource>: { jobId, name, state, type, input, operation, code, message, times } }`. */
  async outputs(): Promise<Record<string, JobStackOutputs>> {
    return (await this.project.stackOutputs()) as Record<string, JobStackOutputs>;
  }

  /** Triggers, describes or cancels jobs on the emulator as someone outside Pulumi would. */
  client(): CiClient {
    const client = new CiClient({ ...ENGINE_CREDENTIALS, endpoint: this.emulator.url });
    this.clients.push(client);
    return client;
  }

  /** `pulumi refresh --preview-only` with `args`: what a refresh would change, changing nothing. */
  refreshPreview(args: readonly string[] = []): Promise<CommandResult> {
    return this.project.run(["refresh", "--preview-only", "--non-interactive", ...args]);
  }

  /** The InventoryTriggerJob resources in state. */
  async jobsInState(): Promise<{ id?: string; outputs?: Record<string, unknown> }[]> {
    const exported = await this.project.exportStack();
    return (exported.deployment.resources ?? []).filter((r) => r.type === "pulumi-nodejs:dynamic/tencent-ci:InventoryTriggerJob");
  }

  /** Requests that changed something on the service (triggers and cancels). */
  writes(): string[] {
    return this.emulator.requests.writes().map((entry) => `${entry.method} ${entry.path}`);
  }

  /** Destroys what is left, removes the project copy and stops the emulator. */
  async close(): Promise<void> {
    try {
      await this.project.destroy();
      await this.project.cleanup();
    } finally {
      await Promise.allSettled(this.clients.map((client) => client.close()));
      await this.emulator.close();
    }
  }
}

/** Fails with the CLI's whole output when a command did not succeed. */
export function assertSucceeded(result: CommandResult): void {
  if (result.code !== 0) throw new Error(`pulumi exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
}

/** A Workflow job over a prefix, using the emulator's known workflow. */
export function workflowArgs(prefix = "videos/", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { input: { prefix }, operation: { workflowIds: ["w7476ff3564ee45b7b490d64bccaba6cc"] }, ...extra };
}
