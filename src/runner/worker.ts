// Worker-thread entry (bundled to out/runner-worker.js). Runs ONE user program: evaluates the
// transpiled module, captures its console, waits for its timers, then builds the snapshot and
// stays alive to answer page requests until the host terminates it. Nothing the program does
// here (loops, throws, exit, OOM) can reach the host: the worst case is this thread dying.
import { parentPort } from "node:worker_threads";
import * as path from "node:path";
import * as vm from "node:vm";
import { inspect } from "node:util";
import type { RunError, TensorPage, TensorPageRequest } from "../protocol";
import { createCapture } from "./console-capture";
import { floatLiteral, installWarningLocator, isTensor, userModules } from "./engine-link";
import type { EngineTensor } from "./engine-types";
import { ErrorMapper, USER_SCRIPT } from "./errors";
import { Recorder, StopSignal } from "./hooks";
import { stopError, type FromWorker, type RunOutcome, type RunRequest, type ToWorker } from "./messages";
import { buildSnapshot } from "./snapshot";
import { installTimers, type TrackedTimers } from "./timers";

const port = parentPort;
if (!port) throw new Error("runner-worker.js must run in a worker thread");
const post = (m: FromWorker): void => port.postMessage(m);

// Engine errors nest deep; keep enough frames to reach the user's code.
Error.stackTraceLimit = 100;

