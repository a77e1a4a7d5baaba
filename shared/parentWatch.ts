/**
 * Notices that the process which started this one has gone, for the two long-lived processes of
 * the package: the dynamic provider, whose engine (the `pulumi` CLI) may be killed with SIGKILL and
 * so never tell its plugins to stop, and the emulator's CLI, which `npx` starts through `sh -c`, a
 * shell that dies of a SIGTERM without passing it on. Either would otherwise live on for hours,
 * holding a port or a hung request.
 *
 * It lives outside both `provider/` and `emulator/` because it is process infrastructure, no rule
 * of the service: the emulator may share it without sharing any of the client's behaviour, which
 * `tests/emulator/imports.spec.ts` keeps out of the emulator.
 *
 * There is no event for a parent's exit, hence the poll. The orphan is re-parented (to init or a
 * subreaper), so its parent pid changes; where it does not (a parent pid that stays as it was), the
 * original parent no longer exists.
 */

/** How the watch looks at the process tree; replaced in tests. */
export interface ParentProbe {
  /** The current parent pid (`process.ppid`). */
  parentPid(): number;
  /** Whether a process with this pid exists. */
  isAlive(pid: number): boolean;
}

/** What {@link watchParent} needs. */
export interface ParentWatchOptions {
  /** How often the parent is looked at, in ms. */
  intervalMs: number;
  /** Called once, with the reason, when the parent is gone. */
  onGone: (why: string) => void;
  /** Default {@link PROCESS_PROBE}: this process's parent, through `process.ppid` and signal 0. */
  probe?: ParentProbe;
}

/** A running watch. */
export interface ParentWatch {
  /** Stops watching. */
  stop(): void;
}

/** This process's parent, as the operating system reports it. */
export const PROCESS_PROBE: ParentProbe = {
  parentPid: () => process.ppid,
  isAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: the pid exists but belongs to someone else, so it is alive.
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  },
};

/**
 * Watches the parent process and calls `onGone` once it has died: the parent pid changed or the
 * original parent no longer exists. The timer is unref'd, so the watch never keeps a finished
 * process alive; it keeps firing while something else (a hung request, a listening server) holds
 * the event loop open, which is when it is needed.
 */
export function watchParent(options: ParentWatchOptions): ParentWatch {
  const probe = options.probe ?? PROCESS_PROBE;
  const parent = probe.parentPid();
  let fired = false;
  const timer = setInterval(() => {
    if (fired) return;
    const now = probe.parentPid();
    const why =
      now !== parent
        ? `its parent ${parent} is gone (now ${now})`
        : !probe.isAlive(parent)
          ? `its parent ${parent} no longer exists`
          : undefined;
    if (why === undefined) return;
    fired = true;
    clearInterval(timer);
    options.onGone(why);
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
