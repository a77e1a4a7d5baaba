/**
 * `pulumi up`, `refresh` and `destroy` of many InventoryTriggerJobs against the emulator, next to the
 * same commands on as many no-op dynamic resources of the same shape: the difference is what the
 * job provider (its code, its HTTP calls, the emulator answering them) adds to the engine's own
 * cost per resource.
 *
 * Each round runs every command on both stacks back to back, alternating which goes first, so the
 * two figures of a pair share the machine's load; a round's ratio is jobs over no-op for that pair.
 */
import type { RunningEmulator } from "../../emulator";
import type { StackExport } from "../../scripts/pulumiCli";
import { spread, type Spread } from "../stats";
import { SCALE_COMMANDS, ScaleStack, type ScaleCommand, type ScaleKind } from "./scaleStack";

/** Settings of {@link runEngineBench}. */
export interface EngineBenchOptions {
  resources: number;
  rounds: number;
  /** Resources of the untimed warm-up cycle (`up` then `destroy`) of each stack; 0 for none. */
  warmupResources: number;
  log: (line: string) => void;
}

/** One timed command. */
export interface EngineSample {
  round: number;
  kind: ScaleKind;
  command: ScaleCommand;
  wallMs: number;
  cpuMs: number;
  /** CPU of this process (the emulator) while the command ran, ms. */
  emulatorCpuMs: number;
  /** Requests the emulator received while the command ran. */
  requests: number;
}

/** One command summarised over the rounds. */
export interface CommandSummary {
  command: ScaleCommand;
  jobsWallMs: Spread;
  noopWallMs: Spread;
  /** Per round: jobs wall time over no-op wall time. */
  wallRatio: Spread;
  jobsCpuMs: Spread;
  noopCpuMs: Spread;
  /** Per round: jobs CPU over no-op CPU. */
  cpuRatio: Spread;
  emulatorCpuMs: Spread;
  /** Emulator requests per resource, jobs stack. */
  requestsPerResource: number;
}

/** What {@link runEngineBench} measured. */
export interface EngineBenchResult {
  options: Omit<EngineBenchOptions, "log">;
  samples: EngineSample[];
  commands: CommandSummary[];
  /** State of each stack after the last round's refresh, for the provider's footprint. */
  exports: Record<ScaleKind, StackExport>;
}

/** Runs the comparison on two fresh stacks and removes them afterwards. */
export async function runEngineBench(emulator: RunningEmulator, options: EngineBenchOptions): Promise<EngineBenchResult> {
  const { log } = options;
  const stacks: Partial<Record<ScaleKind, ScaleStack>> = {};
  try {
    stacks.jobs = await ScaleStack.create("jobs", emulator);
    stacks.noop = await ScaleStack.create("noop", emulator);
    const both = { jobs: stacks.jobs, noop: stacks.noop };
    if (options.warmupResources > 0) {
      for (const stack of Object.values(both)) {
        log(`warm-up: ${stack.kind}, ${options.warmupResources} resources`);
        await stack.setCount(options.warmupResources);
        await stack.run("up");
        await stack.run("destroy");
      }
      emulator.backend.reset();
    }
    for (const stack of Object.values(both)) await stack.setCount(options.resources);

    const samples: EngineSample[] = [];
    let exports: Record<ScaleKind, StackExport> | undefined;
    for (let round = 0; round < options.rounds; round++) {
      const order: ScaleKind[] = round % 2 === 0 ? ["jobs", "noop"] : ["noop", "jobs"];
      for (const command of SCALE_COMMANDS) {
        for (const kind of order) {
          samples.push(await timedCommand(emulator, both[kind], command, round));
          const last = samples[samples.length - 1];
          log(
            `round ${round + 1}/${options.rounds} ${kind.padEnd(4)} ${command.padEnd(7)} ${(last.wallMs / 1000).toFixed(1)} s wall, ${(last.cpuMs / 1000).toFixed(1)} s CPU`,
          );
        }
        if (command === "refresh" && round === options.rounds - 1) {
          exports = { jobs: await both.jobs.exportStack(), noop: await both.noop.exportStack() };
        }
      }
      // Cancelled jobs stay listed; start every round from an empty service.
      emulator.backend.reset();
    }
    if (exports === undefined) throw new Error("no round ran");
    return {
      options: { resources: options.resources, rounds: options.rounds, warmupResources: options.warmupResources },
      samples,
      commands: summarise(samples, options.resources),
      exports,
    };
  } finally {
    for (const stack of Object.values(stacks))
      await stack.close().catch((error: unknown) => log(`cleanup of the ${stack.kind} stack failed: ${String(error)}`));
  }
}

async function timedCommand(emulator: RunningEmulator, stack: ScaleStack, command: ScaleCommand, round: number): Promise<EngineSample> {
  const requestsBefore = emulator.requests.entries.length;
  const cpuBefore = process.cpuUsage();
  const result = await stack.run(command);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    round,
    kind: stack.kind,
    command,
    wallMs: result.wallMs,
    cpuMs: result.cpuMs,
    emulatorCpuMs: (cpu.user + cpu.system) / 1000,
    requests: emulator.requests.entries.length - requestsBefore,
  };
}

/** Medians and ranges per command; the ratios pair the two kinds of the same round. */
export function summarise(samples: readonly EngineSample[], resources: number): CommandSummary[] {
  return SCALE_COMMANDS.map((command) => {
    const of = (kind: ScaleKind) =>
      samples.filter((sample) => sample.command === command && sample.kind === kind).sort((a, b) => a.round - b.round);
    const jobs = of("jobs");
    const noop = of("noop");
    const pairs = jobs
      .map((sample) => [sample, noop.find((other) => other.round === sample.round)] as const)
      .filter((pair): pair is readonly [EngineSample, EngineSample] => pair[1] !== undefined);
    return {
      command,
      jobsWallMs: spread(jobs.map((sample) => sample.wallMs)),
      noopWallMs: spread(noop.map((sample) => sample.wallMs)),
      wallRatio: spread(pairs.map(([a, b]) => a.wallMs / b.wallMs)),
      jobsCpuMs: spread(jobs.map((sample) => sample.cpuMs)),
      noopCpuMs: spread(noop.map((sample) => sample.cpuMs)),
      cpuRatio: spread(pairs.map(([a, b]) => a.cpuMs / b.cpuMs)),
      emulatorCpuMs: spread(jobs.map((sample) => sample.emulatorCpuMs)),
      requestsPerResource: spread(jobs.map((sample) => sample.requests)).median / resources,
    };
  });
}
