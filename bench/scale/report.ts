/**
 * The scale benchmark's results as tables (Markdown, padded so they also read in a terminal), the
 * targets they are held to, the charts, and the `## Scale` section of `docs/performance.md`, which
 * replaces only its own section of that file.
 */
import { cpus, loadavg, release, type } from "node:os";
import { formatNumber, formatSpread, type Spread } from "../stats";
import type { EngineBenchResult } from "./engineBench";
import type { ListBenchResult } from "./listBench";
import type { ProviderAloneResult } from "./providerAlone";
import type { InstalledFootprint, ProviderFootprint } from "./providerSize";
import { renderBarChart } from "./svgChart";

/** The heading of this benchmark's section of the performance document. */
export const SECTION_HEADING = "## Scale";

/** Jobs' wall time over the no-op resources', per command. */
export const MAX_ENGINE_RATIO = 1.15;
/** Bytes of `__provider` per resource, as users install the package. */
export const MAX_PROVIDER_BYTES = 2 * 1024;
/** Peak RSS growth while streaming a listing, bytes. */
export const MAX_LIST_RSS_GROWTH = 50 * 2 ** 20;

/** Everything one run measured. */
export interface ScaleResults {
  when: Date;
  /** Load averages (1, 5, 15 min) when the run started. */
  loadAtStart: number[];
  engine: EngineBenchResult;
  /** The provider's handlers run without the engine, a fresh process per command. */
  alone: ProviderAloneResult;
  linked: ProviderFootprint;
  noopProvider: ProviderFootprint;
  /** Undefined when the installed measurement was skipped. */
  installed?: InstalledFootprint;
  list: ListBenchResult;
}

/** A target and how the run did against it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The charts, by file name under the charts folder. */
export type Charts = Record<string, string>;

