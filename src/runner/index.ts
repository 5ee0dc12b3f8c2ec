// The runner's entry for the extension host and the CLI: see types.ts for the contract.
import { createRunner, type Runner, type RunnerConfig } from "./host";
import type { StartRun } from "./types";

export { createRunner, type Runner, type RunnerConfig };
export type { RunHandle, RunOptions, StartRun } from "./types";

let shared: Runner | undefined;
let sharedConfig: RunnerConfig = { keepSpareWorker: true };

/** Settings of the editor's runner; activate() calls this before anything can use the runner. */
export function configureSharedRunner(config: Pick<RunnerConfig, "codeCacheDir">): void {
  shared?.dispose(); // activated again in the same host: the next use makes a runner with the new settings
  shared = undefined;
  sharedConfig = { ...sharedConfig, ...config };
}

/** The editor's runner: keeps a started worker ready so runs after the first start warm. */
export function sharedRunner(): Runner {
  shared ??= createRunner(sharedConfig);
  return shared;
}

export const startRun: StartRun = (source, options) => sharedRunner().startRun(source, options);
