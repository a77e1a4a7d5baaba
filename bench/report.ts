/**
 * Turns the results of the client benchmarks into tables (Markdown, padded so that they read as
 * well in a terminal) and writes them into `docs/performance.md` under `## CI client`, leaving the
 * file's other sections alone.
 */
import { cpus, release, totalmem, type } from "node:os";
import type { ClientBenchResult, RatioSummary, Scenario } from "./clientBench";
import { CLIENT_NAMES } from "./clients";
import type { LoadTimeResult } from "./loadTime";
import { formatSpread, type Spread } from "./stats";

/** The heading of this benchmark's section of the performance document. */
export const SECTION_HEADING = "## CI client";

/** Throughput of ours over the SDK's, at the concurrent scenarios. */
export const MIN_OURS_VS_SDK = 2.0;
/** Throughput of the ideal loop over ours, in every scenario. */
export const MAX_IDEAL_VS_OURS = 1.15;
/** Wall time that loading the client may add to a fresh process, ms. */
export const MAX_LOAD_ADDED_MS = 20;

/** A target and how the run did against it. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** The same comparison in client CPU per request, which other work on the machine disturbs less. */
  cpu: string;
  met: boolean;
}

/** Lays out a Markdown table with padded columns. */
export function table(headers: string[], rows: string[][], align: ("left" | "right")[] = []): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length), 3));
  const pad = (text: string, column: number) => (align[column] === "right" ? text.padStart(widths[column]) : text.padEnd(widths[column]));
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (align[column] === "right" ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

const ratio = (value: Spread) => formatSpread(value, 3, "×");
/** In the targets table, enough digits that a median just past a limit does not print as the limit. */
const exactRatio = (value: Spread) => formatSpread(value, 4, "×");
const scenarioName = (scenario: Scenario) => (scenario.operation === "GET" ? "describe (GET)" : "trigger (POST)");

/** Checks the run against the targets of the CI client. */
export function checkTargets(bench: ClientBenchResult, load: LoadTimeResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const concurrency = bench.options.concurrency;
  for (const item of bench.oursVsSdk.filter((entry) => entry.concurrency === concurrency)) {
    checks.push({
      target: `ours ≥ ${MIN_OURS_VS_SDK.toFixed(1)}× the SDK's req/s, ${scenarioName(item)} at concurrency ${concurrency}`,
      measured: exactRatio(item.requestsPerSecond),
      cpu: ratio(item.clientCpu),
      met: item.requestsPerSecond.median >= MIN_OURS_VS_SDK,
    });
  }
  for (const item of bench.idealVsOurs) {
    checks.push({
      target: `ideal loop ≤ ${MAX_IDEAL_VS_OURS.toFixed(2)}× our req/s, ${scenarioName(item)} at concurrency ${item.concurrency}`,
      measured: exactRatio(item.requestsPerSecond),
      cpu: ratio(item.clientCpu),
      met: item.requestsPerSecond.median <= MAX_IDEAL_VS_OURS,
    });
  }
  checks.push({
    target: `loading the client adds ≤ ${MAX_LOAD_ADDED_MS} ms to a fresh process`,
    measured: formatSpread(load.addedMs, 3, " ms"),
    cpu: formatSpread(load.addedCpuMs, 3, " ms"),
    met: load.addedMs.median <= MAX_LOAD_ADDED_MS,
  });
  return checks;
}

/** The targets table. */
export function targetsTable(checks: TargetCheck[]): string {
  return table(
    ["Target", "Measured", "Met", "Same in client CPU"],
    checks.map((check) => [check.target, check.measured, check.met ? "yes" : "**no**", check.cpu]),
  );
}

/** Throughput, latency and CPU per client and scenario. */
export function throughputTable(bench: ClientBenchResult): string {
  const rows = bench.cells.map((cell) => [
    scenarioName(cell),
    String(cell.concurrency),
    cell.client,
    formatSpread(cell.requestsPerSecond),
    formatSpread(cell.p50Ms),
    formatSpread(cell.p99Ms),
    formatSpread(cell.clientCpuMicros),
    formatSpread(cell.emulatorCpuMicros),
  ]);
  return table(["Call", "Conc.", "Client", "req/s", "p50 ms", "p99 ms", "client CPU µs/req", "emulator CPU µs/req"], rows, [
    "left",
    "right",
    "left",
    "right",
    "right",
    "right",
    "right",
    "right",
  ]);
}

/** The ratios, per scenario. */
export function ratioTable(bench: ClientBenchResult): string {
  const rows = bench.oursVsSdk.map((versusSdk: RatioSummary, index) => {
    const versusIdeal = bench.idealVsOurs[index];
    return [
      scenarioName(versusSdk),
      String(versusSdk.concurrency),
      ratio(versusSdk.requestsPerSecond),
      ratio(versusSdk.clientCpu),
      ratio(versusIdeal.requestsPerSecond),
      ratio(versusIdeal.clientCpu),
    ];
  });
  return table(["Call", "Conc.", "req/s ours ÷ sdk", "CPU/req sdk ÷ ours", "req/s ideal ÷ ours", "CPU/req ours ÷ ideal"], rows, [
    "left",
    "right",
    "right",
    "right",
    "right",
    "right",
  ]);
}

/** Load time of the client against an empty process. */
export function loadTable(load: LoadTimeResult): string {
  return table(
    ["Process", "Wall ms", "CPU ms"],
    [
      ['`node -e ""`', formatSpread(load.emptyMs), formatSpread(load.emptyCpuMs)],
      [`\`node -e "require('${load.module}')"\``, formatSpread(load.requireMs), formatSpread(load.requireCpuMs)],
      ["Added by the client (per-round difference)", formatSpread(load.addedMs), formatSpread(load.addedCpuMs)],
      ["`require` alone, timed inside the process", formatSpread(load.inProcessMs), ""],
    ],
    ["left", "right", "right"],
  );
}

/** The machine, for the record. */
export function machineLine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? "unknown CPU";
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${model}, ${processors.length} logical cores, ${memory} GiB, ${type()} ${release()}, Node ${process.version}`;
}

/** The machine's 1-minute load average at the start and the end of the run. */
export interface MachineLoad {
  start: number;
  end: number;
}

/** The whole `## CI client` section. */
export function renderSection(
  bench: ClientBenchResult,
  load: LoadTimeResult,
  checks: TargetCheck[],
  when: Date,
  machineLoad: MachineLoad,
): string {
  const o = bench.options;
  return [
    SECTION_HEADING,
    "",
    `Run of ${when.toISOString().slice(0, 10)} (\`npm run bench\`) on ${machineLine()}, a machine shared with other work. ` +
      `Each cell ran ${o.sequentialRequests} requests one at a time or ${o.concurrentRequests} with ${o.concurrency} in flight, ` +
      `after ${o.warmupRequests} untimed requests per cell, in ${o.rounds} rounds that interleave the clients (${bench.seconds.toFixed(0)} s in all). ` +
      "Figures are medians over the rounds with the lowest and highest round in brackets; a ratio is taken within each round, then summarised. " +
      `The 1-minute load average was ${machineLoad.start.toFixed(1)} at the start and ${machineLoad.end.toFixed(1)} at the end ` +
      `(${cpus().length} cores): above the core count, other work competed with the run and the spreads widen.`,
    "",
    "The emulator ran on loopback in a process of its own, with jobs that never change state, so that it does the same work for every " +
      "client (read, verify the signature, store or look up the job, answer); every call must get a 200 and a job, or the run stops. " +
      "Its CPU per request is in the last column. The client and the emulator share the machine's cores, so a client's throughput is " +
      "bounded by its own CPU per request plus the emulator's: the emulator's share, the same for all clients, pulls the throughput ratios " +
      "towards 1. The client CPU per request is the client's own cost, measured in the client's process alone.",
    "",
    "### Targets",
    "",
    targetsTable(checks),
    "",
    "### Throughput and latency",
    "",
    throughputTable(bench),
    "",
    "### Ratios",
    "",
    ratioTable(bench),
    "",
    "### Loading the client",
    "",
    loadTable(load),
    "",
    "CPU ms is the process's own user and system time, which it reports as it ends; wall ms includes starting the process. " +
      `Loading the client brings ${load.modules} modules into the require cache; undici is ${load.loadsUndici ? "**among them**" : "not among them (it is loaded on the first request)"}.`,
    "",
    "### The clients",
    "",
    ...CLIENT_NAMES.map((name) => `- \`${name}\`: ${bench.descriptions[name]}.`),
    "",
  ].join("\n");
}
