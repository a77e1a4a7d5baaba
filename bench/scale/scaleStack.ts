/**
 * A stack of the `bench/fixtures/scale` program: many InventoryTriggerJobs against an emulator, or as
 * many no-op dynamic resources of the same shape.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { DEMO_CREDENTIALS, type RunningEmulator } from "../../emulator";
import { PulumiProject, repoRoot, type StackExport } from "../../scripts/pulumiCli";
import { runTimed, type TimedResult } from "./timedCommand";

/** What the program declares: InventoryTriggerJobs, or dynamic resources whose provider does nothing. */
export type ScaleKind = "jobs" | "noop";

/** The fixture program. */
export const SCALE_FIXTURE = path.join(repoRoot, "bench", "fixtures", "scale");

/** The timed commands, in the order a round runs them. */
export const SCALE_COMMANDS = ["up", "refresh", "destroy"] as const;
export type ScaleCommand = (typeof SCALE_COMMANDS)[number];

const COMMAND_ARGS: Record<ScaleCommand, string[]> = {
  up: ["up", "--yes", "--skip-preview", "--non-interactive"],
  refresh: ["refresh", "--yes", "--skip-preview", "--non-interactive"],
  destroy: ["destroy", "--yes", "--skip-preview", "--non-interactive"],
};

/** A configured stack of the fixture program. */
export class ScaleStack {
  private constructor(
    readonly kind: ScaleKind,
    readonly project: PulumiProject,
  ) {}

  /**
   * Configures a stack of `kind` against the emulator. Both kinds get the same config, secrets
   * included, so that the engine decrypts the same values for each.
   */
  static async create(kind: ScaleKind, emulator: RunningEmulator, project?: PulumiProject): Promise<ScaleStack> {
    const opened = project ?? (await PulumiProject.create(SCALE_FIXTURE));
    await opened.stackInit("bench");
    await opened.setConfig("scale:kind", kind);
    await opened.setConfig("tencent-ci:endpoint", emulator.url);
    await opened.setConfig("tencent-ci:secretId", DEMO_CREDENTIALS.secretId, { secret: true });
    await opened.setConfig("tencent-ci:secretKey", DEMO_CREDENTIALS.secretKey, { secret: true });
    return new ScaleStack(kind, opened);
  }

  /** Sets how many resources the program declares. */
  async setCount(count: number): Promise<void> {
    await this.project.setConfig("scale:count", String(count));
  }

  /** Runs and times a command; throws with the CLI's output when it fails. */
  async run(command: ScaleCommand): Promise<TimedResult> {
    const result = await runTimed(this.project, COMMAND_ARGS[command]);
    if (result.code !== 0) {
      throw new Error(
        `pulumi ${command} of the ${this.kind} stack exited with ${result.code}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
      );
    }
    return result;
  }

  /** The stack's state. */
  exportStack(): Promise<StackExport> {
    return this.project.exportStack();
  }

  /** Destroys whatever is left and removes the project copy and its backend. */
  async close(): Promise<void> {
    try {
      await this.project.destroy();
    } finally {
      await this.project.cleanup();
    }
  }
}

/** Copies the fixture program into `dir` (without stack settings files). */
export async function copyFixture(dir: string): Promise<void> {
  await fs.cp(SCALE_FIXTURE, dir, { recursive: true, filter: (src) => !/^Pulumi\..+\.yaml$/.test(path.basename(src)) });
}
