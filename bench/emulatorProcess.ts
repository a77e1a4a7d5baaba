/**
 * Runs the emulator in a child process for the benchmarks, so that the emulator's work and the
 * client's are done on different cores and the client process's CPU time is the client's alone.
 *
 * The parent talks to the child over the IPC channel: `reset` forgets every job (triggers would
 * otherwise pile up between rounds), `cpu` reports the child's CPU time so far, `close` stops it.
 */
import { fork, type ChildProcess } from "node:child_process";
import { startEmulator, type LifecycleOptions } from "../emulator";

/**
 * Jobs never change state: every read finds no transition to run and a trigger stores one record.
 * The emulator then does the same small, constant amount of work per request for every client.
 */
export const BENCH_LIFECYCLE: LifecycleOptions = { transitions: [] };

/** A request of the parent. */
interface Command {
  id: number;
  type: "reset" | "cpu" | "close";
}

/** An answer of the child. */
type Reply = { id: number; cpuMicros?: number } | { ready: string } | { id: number; error: string };

/** The emulator as the parent sees it. */
export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** Forgets every job. */
  reset(): Promise<void>;
  /** CPU time (user + system) the emulator process has used so far, in µs. */
  cpuMicros(): Promise<number>;
  /** Stops the emulator and waits for its process to exit. */
  close(): Promise<void>;
}

/** Starts the emulator in a child process and resolves once it listens. */
export function forkEmulator(): Promise<EmulatorHandle> {
  const child = fork(__filename, ["--child"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const call = (type: Command["type"]): Promise<Reply> =>
    new Promise((resolve, reject) => {
      if (exited) {
        reject(new Error("the emulator process has exited"));
        return;
      }
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, type } satisfies Command);
    });

  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      exited = true;
      const error = new Error(`the emulator process exited (code ${String(code)})`);
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
      reject(error);
    });
    child.on("message", (message: Reply) => {
      if ("ready" in message) {
        resolve(handle(message.ready));
        return;
      }
      const entry = pending.get(message.id);
      pending.delete(message.id);
      if (entry === undefined) return;
      if ("error" in message) entry.reject(new Error(message.error));
      else entry.resolve(message);
    });
  });

  function handle(url: string): EmulatorHandle {
    return {
      url,
      reset: async () => {
        await call("reset");
      },
      cpuMicros: async () => {
        const reply = await call("cpu");
        return "cpuMicros" in reply && reply.cpuMicros !== undefined ? reply.cpuMicros : Number.NaN;
      },
      close: async () => {
        if (!exited) {
          await call("close").catch(() => undefined);
          await stopped(child, exit);
        }
      },
    };
  }
}

/** Waits for the child to exit, killing it (by its own handle) if it does not within 5 s. */
async function stopped(child: ChildProcess, exit: Promise<void>): Promise<void> {
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exit;
  clearTimeout(timer);
}

/** The child's side: start the emulator, answer the parent, stop when told or orphaned. */
async function serve(): Promise<void> {
  const emulator = await startEmulator({ port: 0, seed: 1, lifecycle: BENCH_LIFECYCLE, faults: {} });
  const stop = async (): Promise<void> => {
    await emulator.close();
    // Always there: this process is forked with an IPC channel, which is how it gets its commands.
    process.disconnect();
  };
  process.on("disconnect", () => void emulator.close());
  process.on("message", (command: Command) => {
    const reply = (extra: Partial<{ cpuMicros: number; error: string }> = {}) => process.send?.({ id: command.id, ...extra });
    try {
      switch (command.type) {
        case "reset":
          emulator.backend.reset();
          emulator.requests.clear();
          reply();
          break;
        case "cpu": {
          const usage = process.cpuUsage();
          reply({ cpuMicros: usage.user + usage.system });
          break;
        }
        case "close":
          reply();
          void stop();
          break;
      }
    } catch (error) {
      reply({ error: (error as Error).message });
    }
  });
  process.send?.({ ready: emulator.url });
}

if (require.main === module && process.argv.includes("--child")) {
  serve().catch((error: unknown) => {
    process.stderr.write(`emulator process: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
