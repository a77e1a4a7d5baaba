/**
 * The one provider instance a provider process serves, and the functions the serialized provider
 * calls. The serialized object only forwards to these (it `require`s this package inside each
 * method), so that what is stored in state stays small and a fix here reaches every stack without
 * touching state.
 */
import { watchEngineLiveness } from "./engineLiveness";
import { createJobHandlers } from "./handlers";
import type { CreateResult, ReadResult } from "./handlers";
import type { JobCheck } from "./check";
import type { JobDiff } from "./diff";

const provider = createJobHandlers();

/**
 * Takes the provider's configuration (stack config `tencent-ci:*`, else `TENCENTCLOUD_*`), and from
 * then on ends this process once the engine that started it is gone, whatever it is doing (see
 * {@link watchEngineLiveness}).
 */
export function configure(config: { get(key: string): string | undefined }): void {
  provider.configure(config);
  watchEngineLiveness();
}

/** Validates inputs and fills in the name; see `checkJob`. */
export function check(olds: Record<string, unknown>, news: Record<string, unknown>): JobCheck {
  return provider.check(olds, news);
}

/** Classifies a change; see `diffJob`. */
export function diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): JobDiff {
  return provider.diff(id, olds, news);
}

/** Triggers the job once, or adopts the imported one; see `JobHandlers.create`. */
export function create(props: Record<string, unknown>): Promise<CreateResult> {
  return provider.create(props);
}

/** Refreshes a job's outputs; see `JobHandlers.read`. */
export function read(id: string, props: Record<string, unknown>): Promise<ReadResult> {
  return provider.read(id, props);
}

/** Applies life-cycle changes and waits again where needed; see `JobHandlers.update`. */
export function update(
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<{ outs: Record<string, unknown> }> {
  return provider.update(id, olds, news);
}

/** Cancels a job that may still run; see `JobHandlers.remove`. */
export function remove(id: string, props: Record<string, unknown>): Promise<void> {
  return provider.remove(id, props);
}
