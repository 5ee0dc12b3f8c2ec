// The runner's public surface: what the extension host and the CLI call. The runner itself
// (transpile + instrument + worker thread + snapshot) lives beside this file.
import type { ConsoleLine, Snapshot, TensorPage, TensorPageRequest } from "../protocol";

export interface RunOptions {
  /** File name shown in stack traces and diagnostics (path or URI string). */
  fileName: string;
  /** Document version for staleness checks (0 in the CLI). */
  documentVersion: number;
  /** Wall-clock limit; the worker is terminated when it passes. */
  timeLimitMs: number;
  /** Heap limit of the worker thread (resourceLimits.maxOldGenerationSizeMb). */
  memoryLimitMb: number;
  /** Elements kept per tensor preview in the snapshot. */
  previewElements: number;
  /** Record variable bindings (the editor does; the plain CLI run does not need to). */
  record: boolean;
  /** Called for each console line as the program writes it (the Output channel, the CLI's stdout). */
  onConsole?: (line: ConsoleLine) => void;
  /**
   * The same output as raw text, exactly as written: every line with its "\n", except a last
   * line the program left unterminated (the CLI prints this).
   */
  onOutput?: (stream: ConsoleLine["stream"], text: string) => void;
}

export interface RunHandle {
  /** Resolves when the run ends in any way; never rejects (errors are in the snapshot). */
  readonly result: Promise<Snapshot>;
  /** Stops the run (terminates the worker); the snapshot's status becomes "cancelled". */
  cancel(): void;
  /** Full values of a tensor of this run, a page at a time (the worker keeps the tensors until disposed). */
  page(request: TensorPageRequest): Promise<TensorPage | null>;
  /** Frees the worker and the tensors it keeps. */
  dispose(): void;
}

export type StartRun = (source: string, options: RunOptions) => RunHandle;
