// The host side of a run (extension host or CLI): transpile + instrument here (the TypeScript
// compiler stays loaded and warm), evaluate in a worker thread inside a process of its own
// (sandbox.ts says why a process), enforce the time limit, and turn whatever happens to them into
// a Snapshot. `result` never rejects.
// The compiler lives in a bundle of its own (out/transpiler.js, see transpiler-entry.ts) that is
// loaded by path on the first run or on prewarm: this file must import it only with `import type`.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ConsoleLine, RunError, Snapshot, SourcePos, TensorPage, TensorPageRequest } from "../protocol";
import { requireWithCodeCache } from "./code-cache";
import { stopError, type FromSandbox, type RunOutcome, type ToSandbox } from "./messages";
import { crashMessage, SandboxProcess } from "./sandbox-process";
import type { TranspileResult } from "./transpile";
import type { TranspilerModule } from "./transpiler-entry";
import type { RunHandle, StartRun } from "./types";

/** After asking the worker to stop, how long it may take to send its snapshot before it is killed. */
const STOP_GRACE_MS = 400;
/** Time a run's process and thread may take to boot before the program's own time limit starts. */
const BOOT_ALLOWANCE_MS = 15_000;
/** Console lines kept in the snapshot (all of them still stream to onConsole). */
const MAX_SNAPSHOT_LINES = 20000;

export interface RunnerConfig {
  /** Path of the bundled worker (out/runner-worker.js). */
  workerPath?: string;
  /** Path of the bundled run process (out/runner-sandbox.js) that hosts the worker. */
  sandboxPath?: string;
  /** Keep one started worker ready for the next run (the editor); the one-shot CLI does not. */
  keepSpareWorker?: boolean;
  /** Path of the compiler bundle (out/transpiler.js), loaded on first use. */
  transpilerPath?: string;
  /**
   * A per-user folder for the compiler's V8 code cache (the extension's global storage), which
   * makes loading it ~3x faster from the second session on; none: a plain require (the CLI).
   */
  codeCacheDir?: string;
}

/** Re-running an unchanged file (Run twice, run on save without edits) skips the compiler. */
const TRANSPILE_CACHE_SIZE = 8;
const transpileCache = new Map<string, TranspileResult>();

function transpileCached(transpiler: () => TranspilerModule, source: string, fileName: string, record: boolean): TranspileResult {
  const key = `${record ? 1 : 0}\u0000${fileName}\u0000${source}`;
  const hit = transpileCache.get(key);
  if (hit) {
    transpileCache.delete(key); // most recently used last
    transpileCache.set(key, hit);
    return hit;
  }
  const result = transpiler().transpile(source, fileName, { record });
  transpileCache.set(key, result);
  if (transpileCache.size > TRANSPILE_CACHE_SIZE) transpileCache.delete(transpileCache.keys().next().value as string);
  return result;
}

/** Loaded modules by path: every runner of a process shares one compiler. */
const transpilers = new Map<string, TranspilerModule>();

/**
 * Loads the compiler bundle on first use. The path is computed, so esbuild leaves this `require`
 * alone instead of bundling the compiler into the caller; the first call costs the compiler's
 * load time (a few hundred ms), which prewarm moves off the first run.
 */
export function loadTranspiler(transpilerPath = defaultTranspilerPath(), codeCacheDir?: string): TranspilerModule {
  let m = transpilers.get(transpilerPath);
  if (!m) {
    m = codeCacheDir === undefined ? requireTranspiler(transpilerPath) : withCodeCache(transpilerPath, codeCacheDir);
    transpilers.set(transpilerPath, m);
  }
  return m;
}

function requireTranspiler(transpilerPath: string): TranspilerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(transpilerPath) as TranspilerModule;
}

/** The cache is written after the first transpile (so the code it ran is in it), off the caller's turn. */
function withCodeCache(transpilerPath: string, codeCacheDir: string): TranspilerModule {
  const loaded = requireWithCodeCache<TranspilerModule>(transpilerPath, codeCacheDir);
  let scheduled = false;
  return {
    transpile(...args) {
      const result = loaded.exports.transpile(...args);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => loaded.saveCache());
      }
      return result;
    },
  };
}

