/**
 * `CiClient.listJobs` over a large listing: an emulator holding many jobs, listed page by page by a
 * fresh process per round, once streaming and once collecting into an array, alternating. The
 * figures are those of each process's first listing; its second shows what a listing retains.
 *
 * The jobs are seeded straight into the emulator's backend, each from the same trigger body a
 * client sends (encoded by the client's codec, validated by the emulator's parser), so they are the
 * jobs an HTTP trigger would create, without the HTTP round trips.
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, startEmulator, type CiBackend } from "../../emulator";
import { parseTrigger } from "../../emulator/http/requests";
import { encodeTriggerJobRequest } from "../../provider/codec/triggerJob";
import { spread, type Spread } from "../stats";
import type { ListingFigures, ListMeasurement, ListMode, ListTask } from "./listWorker";

/** Settings of {@link runListBench}. */
export interface ListBenchOptions {
  jobs: number;
  pageSize: number;
  rounds: number;
  log: (line: string) => void;
}

/** One mode summarised over the rounds. */
export interface ListModeSummary {
  mode: ListMode;
  pagesPerSecond: Spread;
  jobsPerSecond: Spread;
  /** Highest RSS during the first listing of a process minus the RSS before it, bytes. */
  rssGrowth: Spread;
  /** The same over the first tenth of the jobs only. */
  rssGrowthFirstTenth: Spread;
  /** The same for the second listing of the process. */
  rssGrowthSecond: Spread;
  /** Heap used after a GC at the end of the first listing minus before it: what the consumer kept, bytes. */
  heapKept: Spread;
  /** CPU the client's process spent per page, ms. */
  clientCpuPerPageMs: Spread;
  /** CPU the emulator spent per page, ms. */
  emulatorCpuPerPageMs: Spread;
}

/** What {@link runListBench} measured. */
export interface ListBenchResult {
  options: Omit<ListBenchOptions, "log">;
  /** Milliseconds the seeding took. */
  seedMs: number;
  modes: Record<ListMode, ListModeSummary>;
  /** Per round: streaming over collecting. */
  throughputRatio: Spread;
  rssGrowthRatio: Spread;
}

/** Seeds `count` Workflow jobs, each over a prefix of its own. */
export function seedJobs(backend: CiBackend, count: number): void {
  for (let index = 0; index < count; index++) {
    const name = `seeded-${String(index).padStart(6, "0")}`;
    const body = encodeTriggerJobRequest({
      name,
      type: "Workflow",
      input: { prefix: `videos/${index}/` },
      operation: { workflowIds: [DEMO_WORKFLOW_ID] },
    });
    backend.trigger(parseTrigger(body));
  }
}

/** Seeds an emulator and measures the listing in both modes. */
export async function runListBench(options: ListBenchOptions): Promise<ListBenchResult> {
  const { log } = options;
  // Jobs that never change state: every page costs the emulator the same.
  const emulator = await startEmulator({ lifecycle: { transitions: [] }, faults: {} });
  try {
    const seedStarted = performance.now();
    seedJobs(emulator.backend, options.jobs);
    const seedMs = performance.now() - seedStarted;
    log(`list: seeded ${options.jobs} jobs in ${(seedMs / 1000).toFixed(1)} s`);
    const task = (mode: ListMode): ListTask => ({
      url: emulator.url,
      secretId: DEMO_CREDENTIALS.secretId,
      secretKey: DEMO_CREDENTIALS.secretKey,
      mode,
      pageSize: options.pageSize,
      expectedJobs: options.jobs,
    });
    // Untimed: brings the worker's modules into the page cache.
    await runWorker(task("stream"));
    emulator.requests.clear();

    const rounds: Record<ListMode, (ListMeasurement & { emulatorCpuMs: number })[]> = { stream: [], collect: [] };
    const grew = (figures: ListingFigures) => (figures.rssPeak - figures.rssBefore) / 2 ** 20;
    for (let round = 0; round < options.rounds; round++) {
      const order: ListMode[] = round % 2 === 0 ? ["stream", "collect"] : ["collect", "stream"];
      for (const mode of order) {
        const cpuBefore = process.cpuUsage();
        const result = await runWorker(task(mode));
        const cpu = process.cpuUsage(cpuBefore);
        // The request log keeps a bounded number of entries; it is not what is measured.
        emulator.requests.clear();
        rounds[mode].push({ ...result, emulatorCpuMs: (cpu.user + cpu.system) / 1000 });
        log(
          `list round ${round + 1}/${options.rounds} ${mode.padEnd(7)} ${(result.first.ms / 1000).toFixed(2)} s, ` +
            `peak RSS +${grew(result.first).toFixed(1)} MiB (second listing +${grew(result.second).toFixed(1)} MiB)`,
        );
      }
    }
    const summary = (mode: ListMode): ListModeSummary => {
      const runs = rounds[mode];
      return {
        mode,
        pagesPerSecond: spread(runs.map(({ first }) => first.pages / (first.ms / 1000))),
        jobsPerSecond: spread(runs.map(({ first }) => first.jobs / (first.ms / 1000))),
        rssGrowth: spread(runs.map(({ first }) => first.rssPeak - first.rssBefore)),
        rssGrowthFirstTenth: spread(runs.map(({ first }) => first.rssPeakFirstTenth - first.rssBefore)),
        rssGrowthSecond: spread(runs.map(({ second }) => second.rssPeak - second.rssBefore)),
        heapKept: spread(runs.map(({ first }) => first.heapAfter - first.heapBefore)),
        clientCpuPerPageMs: spread(runs.map(({ first }) => first.cpuMs / first.pages)),
        emulatorCpuPerPageMs: spread(runs.map((run) => run.emulatorCpuMs / (run.first.pages + run.second.pages))),
      };
    };
    const pairs = rounds.stream.map((run, index) => [run, rounds.collect[index]] as const);
    return {
      options: { jobs: options.jobs, pageSize: options.pageSize, rounds: options.rounds },
      seedMs,
      modes: { stream: summary("stream"), collect: summary("collect") },
      throughputRatio: spread(pairs.map(([stream, collect]) => collect.first.ms / stream.first.ms)),
      rssGrowthRatio: spread(pairs.map(([stream, collect]) => grew(stream.first) / grew(collect.first))),
    };
  } finally {
    await emulator.close();
  }
}

/** Runs one listing in a fresh process and returns what it measured. */
function runWorker(task: ListTask): Promise<ListMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, "listWorker.js"), [], {
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let answer: { result?: ListMeasurement; error?: string } | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("message", (message: { result?: ListMeasurement; error?: string }) => (answer = message));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (answer?.result !== undefined) resolve(answer.result);
      else reject(new Error(answer?.error ?? `the list worker exited with code ${String(code)} and no result`));
    });
    child.send(task);
  });
}
