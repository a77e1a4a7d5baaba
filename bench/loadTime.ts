/**
 * What loading the client costs a program: the wall time of a fresh `node` process that requires
 * the compiled client, against a fresh `node -e ""` started alternately with it in the same run.
 *
 * Both processes end by writing their own CPU time (a few microseconds of work), which gives a
 * second, steadier view than wall time when other work competes for the machine.
 */
import { spawnSync } from "node:child_process";
import { spread, type Spread } from "./stats";

/** What the load-time benchmark found. */
export interface LoadTimeResult {
  /** Module measured, relative to the project root. */
  module: string;
  rounds: number;
  /** Wall time of `node -e ""`, ms. */
  emptyMs: Spread;
  /** Wall time of `node -e "require(<module>)"`, ms. */
  requireMs: Spread;
  /** Per round, the second minus the first: what loading the client adds, ms. */
  addedMs: Spread;
  /** The `require` call alone, timed inside the child, ms. */
  inProcessMs: Spread;
  /** CPU time (user + system) of the empty process, ms: less disturbed than wall time by other work on the machine. */
  emptyCpuMs: Spread;
  /** CPU time of the process that requires the client, ms. */
  requireCpuMs: Spread;
  /** Per round, the difference of the two CPU times, ms. */
  addedCpuMs: Spread;
  /** Modules in the require cache after loading the client. */
  modules: number;
  /** Whether loading the client loaded undici (it should not: undici comes with the first request). */
  loadsUndici: boolean;
}

/** Spawns `node` with `args` and returns its wall time (ms) and standard output. */
function timeNode(args: string[]): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(" ")} exited with ${String(result.status ?? result.signal)}: ${result.stderr}`);
  }
  return { ms, stdout: result.stdout };
}

/**
 * Measures `rounds` pairs (after `warmup` untimed pairs that fill the file-system cache), the order
 * of the two processes alternating from round to round.
 *
 * @param modulePath - absolute path of the compiled module to require.
 * @param label - how to name it in the results.
 */
export function measureLoadTime(modulePath: string, label: string, rounds: number, warmup = 3): LoadTimeResult {
  const cpu = "const usage = process.cpuUsage(); const cpuMs = (usage.user + usage.system) / 1000;";
  const script = [
    "const start = process.hrtime.bigint();",
    `require(${JSON.stringify(modulePath)});`,
    "const ms = Number(process.hrtime.bigint() - start) / 1e6;",
    "const modules = Object.keys(require.cache);",
    cpu,
    "process.stdout.write(JSON.stringify({ ms, cpuMs, modules: modules.length, undici: modules.some((m) => /[\\\\/]node_modules[\\\\/]undici[\\\\/]/.test(m)) }));",
  ].join("\n");
  const empty = () => {
    const { ms, stdout } = timeNode(["-e", `${cpu} process.stdout.write(String(cpuMs));`]);
    return { ms, cpuMs: Number(stdout) };
  };
  const load = () => {
    const { ms, stdout } = timeNode(["-e", script]);
    return { ms, inside: JSON.parse(stdout) as { ms: number; cpuMs: number; modules: number; undici: boolean } };
  };
  for (let index = 0; index < warmup; index++) {
    empty();
    load();
  }
  const emptyMs: number[] = [];
  const requireMs: number[] = [];
  const addedMs: number[] = [];
  const inProcessMs: number[] = [];
  const emptyCpuMs: number[] = [];
  const requireCpuMs: number[] = [];
  const addedCpuMs: number[] = [];
  let last = { modules: 0, undici: false };
  for (let round = 0; round < rounds; round++) {
    let base: ReturnType<typeof empty>;
    let loaded: ReturnType<typeof load>;
    if (round % 2 === 0) {
      base = empty();
      loaded = load();
    } else {
      loaded = load();
      base = empty();
    }
    emptyMs.push(base.ms);
    requireMs.push(loaded.ms);
    addedMs.push(loaded.ms - base.ms);
    inProcessMs.push(loaded.inside.ms);
    emptyCpuMs.push(base.cpuMs);
    requireCpuMs.push(loaded.inside.cpuMs);
    addedCpuMs.push(loaded.inside.cpuMs - base.cpuMs);
    last = loaded.inside;
  }
  return {
    module: label,
    rounds,
    emptyMs: spread(emptyMs),
    requireMs: spread(requireMs),
    addedMs: spread(addedMs),
    inProcessMs: spread(inProcessMs),
    emptyCpuMs: spread(emptyCpuMs),
    requireCpuMs: spread(requireCpuMs),
    addedCpuMs: spread(addedCpuMs),
    modules: last.modules,
    loadsUndici: last.undici,
  };
}
