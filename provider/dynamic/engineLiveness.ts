/**
 * Ends the dynamic provider's process once the engine that started it is gone.
 *
 * The provider runs as `node …/@pulumi/pulumi/cmd/dynamic-provider`, exec'd by the
 * `pulumi-resource-pulumi-nodejs` launcher, so its parent is the `pulumi` CLI. A CLI killed with
 * SIGKILL cannot tell its plugins to stop: nothing closes their stdin, and a provider waiting on a
 * request that never answers writes nothing that could fail either. Such a process lived on for
 * hours, so the parent is watched directly, by the watch the emulator's CLI uses too
 * (`shared/parentWatch.ts`).
 */
import { watchParent } from "../../shared/parentWatch";
import type { ParentProbe, ParentWatch } from "../../shared/parentWatch";

/** How the watch looks at the process tree; replaced in tests. */
export type LivenessProbe = ParentProbe;

/** Options of {@link watchEngineLiveness}. */
export interface LivenessOptions {
  /** How often the parent is looked at, in ms; default 1000. */
  intervalMs?: number;
  /** Called once when the engine is gone; default exits the process with status 1. */
  onGone?: (why: string) => void;
  /** Default: this process's parent, through `process.ppid` and signal 0. */
  probe?: LivenessProbe;
}

/** A running watch. */
export type LivenessWatch = ParentWatch;

/**
 * Watches the parent process (the engine) with the package's one parent watch, and calls `onGone`
 * once it has died, by default exiting.
 */
export function watchParentProcess(options: LivenessOptions = {}): LivenessWatch {
  return watchParent({ intervalMs: options.intervalMs ?? 1000, onGone: options.onGone ?? exitBecauseEngineIsGone, probe: options.probe });
}

/**
 * Environment variable that sets the provider process's watch interval in ms (a whole number from
 * 1), default 1000. Only the tests that kill a fake engine set it, to see the exit without waiting
 * seconds for it; the engine starts the provider with the user's environment, where it is unset.
 */
export const WATCH_INTERVAL_ENV_VAR = "TENCENT_CI_ENGINE_WATCH_INTERVAL_MS";

/** The interval {@link WATCH_INTERVAL_ENV_VAR} asks for, or `undefined` when it is unset or unusable. */
function intervalFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env[WATCH_INTERVAL_ENV_VAR]);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

let installed = false;

/**
 * Installs both guards once per process: the parent watch above, and an exit on a failed stderr
 * write. A killed engine leaves its plugins a closed stderr; the first progress line then fails with
 * EPIPE, and the framework's handler for uncaught errors, which itself writes to stderr, would spin
 * on that forever. Only the provider process calls this (from `configure`), so programs that merely
 * import the package are not affected.
 */
export function watchEngineLiveness(options: LivenessOptions = {}): void {
  if (installed) return;
  installed = true;
  process.stderr.on("error", () => process.exit(1));
  // A process started directly by init (pid 1) has no engine to watch.
  if (process.ppid > 1) watchParentProcess({ intervalMs: intervalFromEnv(process.env), ...options });
}

function exitBecauseEngineIsGone(): never {
  // Nothing is written: stderr leads to the engine that is gone.
  process.exit(1);
}
