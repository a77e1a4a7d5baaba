/**
 * Runs a Pulumi CLI command of a {@link PulumiProject} and measures it: wall time, and the CPU time
 * of the CLI together with every process it waited for (the language host, the program, the
 * dynamic provider), as the shell's `times` reports it. On a shared machine the CPU time moves much
 * less than the wall time, so the two together say whether a slower run did more work or only
 * waited longer for a core.
 */
import { spawn } from "node:child_process";
import type { CommandResult, PulumiProject } from "../../scripts/pulumiCli";

/** What a timed command returned and cost. */
export interface TimedResult extends CommandResult {
  wallMs: number;
  /** User + system CPU of the command and the processes it waited for, ms; NaN if unknown. */
  cpuMs: number;
}

// `times` prints the shell's own user and system time, then those of its waited-for children.
const SCRIPT = 'pulumi "$@"; rc=$?; times >&3; exit $rc';

/** Runs `pulumi <args> --color never` in the project, interrupting it after `timeoutMs`. */
export function runTimed(project: PulumiProject, args: readonly string[], timeoutMs = 300_000): Promise<TimedResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // A process group of its own, so that a timeout interrupts the CLI and not only the shell.
    const child = spawn("bash", ["-c", SCRIPT, "pulumi", ...args, "--color", "never"], {
      cwd: project.dir,
      env: project.env,
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let times = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    (child.stdio[3] as NodeJS.ReadableStream | null)?.setEncoding("utf8").on("data", (chunk: string) => (times += chunk));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGINT");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, wallMs: performance.now() - started, cpuMs: childrenCpuMs(times) });
    });
  });
}

/** The children's line of `times` (`0m4.633s 0m1.161s`) as user + system ms. */
export function childrenCpuMs(output: string): number {
  const line = output.trim().split("\n").at(1);
  if (line === undefined) return Number.NaN;
  const fields = [...line.matchAll(/(\d+)m([\d.]+)s/g)];
  if (fields.length !== 2) return Number.NaN;
  return fields.reduce((sum, field) => sum + (Number(field[1]) * 60 + Number(field[2])) * 1000, 0);
}
