// Messages between the host (src/runner/host.ts) and the run's worker thread (worker.ts).
// Plain data only: they cross a structured-clone boundary.
import type { Binding, ConsoleLine, GraphData, RunError, SourcePos, TensorInfo, TensorPage, TensorPageRequest } from "../protocol";
import type { Site } from "./instrument";

/** Index 0 of the control array: 0 = run, 1 = stop for the time limit, 2 = stop for cancel. */
export const CONTROL_RUN = 0;
export const CONTROL_TIMEOUT = 1;
export const CONTROL_CANCEL = 2;

export interface RunRequest {
  type: "run";
  code: string;
  /** Source map JSON of `code` against the user's file. */
  map: string;
  fileName: string;
  sites: Site[];
  throwSites: SourcePos[];
  previewElements: number;
  timeLimitMs: number;
  /** Int32Array over a SharedArrayBuffer: index 0 holds a CONTROL_* value written by the host. */
  control: SharedArrayBuffer;
}

export type ToWorker =
  | RunRequest
  | { type: "page"; reqId: number; request: TensorPageRequest }
  /** Sent with the control flag: reaches a worker that is idle in its event loop (pending timers). */
  | { type: "stop" };

/** What the worker knows about the run's outcome; the host adds file, timing, console and source. */
export interface RunOutcome {
  status: "ok" | "error" | "timeout" | "cancelled";
  tensors: TensorInfo[];
  bindings: Binding[];
  graph: GraphData;
  error: RunError | null;
}

export type FromWorker =
  | { type: "ready" }
  /** `unterminated`: the last line was written without a final newline (flushed at the end). */
  | { type: "console"; lines: ConsoleLine[]; unterminated?: boolean }
  | { type: "done"; outcome: RunOutcome }
  | { type: "page"; reqId: number; page: TensorPage | null };

export function stopError(status: "timeout" | "cancelled", limitMs: number): RunError {
  return status === "timeout"
    ? { kind: "TimeoutError", message: `the program ran longer than the time limit (${limitMs} ms) and was stopped`, pos: null, stack: "" }
    : { kind: "Cancelled", message: "the run was stopped", pos: null, stack: "" };
}
