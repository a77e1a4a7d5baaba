/**
 * The child of {@link measureProviderAlone}: loads the InventoryTriggerJob provider's handlers in a
 * fresh process and makes one command's calls, as the engine's dynamic-provider process does for the
 * fixture's jobs, all at once: `check` and `create` for `up`, `read` for `refresh`, `remove` for
 * `destroy`.
 */
import type { CreateResult } from "../../provider/dynamic";
import type { ScaleCommand } from "./scaleStack";

/** A resource as the engine hands it back to the provider: its id and its outputs. */
export interface AloneResource {
  id: string;
  props: Record<string, unknown>;
}

/** What the parent sends. */
export interface AloneTask {
  command: ScaleCommand;
  url: string;
  secretId: string;
  secretKey: string;
  workflowId: string;
  /** For `up`: how many jobs to create. */
  resources: number;
  /** The auto-name scope (`<project>/<stack>`), distinct per round so that no job is adopted. */
  scope: string;
  /** For `refresh` and `destroy`: the resources `up` created. */
  existing: AloneResource[];
}

/** What one command cost a fresh process, ms. */
export interface AloneAnswer {
  /** Requiring the handlers and configuring them. */
  loadCpuMs: number;
  /** The calls, the lazy loading of the HTTP client on the first request included. */
  callsCpuMs: number;
  callsWallMs: number;
  /** The resources after the command: created by `up`, read by `refresh`. */
  resources: AloneResource[];
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function serve(task: AloneTask): Promise<AloneAnswer> {
  const loadStart = process.cpuUsage();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the provider is part of what is measured
  const { dynamicHandlers: handlers } = require("../../provider") as typeof import("../../provider");
  const config: Record<string, string> = {
    "tencent-ci:endpoint": task.url,
    "tencent-ci:secretId": task.secretId,
    "tencent-ci:secretKey": task.secretKey,
  };
  handlers.configure({ get: (key) => config[key] });
  const loadCpuMs = cpuMs(loadStart);

  const callsStart = process.cpuUsage();
  const started = performance.now();
  let resources: AloneResource[] = [];
  switch (task.command) {
    case "up": {
      const created: CreateResult[] = await Promise.all(
        [...Array(task.resources).keys()].map(async (index) => {
          const padded = String(index).padStart(5, "0");
          const news = {
            input: { prefix: `videos/${padded}/` },
            operation: { workflowIds: [task.workflowId] },
            autoName: { prefix: `job-${padded}`, scope: task.scope },
          };
          const checked = handlers.check({}, news);
          if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
          return handlers.create(checked.inputs);
        }),
      );
      resources = created.map((result) => ({ id: result.id, props: result.outs }));
      break;
    }
    case "refresh":
      resources = (await Promise.all(task.existing.map((resource) => handlers.read(resource.id, resource.props)))).map((read) => ({
        id: read.id,
        props: read.props,
      }));
      break;
    case "destroy":
      await Promise.all(task.existing.map((resource) => handlers.remove(resource.id, resource.props)));
      break;
  }
  return { loadCpuMs, callsCpuMs: cpuMs(callsStart), callsWallMs: performance.now() - started, resources };
}

if (require.main === module) {
  process.once("message", (task: AloneTask) => {
    serve(task).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (error: unknown) => process.send?.({ error: (error as Error).stack ?? String(error) }, () => process.exit(1)),
    );
  });
}
