// The runner's entry for the extension host and the CLI: see types.ts for the contract.
import { createRunner, type Runner, type RunnerConfig } from "./host";
import type { StartRun } from "./types";

export { createRunner, type Runner, type RunnerConfig };
export type { RunHandle, RunOptions, StartRun } from "./types";

let shared: Runner | undefined;

/** The editor's runner: keeps a started worker ready so runs after the first start warm. */
export function sharedRunner(): Runner {
  shared ??= createRunner({ keepSpareWorker: true });
  return shared;
}

export const startRun: StartRun = (source, options) => sharedRunner().startRun(source, options);
