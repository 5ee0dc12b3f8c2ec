// Messages between the host (src/runner/host.ts), the run's process (sandbox.ts) and the run's
// worker thread inside it (worker.ts). Plain data only: they cross structured-clone boundaries
// (IPC with "advanced" serialization between host and process, postMessage inside it).
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

/** Host → run process: what the worker gets, except that the process adds the shared stop flag. */
export type ToSandbox =
  | Omit<RunRequest, "control">
  | { type: "page"; reqId: number; request: TensorPageRequest }
  /** The process sets the stop flag (why: which CONTROL_* value) and passes the stop on. */
  | { type: "stop"; why: "timeout" | "cancelled" };

/** Run process → host: everything the worker sends, its raw output, and what became of it. */
export type FromSandbox =
  | FromWorker
  /** Bytes the program wrote to process.stdout/stderr directly, bypassing console. */
  | { type: "stray"; stream: "stdout" | "stderr"; text: string }
  /** The worker thread failed (code ERR_WORKER_OUT_OF_MEMORY: it reached its heap limit). */
  | { type: "worker-error"; code: string | null; message: string; stack: string }
  | { type: "worker-exit"; code: number };

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
  /** The program is about to run: the time limit counts from here, not from the thread's boot. */
  | { type: "started" }
  /** `unterminated`: the last line was written without a final newline (flushed at the end). */
  | { type: "console"; lines: ConsoleLine[]; unterminated?: boolean }
  | { type: "done"; outcome: RunOutcome }
  | { type: "page"; reqId: number; page: TensorPage | null };

export function stopError(status: "timeout" | "cancelled", limitMs: number): RunError {
  return status === "timeout"
    ? { kind: "TimeoutError", message: `the program ran longer than the time limit (${limitMs} ms) and was stopped`, pos: null, stack: "" }
    : { kind: "Cancelled", message: "the run was stopped", pos: null, stack: "" };
}