/** Lays out a Markdown table with padded columns. */
export function table(headers: string[], rows: string[][], align: ("left" | "right")[] = []): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length), 3));
  const pad = (text: string, column: number) => (align[column] === "right" ? text.padStart(widths[column]) : text.padEnd(widths[column]));
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (align[column] === "right" ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

const ratio = (value: Spread) => formatSpread(value, 3, "×");
const seconds = (value: Spread) =>
  formatSpread({ ...value, median: value.median / 1000, min: value.min / 1000, max: value.max / 1000 }, 3, " s");
const mib = (bytes: number) => `${formatNumber(bytes / 2 ** 20, 3)} MiB`;
const mibSpread = (value: Spread) =>
  formatSpread({ ...value, median: value.median / 2 ** 20, min: value.min / 2 ** 20, max: value.max / 2 ** 20 }, 3, " MiB");
const bytes = (value: number) => `${value.toLocaleString("en-US")} B`;
/** A count as a whole number when it is one. */
const count = (value: number) => (Number.isInteger(value) ? String(value) : formatNumber(value, 3));

/** Checks the run against the targets. */
export function checkTargets(results: ScaleResults): TargetCheck[] {
  const { resources } = results.engine.options;
  const checks: TargetCheck[] = results.engine.commands.map((command) => ({
    target: `\`pulumi ${command.command}\` of ${resources} jobs ≤ ${MAX_ENGINE_RATIO}× the no-op resources' wall time`,
    measured: ratio(command.wallRatio),
    met: command.wallRatio.median <= MAX_ENGINE_RATIO,
  }));
  if (results.installed !== undefined) {
    checks.push({
      target: `\`__provider\` ≤ ${formatNumber(MAX_PROVIDER_BYTES / 1024)} KiB per resource, package installed (what users get)`,
      measured: bytes(results.installed.providerBytes),
      met: results.installed.providerBytes <= MAX_PROVIDER_BYTES,
    });
  }
  checks.push({
    target: `\`__provider\` ≤ ${formatNumber(MAX_PROVIDER_BYTES / 1024)} KiB per resource, linked checkout (this repository only)`,
    measured: bytes(results.linked.providerBytes),
    met: results.linked.providerBytes <= MAX_PROVIDER_BYTES,
  });
  const stream = results.list.modes.stream;
  checks.push({
    target: `peak RSS growth ≤ ${mib(MAX_LIST_RSS_GROWTH)} streaming \`listJobs\` over ${results.list.options.jobs.toLocaleString("en-US")} jobs`,
    measured: mibSpread(stream.rssGrowth),
    met: stream.rssGrowth.median <= MAX_LIST_RSS_GROWTH,
  });
  return checks;
}

export function targetsTable(checks: TargetCheck[]): string {
  return table(
    ["Target", "Measured (median, range)", "Met"],
    checks.map((check) => [check.target, check.measured, check.met ? "yes" : "**no**"]),
  );
}

/** Wall and CPU time per command and kind, with the ratios and where the jobs' extra CPU goes. */
export function engineTable(engine: EngineBenchResult, alone: ProviderAloneResult): string {
  return table(
    [
      "Command",
      "Jobs wall",
      "No-op wall",
      "Wall ratio",
      "Jobs CPU",
      "No-op CPU",
      "CPU ratio",
      "Extra CPU",
      "… provider alone",
      "… emulator",
      "Requests / job",
    ],
    engine.commands.map((command) => [
      `\`${command.command}\``,
      seconds(command.jobsWallMs),
      seconds(command.noopWallMs),
      ratio(command.wallRatio),
      seconds(command.jobsCpuMs),
      seconds(command.noopCpuMs),
      ratio(command.cpuRatio),
      `${formatNumber(command.jobsCpuMs.median - command.noopCpuMs.median, 3)} ms`,
      formatSpread(alone.commands[command.command].totalCpuMs, 3, " ms"),
      formatSpread(command.emulatorCpuMs, 3, " ms"),
      count(command.requestsPerResource),
    ]),
    ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
}

/** The provider's size in state, linked and installed, with the no-op provider for scale. */
export function providerTable(results: ScaleResults): string {
  const row = (what: string, footprint: ProviderFootprint | undefined): string[] =>
    footprint === undefined
      ? [what, "not measured", "", "", ""]
      : [
          what,
          footprint.form,
          bytes(footprint.providerBytes),
          bytes(footprint.providerBytesPerResource),
          bytes(footprint.entryBytesPerResource),
        ];
  return table(
    ["Program", "Stored as", "`__provider`", "`__provider` in state / resource (inputs + outputs)", "Whole state entry / resource"],
    [
      row("InventoryTriggerJob, package installed from its tarball (**what users get**)", results.installed),
      row("InventoryTriggerJob, package linked to this checkout (this repository)", results.linked),
      row("No-op dynamic resource declared in the program (reference)", results.noopProvider),
    ],
    ["left", "left", "right", "right", "right"],
  );
}

/** Listing throughput and memory, streaming and collecting. */
export function listTable(list: ListBenchResult): string {
  const { modes } = list;
  const row = (label: string, mode: keyof typeof modes): string[] => [
    label,
    formatSpread(modes[mode].pagesPerSecond, 3),
    formatSpread(modes[mode].jobsPerSecond, 3),
    mibSpread(modes[mode].rssGrowth),
    mibSpread(modes[mode].rssGrowthFirstTenth),
    mibSpread(modes[mode].rssGrowthSecond),
    mibSpread(modes[mode].heapKept),
    formatSpread(modes[mode].clientCpuPerPageMs, 3, " ms"),
    formatSpread(modes[mode].emulatorCpuPerPageMs, 3, " ms"),
  ];
  return table(
    [
      "Consumer",
      "Pages/s",
      "Jobs/s",
      "Peak RSS growth",
      "… over the first 10 %",
      "Peak RSS growth, 2nd listing",
      "Heap kept at the end",
      "Client CPU / page",
      "Emulator CPU / page",
    ],
    [row("`for await` over `listJobs`, each job dropped", "stream"), row("`listJobs` collected into an array (baseline)", "collect")],
    ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
}

/** The SVG charts of a run, by file name. */
export function renderCharts(results: ScaleResults): Charts {
  const { resources } = results.engine.options;
  const charts: Charts = {
    "scale-engine-ratios.svg": renderBarChart({
      title: `${resources} InventoryTriggerJobs vs ${resources} no-op dynamic resources: wall time ratio`,
      unit: "×",
      bars: results.engine.commands.map((command) => ({
        label: `pulumi ${command.command}`,
        value: command.wallRatio.median,
        min: command.wallRatio.min,
        max: command.wallRatio.max,
      })),
      target: { value: MAX_ENGINE_RATIO, label: "target" },
      baseline: { value: 1, label: "no-op" },
    }),
    "scale-provider-size.svg": renderBarChart({
      title: "Serialized provider (__provider) per resource",
      unit: " KiB",
      bars: [
        ...(results.installed === undefined ? [] : [{ label: "installed (users)", value: results.installed.providerBytes / 1024 }]),
        { label: "linked checkout", value: results.linked.providerBytes / 1024 },
        { label: "no-op provider", value: results.noopProvider.providerBytes / 1024 },
      ],
      target: { value: MAX_PROVIDER_BYTES / 1024, label: "target" },
    }),
    "scale-list-memory.svg": renderBarChart({
      title: `listJobs over ${results.list.options.jobs.toLocaleString("en-US")} jobs: peak RSS growth`,
      unit: " MiB",
      bars: (["stream", "collect"] as const).map((mode) => {
        const growth = results.list.modes[mode].rssGrowth;
        return {
          label: mode === "stream" ? "streaming" : "collected (baseline)",
          value: growth.median / 2 ** 20,
          min: growth.min / 2 ** 20,
          max: growth.max / 2 ** 20,
        };
      }),
      target: { value: MAX_LIST_RSS_GROWTH / 2 ** 20, label: "target" },
    }),
  };
  return charts;
}

/** The `## Scale` section, referring to the charts by their file names (beside the document). */
export function renderSection(results: ScaleResults, checks: TargetCheck[]): string {
  const { engine, list } = results;
  const { resources, rounds, warmupResources } = engine.options;
  const cpu = cpus();
  const load = results.loadAtStart.map((value) => value.toFixed(1)).join(", ");
  const up = engine.commands.find((command) => command.command === "up");
  const refresh = engine.commands.find((command) => command.command === "refresh");
  return [
    SECTION_HEADING,
    "",
    `Measured by \`bench/scale/index.ts\` on ${results.when.toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ` +
      `${type()} ${release()}, Node ${process.version}; load average ${load} (1, 5, 15 min) when the run started, on a machine shared with other work.`,
    "",
    "### Targets",
    "",
    targetsTable(checks),
    "",
    `### \`pulumi up\`, \`refresh\` and \`destroy\` of ${resources} resources`,
    "",
    `The program \`bench/fixtures/scale\` declares either ${resources} InventoryTriggerJobs against a local emulator or ${resources} no-op ` +
      "dynamic resources with the same inputs and outputs, whose provider returns at once. Both stacks run the real CLI with the same config. " +
      `After one untimed \`up\`/\`destroy\` of ${warmupResources} resources per stack, each of ${rounds} rounds runs every command on both stacks ` +
      "back to back, alternating which goes first; a ratio is the jobs' time over the no-op time of the same round (median, range over rounds). " +
      "CPU is the CLI's and every process it waited for (language host, program, dynamic provider), from the shell's `times`; the emulator " +
      "ran inside the benchmark process, whose CPU is the emulator column. Emulator jobs never change state, so `destroy` cancels every job.",
    "",
    engineTable(engine, results.alone),
    "",
    "![Wall time ratio per command](scale-engine-ratios.svg)",
    "",
    `Per job, \`up\` makes ${up === undefined ? "2" : count(up.requestsPerResource)} requests (a list by name, so that an interrupted deploy ` +
      "adopts its job, then the trigger), `refresh` one query, `destroy` one cancel (state holds each job's last state; a query comes first " +
      "only where none is known). The extra CPU is the jobs' median CPU minus the " +
      'no-op median. "Provider alone" is what the InventoryTriggerJob handlers cost without the engine: for each command a fresh process ' +
      `loads them and makes that command's calls for ${resources} jobs at once against the same emulator ` +
      `(${results.alone.rounds} rounds; loading and configuring the handlers takes ${formatSpread(results.alone.commands.refresh.loadCpuMs, 3, " ms")} of it, ` +
      "and the HTTP client, undici's two dispatchers without the rest of the package, is loaded on the first request). The engine's dynamic-provider process also lives for one command, so this work " +
      "runs in a cold process every time" +
      (refresh === undefined
        ? ". "
        : `: for \`refresh\`, ${formatNumber((results.alone.commands.refresh.totalCpuMs.median - results.alone.commands.refresh.loadCpuMs.median) / (resources * refresh.requestsPerResource), 3)} ms ` +
          "of CPU per query, the HTTP client's loading included, while none of its code is optimised yet. ") +
      "What the extra CPU holds beyond the provider and the emulator is the engine's share (larger gRPC messages, and the progress line " +
      "per job that `up` and `destroy` print).",
    "",
    "### Serialized provider in state",
    "",
    "Every dynamic resource carries its provider in state as `__provider`, once in its inputs and once in its outputs. Inside this " +
      "repository `node_modules/pulumi-tencent-ci` links to the checkout, so the serializer stores the provider object by value. " +
      "The installed row packs the repository (`npm pack`), installs the tarball with the pinned `@pulumi/pulumi` into a temporary " +
      `project outside the repository and deploys the same ${resources} jobs: there the provider is a module of an installed package ` +
      "and is stored as one `require`, which is what users get.",
    "",
    providerTable(results),
    "",
    "![Serialized provider per resource](scale-provider-size.svg)",
    "",
    `### \`listJobs\` over ${list.options.jobs.toLocaleString("en-US")} jobs`,
    "",
    `The emulator holds ${list.options.jobs.toLocaleString("en-US")} jobs, seeded through its backend from the bodies a trigger sends ` +
      `(${formatNumber(list.seedMs / 1000, 2)} s). Each of ${list.options.rounds} rounds lists them all with \`size\` ${list.options.pageSize} ` +
      "in a fresh process per consumer, alternating the order: once streaming (`for await`, each job dropped), once collecting every job into an array. " +
      "RSS growth is the highest RSS sampled every 2 ms and at each page, minus the RSS just before the listing, after a warm-up page " +
      "and a full GC; the heap kept is the heap used after a full GC at the end, with the collected jobs still held, minus before. " +
      "Throughput and growth are those of the process's first listing, except the column of the second listing of everything by the same process.",
    "",
    listTable(list),
    "",
    `Streaming over collecting, per round: throughput ${ratio(list.throughputRatio)}, peak RSS growth ${ratio(list.rssGrowthRatio)}. ` +
      "A first listing's RSS growth is mostly a one-off cost of the process (the heap's young generation growing to its working size " +
      "and compiled code), not jobs kept: compare the growth over the first 10 % of the jobs with the whole listing's, and the second listing's. " +
      `A page costs the client ${formatSpread(list.modes.stream.clientCpuPerPageMs, 3, " ms")} of CPU (receiving, decoding the XML, building the jobs) ` +
      `and the emulator ${formatSpread(list.modes.stream.emulatorCpuPerPageMs, 3, " ms")} (it sorts and filters its whole job list for every page); ` +
      "the two share the machine's cores with each other and with other work, so pages per second are bounded by their sum, not by the iterator.",
    "",
    "![Peak RSS growth while listing](scale-list-memory.svg)",
    "",
  ].join("\n");
}

/** The machine's load average over 1, 5 and 15 minutes, printed with the figures it colours. */
export function currentLoad(): number[] {
  return loadavg();
}
