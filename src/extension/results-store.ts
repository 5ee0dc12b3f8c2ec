// Everything the editor features know about runs, per file (keyed by the document's URI
// string): the last finished run (as an indexed RunResult) and the run in progress. Pure, so
// the "one run per file, a new run replaces the old" rules are unit-tested without an editor.
import type { Snapshot } from "../protocol";
import type { RunHandle } from "../runner/types";
import { RunResult } from "./run-result";

export interface ActiveRun {
  handle: RunHandle;
  startedAt: number;
  /** Set when the run is stopped on purpose, so the summary can say why. */
  cancelReason: "user" | "superseded" | null;
}

export type StoreEvent =
  | { kind: "started"; file: string }
  | { kind: "finished"; file: string; result: RunResult }
  | { kind: "restored"; file: string; result: RunResult };

/** How many finished runs keep their worker alive for paging through full tensor values. */
export const KEPT_HANDLES = 3;

export class ResultsStore {
  private readonly results = new Map<string, RunResult>();
  private readonly active = new Map<string, ActiveRun>();
  /** Finished runs' handles (paging), least recently finished first. */
  private readonly handles = new Map<string, RunHandle>();
  private readonly listeners = new Set<(e: StoreEvent) => void>();

  onEvent(listener: (e: StoreEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(e: StoreEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  result(file: string): RunResult | undefined {
    return this.results.get(file);
  }

  running(file: string): ActiveRun | undefined {
    return this.active.get(file);
  }

  anyRunning(): boolean {
    return this.active.size > 0;
  }

  runningFiles(): string[] {
    return [...this.active.keys()];
  }

  /**
   * Registers a new run of `file`; a run of the same file still in progress is cancelled
   * first (runs of one file never interleave). Returns the record to pass to `finish`.
   */
  begin(file: string, handle: RunHandle, now: number): ActiveRun {
    const old = this.active.get(file);
    if (old) {
      old.cancelReason = "superseded";
      old.handle.cancel();
    }
    const run: ActiveRun = { handle, startedAt: now, cancelReason: null };
    this.active.set(file, run);
    this.emit({ kind: "started", file });
    return run;
  }

  /** Stops the run of `file` at the user's request; false when none was running. */
  cancel(file: string): boolean {
    const run = this.active.get(file);
    if (!run) return false;
    run.cancelReason = "user";
    run.handle.cancel();
    return true;
  }

  /**
   * Records a finished run. A run that a newer one replaced is dropped (its snapshot is not
   * the file's latest) and its worker freed; returns the stored result or null when dropped.
   */
  finish(file: string, run: ActiveRun, snapshot: Snapshot): RunResult | null {
    if (this.active.get(file) !== run) {
      run.handle.dispose();
      return null;
    }
    this.active.delete(file);
    const result = new RunResult(snapshot);
    this.results.set(file, result);
    const previous = this.handles.get(file);
    if (previous && previous !== run.handle) previous.dispose();
    this.handles.delete(file);
    this.handles.set(file, run.handle);
    while (this.handles.size > KEPT_HANDLES) {
      const [oldest, h] = this.handles.entries().next().value as [string, RunHandle];
      h.dispose();
      this.handles.delete(oldest);
    }
    this.emit({ kind: "finished", file, result });
    return result;
  }

  /** A snapshot saved before a window reload: shown again, but without a worker to page from. */
  restore(file: string, snapshot: Snapshot): RunResult | null {
    if (this.results.has(file) || this.active.has(file)) return null;
    const result = new RunResult(snapshot);
    this.results.set(file, result);
    this.emit({ kind: "restored", file, result });
    return result;
  }

  /** The worker of the file's last finished run, if it is still kept. */
  pager(file: string): RunHandle | undefined {
    return this.handles.get(file);
  }

  dispose(): void {
    for (const run of this.active.values()) {
      run.cancelReason = "user";
      run.handle.cancel();
      run.handle.dispose();
    }
    for (const h of this.handles.values()) h.dispose();
    this.active.clear();
    this.handles.clear();
    this.listeners.clear();
  }
}
