/**
 * The InventoryTriggerJob provider's own work, without the engine. For each command a fresh process
 * loads the provider's handlers and makes that command's calls for as many resources as the engine
 * benchmark declares, all at once, against the same emulator: like the engine's dynamic-provider
 * process, which lives for one command. Its CPU is the part of the jobs' extra CPU that the provider
 * itself spends; the rest is the emulator's and the engine's.
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID, type RunningEmulator } from "../../emulator";
import { spread, type Spread } from "../stats";
import type { AloneAnswer, AloneResource, AloneTask } from "./providerAloneWorker";
import { SCALE_COMMANDS, type ScaleCommand } from "./scaleStack";

/** One command's cost summarised over the rounds, ms. */
export interface AloneCommand {
  /** Requiring and configuring the handlers. */
  loadCpuMs: Spread;
  /** Load and calls together: what the command costs the provider's process. */
  totalCpuMs: Spread;
}

/** What {@link measureProviderAlone} found. */
export interface ProviderAloneResult {
  resources: number;
  rounds: number;
  commands: Record<ScaleCommand, AloneCommand>;
}

/** Runs `rounds` rounds of `up`, `refresh`, `destroy`, each command in a fresh process, emptying the emulator between rounds. */
export async function measureProviderAlone(emulator: RunningEmulator, resources: number, rounds: number): Promise<ProviderAloneResult> {
  const answers: Record<ScaleCommand, AloneAnswer[]> = { up: [], refresh: [], destroy: [] };
  for (let round = 0; round < rounds; round++) {
    let existing: AloneResource[] = [];
    for (const command of SCALE_COMMANDS) {
      const answer = await runChild({
        command,
        url: emulator.url,
        secretId: DEMO_CREDENTIALS.secretId,
        secretKey: DEMO_CREDENTIALS.secretKey,
        workflowId: DEMO_WORKFLOW_ID,
        resources,
        scope: `bench-scale/alone-${round}`,
        existing,
      });
      answers[command].push(answer);
      if (command !== "destroy") existing = answer.resources;
    }
    emulator.backend.reset();
  }
  const summary = (command: ScaleCommand): AloneCommand => ({
    loadCpuMs: spread(answers[command].map((answer) => answer.loadCpuMs)),
    totalCpuMs: spread(answers[command].map((answer) => answer.loadCpuMs + answer.callsCpuMs)),
  });
  return { resources, rounds, commands: { up: summary("up"), refresh: summary("refresh"), destroy: summary("destroy") } };
}

function runChild(task: AloneTask): Promise<AloneAnswer> {
  return new Promise((resolve, reject) => {
    // The handlers write a progress line per job to stderr, as in the engine's provider process.
    const child = fork(path.join(__dirname, "providerAloneWorker.js"), [], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    child.stderr?.resume();
    let answer: { result?: AloneAnswer; error?: string } | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("message", (message: { result?: AloneAnswer; error?: string }) => (answer = message));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (answer?.result !== undefined) resolve(answer.result);
      else reject(new Error(answer?.error ?? `the provider process exited with code ${String(code)} and no result`));
    });
    child.send(task);
  });
}
