/**
 * `npm run bench`: benchmarks the CI client against the local emulator and the vendor's SDK, and
 * the cost of loading it, then prints the tables and writes them to `docs/performance.md`.
 *
 *   node dist/bench/index.js [--rounds 7] [--sequential 1000] [--concurrent 3000]
 *     [--concurrency 16] [--warmup 500] [--load-rounds 20] [--out docs/performance.md] [--dry-run]
 *
 * Every option can also come from the environment (`BENCH_ROUNDS`, `BENCH_SEQUENTIAL`,
 * `BENCH_CONCURRENT`, `BENCH_CONCURRENCY`, `BENCH_WARMUP`, `BENCH_LOAD_ROUNDS`, `BENCH_OUT`);
 * a command-line option wins over the environment.
 */
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runClientBench } from "./clientBench";
import { forkEmulator } from "./emulatorProcess";
import { measureLoadTime } from "./loadTime";
import { checkTargets, loadTable, ratioTable, renderSection, targetsTable, throughputTable } from "./report";
import { writeSection } from "./performanceDoc";

/** Project root, from `dist/bench/`. */
const ROOT = resolve(__dirname, "..", "..");

const USAGE = `Usage: node dist/bench/index.js [options]
  --rounds <n>        timed rounds (default 7; env BENCH_ROUNDS)
  --sequential <n>    requests per sequential cell (default 1000; env BENCH_SEQUENTIAL)
  --concurrent <n>    requests per concurrent cell (default 3000; env BENCH_CONCURRENT)
  --concurrency <n>   requests in flight in a concurrent cell (default 16; env BENCH_CONCURRENCY)
  --warmup <n>        untimed requests per cell before the rounds (default 500; env BENCH_WARMUP)
  --load-rounds <n>   pairs of fresh processes for the load time (default 20; env BENCH_LOAD_ROUNDS)
  --out <file>        Markdown file to write the section into (default docs/performance.md; env BENCH_OUT)
  --dry-run           print only; write no file
  --help              show this text`;

/** The settings of one run. */
export interface BenchSettings {
  rounds: number;
  sequential: number;
  concurrent: number;
  concurrency: number;
  warmup: number;
  loadRounds: number;
  out: string;
  dryRun: boolean;
  help: boolean;
}

const NUMERIC = {
  rounds: { env: "BENCH_ROUNDS", fallback: 7, min: 1 },
  sequential: { env: "BENCH_SEQUENTIAL", fallback: 1000, min: 1 },
  concurrent: { env: "BENCH_CONCURRENT", fallback: 3000, min: 1 },
  concurrency: { env: "BENCH_CONCURRENCY", fallback: 16, min: 2 },
  warmup: { env: "BENCH_WARMUP", fallback: 500, min: 0 },
  "load-rounds": { env: "BENCH_LOAD_ROUNDS", fallback: 20, min: 1 },
} as const;

function whole(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`--${name} must be a whole number of at least ${min}, not '${text}'`);
  return Number(text);
}

/** Reads the settings from the command line, then the environment, then the defaults. */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: "string" },
      sequential: { type: "string" },
      concurrent: { type: "string" },
      concurrency: { type: "string" },
      warmup: { type: "string" },
      "load-rounds": { type: "string" },
      out: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const number = (name: keyof typeof NUMERIC): number => {
    const spec = NUMERIC[name];
    const text = values[name] ?? env[spec.env];
    return text === undefined || text === "" ? spec.fallback : whole(name, text, spec.min);
  };
  return {
    rounds: number("rounds"),
    sequential: number("sequential"),
    concurrent: number("concurrent"),
    concurrency: number("concurrency"),
    warmup: number("warmup"),
    loadRounds: number("load-rounds"),
    out: resolve(ROOT, values.out ?? env.BENCH_OUT ?? "docs/performance.md"),
    dryRun: values["dry-run"],
    help: values.help,
  };
}

async function main(argv: string[]): Promise<void> {
  let settings: BenchSettings;
  try {
    settings = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (settings.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const when = new Date();
  const startLoad = loadavg()[0];
  if (startLoad > cpus().length) {
    log(`the machine is busy (load average ${startLoad.toFixed(1)} on ${cpus().length} cores): expect wide spreads`);
  }

  log(`load time: ${settings.loadRounds} rounds`);
  const load = measureLoadTime(
    resolve(ROOT, "dist", "provider", "client", "ciClient.js"),
    "./dist/provider/client/ciClient.js",
    settings.loadRounds,
  );

  const emulator = await forkEmulator();
  let bench: Awaited<ReturnType<typeof runClientBench>>;
  try {
    log(`emulator at ${emulator.url}`);
    bench = await runClientBench(emulator, {
      sequentialRequests: settings.sequential,
      concurrentRequests: settings.concurrent,
      concurrency: settings.concurrency,
      rounds: settings.rounds,
      warmupRequests: settings.warmup,
      log,
    });
  } finally {
    await emulator.close();
  }

  const machineLoad = { start: startLoad, end: loadavg()[0] };
  log(`load average ${machineLoad.start.toFixed(1)} at the start, ${machineLoad.end.toFixed(1)} at the end`);
  const checks = checkTargets(bench, load);
  process.stdout.write([targetsTable(checks), "", throughputTable(bench), "", ratioTable(bench), "", loadTable(load), ""].join("\n"));
  if (!settings.dryRun) {
    writeSection(settings.out, renderSection(bench, load, checks, when, machineLoad));
    log(`wrote ${settings.out}`);
  }
  const missed = checks.filter((check) => !check.met).length;
  if (missed > 0) log(`${missed} target(s) missed`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
