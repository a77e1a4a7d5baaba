/**
 * `npm run bench:scale`: how the provider scales, each figure next to a baseline of the same run.
 *
 * 1. `pulumi up`, `refresh`, `destroy` of many InventoryTriggerJobs against the emulator versus as
 *    many no-op dynamic resources of the same shape, in alternating rounds, and the provider's
 *    handlers making the same calls without the engine, to show where the difference goes;
 * 2. the serialized provider (`__provider`) per resource in state, with the package linked to this
 *    checkout and installed from its tarball into a project outside the repository;
 * 3. `CiClient.listJobs` over many emulator jobs: pages and jobs per second and peak RSS growth,
 *    streaming versus collecting into an array.
 *
 * Prints the tables, then writes the `## Scale` section of `docs/performance.md` and its SVG charts.
 *
 *   node dist/bench/scale/index.js [--resources 100] [--rounds 3] [--warmup-resources 10]
 *     [--jobs 10000] [--page-size 100] [--list-rounds 4] [--skip-installed]
 *     [--out docs/performance.md] [--dry-run]
 *
 * Needs a build (`npm run build`): the installed measurement packs `dist/`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../../emulator";
import { INVENTORY_TRIGGER_JOB_TYPE } from "../../sdk/inventoryTriggerJob";
import { runEngineBench } from "./engineBench";
import { runListBench } from "./listBench";
import { measureProviderAlone, type ProviderAloneResult } from "./providerAlone";
import { measureInstalled, providerFootprint, type InstalledFootprint } from "./providerSize";
import {
  checkTargets,
  currentLoad,
  engineTable,
  listTable,
  providerTable,
  renderCharts,
  renderSection,
  targetsTable,
  type ScaleResults,
} from "./report";
import { writeSection } from "../performanceDoc";

/** Project root, from `dist/bench/scale/`. */
const ROOT = resolve(__dirname, "..", "..", "..");

/** The type token of the fixture's no-op resources. */
const NOOP_TYPE = "pulumi-nodejs:dynamic/bench:NoopJob";

const USAGE = `Usage: node dist/bench/scale/index.js [options]
  --resources <n>         resources per stack (default 100)
  --rounds <n>            alternating rounds of up/refresh/destroy (default 3)
  --warmup-resources <n>  resources of the untimed up/destroy per stack; 0 for none (default 10)
  --jobs <n>              jobs the emulator holds for the listing (default 10000)
  --page-size <n>         listJobs page size, 1-100 (default 100)
  --list-rounds <n>       alternating rounds of the listing (default 4)
  --skip-installed        do not pack and install the package to measure its provider
  --out <file>            Markdown file to write the section into (default docs/performance.md);
                          the charts go beside it
  --dry-run               print only; write no file
  --help                  show this text`;

/** The settings of one run. */
export interface ScaleSettings {
  resources: number;
  rounds: number;
  warmupResources: number;
  jobs: number;
  pageSize: number;
  listRounds: number;
  skipInstalled: boolean;
  out: string;
  dryRun: boolean;
  help: boolean;
}

const NUMERIC = {
  resources: { fallback: 100, min: 1, max: Number.MAX_SAFE_INTEGER },
  rounds: { fallback: 3, min: 1, max: Number.MAX_SAFE_INTEGER },
  "warmup-resources": { fallback: 10, min: 0, max: Number.MAX_SAFE_INTEGER },
  jobs: { fallback: 10_000, min: 1, max: Number.MAX_SAFE_INTEGER },
  "page-size": { fallback: 100, min: 1, max: 100 },
  "list-rounds": { fallback: 4, min: 1, max: Number.MAX_SAFE_INTEGER },
} as const;

/** Reads the settings from the command line. */
export function parseScaleArgs(argv: string[]): ScaleSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      resources: { type: "string" },
      rounds: { type: "string" },
      "warmup-resources": { type: "string" },
      jobs: { type: "string" },
      "page-size": { type: "string" },
      "list-rounds": { type: "string" },
      "skip-installed": { type: "boolean", default: false },
      out: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const number = (name: keyof typeof NUMERIC): number => {
    const spec = NUMERIC[name];
    const text = values[name];
    if (text === undefined) return spec.fallback;
    if (!/^\d+$/.test(text) || Number(text) < spec.min || Number(text) > spec.max) {
      throw new Error(
        `--${name} must be a whole number from ${spec.min}${spec.max < Number.MAX_SAFE_INTEGER ? ` to ${spec.max}` : " up"}, not '${text}'`,
      );
    }
    return Number(text);
  };
  return {
    resources: number("resources"),
    rounds: number("rounds"),
    warmupResources: number("warmup-resources"),
    jobs: number("jobs"),
    pageSize: number("page-size"),
    listRounds: number("list-rounds"),
    skipInstalled: values["skip-installed"],
    out: resolve(ROOT, values.out ?? "docs/performance.md"),
    dryRun: values["dry-run"],
    help: values.help,
  };
}

async function main(argv: string[]): Promise<void> {
  let settings: ScaleSettings;
  try {
    settings = parseScaleArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (settings.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = (line: string) => process.stderr.write(`bench:scale: ${line}\n`);
  const started = performance.now();
  const when = new Date();
  const loadAtStart = currentLoad();

  // Jobs that never change state: every round asks the same of the emulator.
  const emulator = await startEmulator({ lifecycle: { transitions: [] }, faults: {} });
  let engine: Awaited<ReturnType<typeof runEngineBench>>;
  let alone: ProviderAloneResult;
  let installed: InstalledFootprint | undefined;
  try {
    log(`emulator at ${emulator.url}; ${settings.resources} resources, ${settings.rounds} rounds`);
    engine = await runEngineBench(emulator, {
      resources: settings.resources,
      rounds: settings.rounds,
      warmupResources: settings.warmupResources,
      log,
    });
    log(`provider alone: ${settings.rounds} rounds`);
    alone = await measureProviderAlone(emulator, settings.resources, settings.rounds);
    if (!settings.skipInstalled) {
      installed = await measureInstalled(emulator, INVENTORY_TRIGGER_JOB_TYPE, { resources: settings.resources, log });
    }
  } finally {
    await emulator.close();
  }
  log(`listing: ${settings.jobs} jobs, page size ${settings.pageSize}, ${settings.listRounds} rounds`);
  const list = await runListBench({ jobs: settings.jobs, pageSize: settings.pageSize, rounds: settings.listRounds, log });

  const results: ScaleResults = {
    when,
    loadAtStart,
    engine,
    alone,
    linked: providerFootprint(engine.exports.jobs, INVENTORY_TRIGGER_JOB_TYPE),
    noopProvider: providerFootprint(engine.exports.noop, NOOP_TYPE),
    installed,
    list,
  };
  const checks = checkTargets(results);
  process.stdout.write(
    [targetsTable(checks), "", engineTable(engine, alone), "", providerTable(results), "", listTable(list), ""].join("\n"),
  );
  if (!settings.dryRun) {
    writeSection(settings.out, renderSection(results, checks));
    for (const [name, svg] of Object.entries(renderCharts(results))) {
      const file = join(dirname(settings.out), name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, svg);
    }
    log(`wrote ${settings.out} and its charts`);
  }
  const missed = checks.filter((check) => !check.met).length;
  log(`done in ${((performance.now() - started) / 60_000).toFixed(1)} min${missed > 0 ? `; ${missed} target(s) missed` : ""}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench:scale: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
