import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { promises as fs, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { RequestLogEntry } from "../../../emulator";
import type { PulumiProject } from "../../../scripts/pulumiCli";
import { workflowArgs, type JobSpec, type JobStack } from "./jobStack";

/** `count` Workflow jobs named `<prefix>-00`, `<prefix>-01`, …, each over a prefix of its own. */
export function manyJobs(count: number, prefix = "job"): JobSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const resource = `${prefix}-${String(i).padStart(2, "0")}`;
    return { resource, args: workflowArgs(`${resource}/`) };
  });
}

/** Values that occur more than once, each listed once. */
export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated].sort();
}

/**
 * Asserts that the service and the state agree on exactly `expected` jobs: no name twice upstream,
 * as many distinct job ids in state, and the same ids on both sides (so no job in state is unknown
 * upstream and no job upstream is an orphan that state does not know).
 */
export async function assertConverged(stack: JobStack, expected: number): Promise<void> {
  const upstream = stack.emulator.backend.jobs();
  assert.deepEqual(duplicates(upstream.map((job) => job.name)), [], "a job name was triggered more than once upstream");
  assert.equal(upstream.length, expected, "jobs upstream");
  const ids = (await stack.jobsInState()).map((resource) => resource.id ?? "<no id>");
  assert.deepEqual(duplicates(ids), [], "a job id is in state more than once");
  assert.equal(ids.length, expected, "jobs in state");
  assert.deepEqual([...ids].sort(), upstream.map((job) => job.jobId).sort(), "state and service hold different job ids");
}

/** Answers the emulator gave with this error code. */
export function answersWith(requests: readonly RequestLogEntry[], ...codes: string[]): RequestLogEntry[] {
  return requests.filter((entry) => entry.errorCode !== undefined && codes.includes(entry.errorCode));
}

/** Rejections for a signing time the service does not accept: skewed (start in its future) or expired. */
export function clockRejections(requests: readonly RequestLogEntry[]): RequestLogEntry[] {
  // An expired signature gets AccessDenied "Request has expired"; the emulator's other AccessDenied
  // answers (no signature, host or query parameters left unsigned) never meet this client.
  return answersWith(requests, "RequestTimeTooSkewed", "AccessDenied");
}

/** A `pulumi` command started in the background. */
export interface BackgroundCommand {
  /** The CLI process. */
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Settles once the CLI has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `pulumi <args>` in the project the way {@link PulumiProject.run} does (same directory and
 * environment), without waiting for it, so a test can kill it midway.
 */
export function startInBackground(project: PulumiProject, args: readonly string[]): BackgroundCommand {
  const child = spawn("pulumi", [...args, "--color", "never"], {
    cwd: project.dir,
    env: project.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, exited };
}

/** A process, with the command line that tells it apart from a later process given the same pid. */
export interface ProcessInfo {
  pid: number;
  cmdline: string;
}

/**
 * Kills the CLI with SIGKILL and returns the processes it had started. The CLI starts each plugin
 * (language host, providers) in a process group of its own, so they are not reached through the
 * CLI's group, and once it is dead they are no longer its children: they are listed (from /proc,
 * Linux) before the kill.
 */
export function killCli(command: BackgroundCommand): ProcessInfo[] {
  const pid = command.child.pid;
  if (pid === undefined) return [];
  const plugins = descendantsOf(pid);
  command.child.kill("SIGKILL");
  return plugins;
}

/** SIGKILLs each of `processes` still running under the same command line. */
export function killLeftovers(processes: readonly ProcessInfo[]): void {
  for (const { pid, cmdline } of processes) {
    if (cmdlineOf(pid) !== cmdline) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
}

/** Every process below `pid` in the process tree. */
function descendantsOf(pid: number): ProcessInfo[] {
  const childrenOf = new Map<number, number[]>();
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    const stat = readOrUndefined(`/proc/${name}/stat`);
    // Fields after the command name, which may itself hold spaces and parentheses: state, ppid, …
    const parent = stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent !== undefined) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(name)]);
  }
  const found: ProcessInfo[] = [];
  for (let queue = [pid]; queue.length > 0;) {
    const next = childrenOf.get(queue.shift() as number) ?? [];
    for (const child of next) {
      const cmdline = cmdlineOf(child);
      if (cmdline !== undefined) found.push({ pid: child, cmdline });
    }
    queue.push(...next);
  }
  return found;
}

function cmdlineOf(pid: number): string | undefined {
  return readOrUndefined(`/proc/${pid}/cmdline`);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** Pending operations the state records: steps the engine started and never saw finish. */
export async function pendingOperations(project: PulumiProject): Promise<{ type: string; resource: { urn: string } }[]> {
  const exported = (await project.exportStack()) as { deployment: { pending_operations?: { type: string; resource: { urn: string } }[] } };
  return exported.deployment.pending_operations ?? [];
}

/**
 * Deletes the empty `.attrs` sidecar files of a `file://` backend and returns their paths.
 *
 * The diy backend stores each file through gocloud.dev's fileblob (v0.46 in Pulumi 3.248), which
 * writes the new content to a temporary file, then rewrites the sidecar in place (truncate, write),
 * then renames the temporary file over the old one. A CLI killed inside that sidecar write leaves it
 * empty, and every later command fails with "failed to load checkpoint: EOF" although the checkpoint
 * itself is whole (the previous one). fileblob reads a file that has no sidecar, so deleting the
 * empty sidecar is the repair.
 */
export async function removeEmptySidecars(backendDir: string): Promise<string[]> {
  const entries = await fs.readdir(backendDir, { recursive: true, withFileTypes: true });
  const removed: string[] = [];
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(".attrs"))) {
    const file = path.join(entry.parentPath, entry.name);
    if ((await fs.stat(file)).size === 0) {
      await fs.rm(file);
      removed.push(path.relative(backendDir, file));
    }
  }
  return removed;
}