/** `process.exit()` in user code ends the program, not the thread (we still want its snapshot). */
class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code}) was called`);
    this.name = "ProcessExit";
  }
}

let registry = new Map<number, EngineTensor>();
let started = false;
let stopNow: (() => void) | null = null;

port.on("message", (msg: ToWorker) => {
  switch (msg.type) {
    case "run":
      if (!started) {
        started = true;
        void run(msg);
      }
      break;
    case "page":
      post({ type: "page", reqId: msg.reqId, page: page(msg.request) });
      break;
    case "stop":
      stopNow?.();
      break;
  }
});
post({ type: "ready" });

function page(req: TensorPageRequest): TensorPage | null {
  const base = registry.get(req.tensorId);
  const t = req.which === "grad" ? base?._grad ?? null : base ?? null;
  if (!t) return null;
  const n = t.numel();
  const offset = Math.min(Math.max(0, req.offset), n);
  const count = Math.min(Math.max(0, req.count), n - offset);
  return { ...req, offset, count, shape: Array.from(t.shape), values: count > 0 ? t._values(offset, count) : [] };
}

function restrictedRequire(name: string): unknown {
  const mod = userModules.get(name);
  if (mod) return mod;
  const err = new Error(`Cannot find module '${name}': a program run by Gradient Inspector can import only "torch" and "torchvision"`);
  err.name = "ImportError";
  throw err;
}

async function run(req: RunRequest): Promise<void> {
  post({ type: "started" });
  const control = new Int32Array(req.control);
  const recorder = new Recorder(isTensor, floatLiteral, control);
  const mapper = new ErrorMapper(req.map, req.fileName, req.code.split("\n").length);
  const capture = createCapture((lines, unterminated) => post({ type: "console", lines, unterminated }));
  installWarningLocator((stack) => {
    const p = mapper.mapStack(stack).first;
    return p ? `${req.fileName}:${p.line}` : null;
  });

  let failure: { thrown: unknown; unhandled: boolean } | null = null;
  let exit: ExitSignal | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  stopNow = finish;

  const fail = (thrown: unknown, unhandled: boolean): void => {
    if (thrown instanceof ExitSignal) {
      exit ??= thrown;
    } else if (!failure && !exit) {
      failure = { thrown, unhandled };
    }
    finish();
  };

  // The program's view of the process: its output is captured, and it cannot end or signal the
  // host (a worker's process.kill would signal the extension host itself).
  globalThis.console = capture.console;
  process.stdout.write = capture.stdout.write.bind(capture.stdout) as typeof process.stdout.write;
  process.stderr.write = capture.stderr.write.bind(capture.stderr) as typeof process.stderr.write;
  process.exit = ((code?: number | string | null) => {
    throw new ExitSignal(Number(code ?? process.exitCode ?? 0) || 0);
  }) as typeof process.exit;
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available to a program run by Gradient Inspector`);
  };
  process.kill = refuse("process.kill") as typeof process.kill;
  process.abort = refuse("process.abort") as typeof process.abort;
  process.on("uncaughtException", (e) => fail(e, false));
  process.on("unhandledRejection", (reason) => fail(reason, true));

  const timers: TrackedTimers = installTimers((e) => fail(e, false));

  let mainSettled = false;
  try {
    const wrapper = `(function (exports, require, module, __filename, __dirname, __gi) { return (async function __giModule() {\n${req.code}\n}).call(this); })`;
    const fn = vm.runInThisContext(wrapper, { filename: USER_SCRIPT }) as (
      this: unknown, exports: unknown, require: unknown, module: unknown, filename: string, dirname: string, hooks: unknown,
    ) => Promise<void>;
    const mod = { exports: {} as Record<string, unknown> };
    const main = fn.call(mod.exports, mod.exports, restrictedRequire, mod, req.fileName, path.dirname(req.fileName), recorder.hooks());
    main.then(
      () => {
        mainSettled = true;
        timers.whenIdle(finish);
      },
      (e: unknown) => {
        mainSettled = true;
        fail(e, false);
      },
    );
    timers.whenIdle(() => {
      // Nothing left that could settle a pending top-level await: Node would exit here too.
      if (!mainSettled && timers.nothingElsePending()) {
        fail(new Error("the program's top-level await never settled (nothing is left that could resolve it)"), false);
      }
    });
  } catch (e) {
    fail(e, false);
  }

  await finished;
  // Let rejections of promises nobody awaited surface before deciding the outcome.
  await new Promise<void>((r) => timers.realSetImmediate(r));
  timers.clearAll();
  capture.flush();

  const stop = recorder.stopRequested();
  let status: RunOutcome["status"] = "ok";
  let error: RunError | null = null;
  const thrown = (failure as { thrown: unknown } | null)?.thrown;
  if (thrown instanceof StopSignal || stop) {
    status = thrown instanceof StopSignal ? thrown.reason : (stop ?? "timeout");
    error = stopError(status, req.timeLimitMs);
  } else if (failure) {
    status = "error";
    error = describeFailure(failure, mapper, recorder, req);
  } else if (exit && (exit as ExitSignal).code !== 0) {
    status = "error";
    error = mapper.toRunError(exit, null);
  }

  let outcome: RunOutcome;
  try {
    const snap = buildSnapshot(recorder, req.sites, req.previewElements);
    registry = snap.registry;
    outcome = { status, error, tensors: snap.tensors, bindings: snap.bindings, graph: snap.graph };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    outcome = {
      status: status === "ok" ? "error" : status,
      error: error ?? { kind: "InternalError", message: `building the snapshot failed: ${msg}`, pos: null, stack: String((e as Error).stack ?? msg) },
      tensors: [], bindings: [], graph: { nodes: [], edges: [] },
    };
  }
  post({ type: "done", outcome });
}

function describeFailure(f: { thrown: unknown; unhandled: boolean }, mapper: ErrorMapper, rec: Recorder, req: RunRequest): RunError {
  const t = rec.lastThrow;
  const site = t && t.value === f.thrown ? req.throwSites[t.site] ?? null : null;
  const syntax = syntaxErrorPos(f.thrown, mapper);
  const err = mapper.toRunError(f.thrown, syntax ?? site);
  if (!f.unhandled) return err;
  const what = f.thrown instanceof Error ? `${err.kind}: ${err.message}` : inspect(f.thrown);
  return { ...err, kind: "UnhandledRejection", message: `a promise was rejected and nothing handled it: ${what}` };
}

/** V8 reports a SyntaxError of the evaluated script as "gi-user-program.js:LINE" atop its stack. */
function syntaxErrorPos(thrown: unknown, mapper: ErrorMapper): RunError["pos"] {
  if (!(thrown instanceof SyntaxError) || !thrown.stack) return null;
  const m = new RegExp(`^${USER_SCRIPT.replace(/\./g, "\\.")}:(\\d+)`).exec(thrown.stack);
  if (!m) return null;
  const p = mapper.mapPosition(Number(m[1]), 1);
  return p ? { line: p.line, column: p.column, endLine: p.line, endColumn: p.column } : null;
}