export function defaultTranspilerPath(): string {
  const candidates = [
    path.join(__dirname, "transpiler.js"), // bundled: out/transpiler.js next to out/cli.js, out/extension.js
    path.join(__dirname, "transpiler-entry.js"), // tsc output: build/src/runner/transpiler-entry.js
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

export function defaultSandboxPath(): string {
  const candidates = [
    path.join(__dirname, "runner-sandbox.js"), // bundled: out/cli.js, out/extension.js
    path.resolve(__dirname, "../../../out/runner-sandbox.js"), // tsc output: build/src/runner/host.js
    path.resolve(__dirname, "../../out/runner-sandbox.js"),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

export function defaultWorkerPath(): string {
  const candidates = [
    path.join(__dirname, "runner-worker.js"), // bundled: out/cli.js, out/extension.js
    path.resolve(__dirname, "../../../out/runner-worker.js"), // tsc output: build/src/runner/host.js
    path.resolve(__dirname, "../../out/runner-worker.js"),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

interface Spare {
  worker: SandboxProcess;
  memoryLimitMb: number;
}

export interface Runner {
  startRun: StartRun;
  /** Starts the spare worker, loads the compiler now and warms it over the next turns, so the first run is fast too. */
  prewarm(memoryLimitMb: number): void;
  /** Ends the spare worker. */
  dispose(): void;
}

export function createRunner(config: RunnerConfig = {}): Runner {
  const workerPath = config.workerPath ?? defaultWorkerPath();
  const transpilerPath = config.transpilerPath ?? defaultTranspilerPath();
  const transpiler = (): TranspilerModule => loadTranspiler(transpilerPath, config.codeCacheDir);
  let spare: Spare | null = null;

  // The run process ships next to the worker; a custom worker (tests) brings its own when it can.
  const besideWorker = path.join(path.dirname(workerPath), "runner-sandbox.js");
  const sandboxPath = config.sandboxPath ?? (fs.existsSync(besideWorker) ? besideWorker : defaultSandboxPath());
  const spawn = (memoryLimitMb: number): SandboxProcess => new SandboxProcess(sandboxPath, workerPath, memoryLimitMb);
  /** `evenOneShot`: start one for the next run even when the runner keeps no spare (see startRun). */
  const makeSpare = (memoryLimitMb: number, evenOneShot = false): void => {
    if ((!config.keepSpareWorker && !evenOneShot) || spare) return;
    const worker = spawn(memoryLimitMb);
    worker.ref(false);
    const s: Spare = { worker, memoryLimitMb };
    worker.once("exit", () => {
      if (spare === s) spare = null;
    });
    spare = s;
  };
  const take = (memoryLimitMb: number): SandboxProcess => {
    const s = spare;
    spare = null;
    if (s && s.memoryLimitMb === memoryLimitMb && s.worker.alive) {
      s.worker.ref(true);
      return s.worker;
    }
    s?.worker.kill();
    return spawn(memoryLimitMb);
  };

  const startRun: StartRun = (source, options) => {
    const startedAt = Date.now();
    const lines: ConsoleLine[] = [];
    let dropped = 0;
    const onLines = (ls: ConsoleLine[], unterminated = false): void => {
      ls.forEach((l, i) => {
        if (lines.length < MAX_SNAPSHOT_LINES) lines.push(l);
        else dropped++;
        options.onConsole?.(l);
        options.onOutput?.(l.stream, unterminated && i === ls.length - 1 ? l.text : l.text + "\n");
      });
    };
    const finish = (o: RunOutcome): Snapshot => {
      // A copy: output after the end (a stray callback) must not change a delivered snapshot.
      const console = dropped > 0 ? [...lines, { stream: "stderr" as const, text: `[${dropped} more lines not kept]` }] : lines.slice();
      return {
        file: options.fileName, documentVersion: options.documentVersion, startedAt, durationMs: Date.now() - startedAt,
        status: o.status, tensors: o.tensors, bindings: o.bindings, graph: o.graph, console,
        error: o.error ? { ...o.error, pos: widenPos(o.error.pos, source) } : null, source,
      };
    };

    // The first run also loads the compiler, a few hundred ms on this thread: the worker boots
    // on another thread meanwhile (a syntax error leaves it as the spare, unreferenced).
    if (!transpilers.has(transpilerPath)) makeSpare(options.memoryLimitMb, true);
    let compiled: TranspileResult;
    try {
      compiled = transpileCached(transpiler, source, options.fileName, options.record);
    } catch (e) {
      return settledHandle(finish(failed({ kind: "InternalError", message: `transpiling failed: ${String(e)}`, pos: null, stack: String((e as Error).stack ?? e) })));
    }
    if (compiled.diagnostics.length > 0) {
      const d = compiled.diagnostics[0];
      const where = `${options.fileName}:${d.pos.line}:${d.pos.column + 1}`;
      return settledHandle(finish(failed({ kind: "SyntaxError", message: d.message, pos: d.pos, stack: `SyntaxError: ${d.message}\n    at ${where}` })));
    }

    const worker = take(options.memoryLimitMb);
    let settled = false;
    let stopping: "timeout" | "cancelled" | null = null;
    let alive = true;
    let resolveResult: (s: Snapshot) => void = () => undefined;
    const result = new Promise<Snapshot>((r) => (resolveResult = r));
    let nextReq = 1;
    const pages = new Map<number, (p: TensorPage | null) => void>();
    let limitTimer: NodeJS.Timeout | undefined;
    const hasLimit = Number.isFinite(options.timeLimitMs) && options.timeLimitMs > 0;
    let graceTimer: NodeJS.Timeout | undefined;

    const settle = (o: RunOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(limitTimer);
      clearTimeout(graceTimer);
      resolveResult(finish(o));
      if (alive) worker.ref(false);
      makeSpare(options.memoryLimitMb);
    };
    /** The process is gone (or going): unanswered page requests get null. */
    const ended = (): void => {
      alive = false;
      for (const r of pages.values()) r(null);
      pages.clear();
    };
    const kill = (): void => {
      if (!alive) return;
      worker.kill();
      ended();
    };
    const stop = (why: "timeout" | "cancelled"): void => {
      if (settled || stopping) return;
      stopping = why;
      // The run's process sets the flag the program polls, and wakes a worker idle in its event loop.
      post({ type: "stop", why });
      // A loop without a guard (or a long engine call) cannot answer: then the worker is killed.
      graceTimer = setTimeout(() => {
        settle(failed(stopError(why, options.timeLimitMs), why));
        kill();
      }, STOP_GRACE_MS);
    };
    const post = (m: ToSandbox): void => {
      if (alive) worker.post(m);
    };
    let workerExitCode: number | null = null;

    worker.on("message", (m: FromSandbox) => {
      switch (m.type) {
        case "console":
          onLines(m.lines, m.unterminated);
          break;
        case "done":
          settle(m.outcome);
          break;
        case "page": {
          const r = pages.get(m.reqId);
          pages.delete(m.reqId);
          r?.(m.page);
          break;
        }
        case "ready":
          break;
        case "started":
          clearTimeout(limitTimer);
          if (hasLimit) limitTimer = setTimeout(() => stop("timeout"), options.timeLimitMs);
          break;
        case "stray":
          onLines(m.text.replace(/\n$/, "").split("\n").map((text) => ({ stream: m.stream, text })));
          break;
        case "worker-error": {
          const oom = m.code === "ERR_WORKER_OUT_OF_MEMORY";
          settle(failed(oom
            ? { kind: "OutOfMemoryError", message: `the program ran out of memory (the limit is ${options.memoryLimitMb} MB) and was stopped`, pos: null, stack: "" }
            : { kind: "InternalError", message: `the run's worker failed: ${m.message}`, pos: null, stack: m.stack }));
          kill();
          break;
        }
        case "worker-exit":
          workerExitCode = m.code;
          break;
      }
    });
    worker.on("exit", (code, signal, crashLog) => {
      ended();
      if (stopping) settle(failed(stopError(stopping, options.timeLimitMs), stopping));
      else if (signal !== null || (code !== 0 && code !== null) || crashLog !== "") {
        const { kind, message } = crashMessage(crashLog, options.memoryLimitMb);
        settle(failed({ kind, message, pos: null, stack: kind === "OutOfMemoryError" ? "" : crashLog }));
      } else settle(failed({ kind: "InternalError", message: `the run's worker exited unexpectedly (code ${workerExitCode ?? "unknown"})`, pos: null, stack: "" }));
    });

    post({
      type: "run", code: compiled.code, map: compiled.map, fileName: options.fileName, sites: compiled.sites,
      throwSites: compiled.throwSites, previewElements: options.previewElements, timeLimitMs: options.timeLimitMs,
    });
    // Until the program starts, the clock covers starting its process and thread (normally hidden
    // by the spare) with room to spare; from "started" on it is the program's own time limit.
    if (hasLimit) limitTimer = setTimeout(() => stop("timeout"), options.timeLimitMs + BOOT_ALLOWANCE_MS);

    return {
      result,
      cancel: () => stop("cancelled"),
      page(request: TensorPageRequest): Promise<TensorPage | null> {
        if (!alive || !settled) return Promise.resolve(null);
        const reqId = nextReq++;
        // An idle finished run does not keep the host alive; an unanswered page request does.
        worker.ref(true);
        return new Promise<TensorPage | null>((resolve) => {
          pages.set(reqId, resolve);
          post({ type: "page", reqId, request });
        }).finally(() => {
          if (pages.size === 0 && alive) worker.ref(false);
        });
      },
      dispose: () => {
        if (!settled) stop("cancelled");
        kill();
        settle(failed(stopError("cancelled", options.timeLimitMs), "cancelled"));
      },
    };
  };

  return {
    startRun,
    prewarm(memoryLimitMb) {
      makeSpare(memoryLimitMb);
      // A few passes over typical code get the compiler's hot paths optimised before the first run.
      // Prewarm runs from a timer: if the compiler cannot load, the next run reports why.
      let transpile: TranspilerModule["transpile"];
      try {
        transpile = transpiler().transpile;
      } catch {
        return;
      }
      // One pass per turn of the event loop: the extension host answers hovers etc. in between.
      let passes = 3;
      const pass = (): void => {
        transpile(WARM_SAMPLE, "warm.ts", { record: true });
        if (--passes > 0) setImmediate(pass);
      };
      setImmediate(pass);
    },
    dispose() {
      const s = spare;
      spare = null;
      s?.worker.kill();
    },
  };
}

const WARM_SAMPLE = `import * as torch from "torch";
class Net extends torch.nn.Module {
  fc = new torch.nn.Linear(4, 2);
  forward(x: torch.Tensor): torch.Tensor {
    const h = this.fc.forward(x).relu();
    return h.mul(2.0);
  }
}
const x = torch.tensor([[1.0, 2.0], [3.0, 4.5]], { requires_grad: true });
let y = x.add(2);
for (let k = 0; k < 3; k++) { y = y.mul(y); }
const [a, b] = y.chunk(2);
try { y.sum().backward(); } catch (e) { console.log(e); }
console.log(a, b, x.grad, new Net());
`;

function failed(error: RunError, status: RunOutcome["status"] = "error"): RunOutcome {
  return { status, error, tensors: [], bindings: [], graph: { nodes: [], edges: [] } };
}

/** A position from a stack frame is a point: widen it to the rest of the line for a diagnostic. */
function widenPos(pos: SourcePos | null, source: string): SourcePos | null {
  if (!pos || pos.endLine !== pos.line || pos.endColumn !== pos.column) return pos;
  const text = source.split("\n")[pos.line - 1] ?? "";
  const end = text.replace(/\s+$/, "").length;
  return { ...pos, endColumn: Math.max(end, pos.column + 1) };
}

function settledHandle(snapshot: Snapshot): RunHandle {
  return {
    result: Promise.resolve(snapshot),
    cancel: () => undefined,
    page: () => Promise.resolve(null),
    dispose: () => undefined,
  };
}
