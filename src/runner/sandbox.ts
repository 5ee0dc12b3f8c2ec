// Child-process entry (bundled to out/runner-sandbox.js): the process a run lives in. It starts the
// run's worker thread (out/runner-worker.js) and relays messages between it and the host over IPC.
//
// Why a process around the thread: some failures of user code are fatal to the whole V8 process, not
// to one isolate — a worker that reaches its heap limit during a large allocation, or an array grown
// past V8's maximum length ("Fatal JavaScript invalid size error"), aborts every thread of the
// process. In the extension host that would take down VS Code's extension host with it. Here it
// takes down this small process only, and the host reports what happened.
//
// The thread stays: the stop flag is an Int32Array over a SharedArrayBuffer that the instrumented
// program polls, and shared memory exists between threads, not processes. This process's main thread
// never runs user code, so it always answers the host's "stop" at once by setting that flag.
//
//   argv: <worker script> <heap limit in MB>
import { Worker } from "node:worker_threads";
import { CONTROL_CANCEL, CONTROL_TIMEOUT, type FromSandbox, type ToSandbox, type FromWorker } from "./messages";

const [workerPath, limitArg] = process.argv.slice(2);
const memoryLimitMb = Number(limitArg);
if (!process.send || !workerPath || !(memoryLimitMb > 0)) {
  process.stderr.write("runner-sandbox.js is started by the runner (child_process.fork with IPC) as: runner-sandbox.js WORKER_JS LIMIT_MB\n");
  process.exit(2);
}

const send = (m: FromSandbox): void => {
  process.send?.(m);
};
const control = new SharedArrayBuffer(4);
const ctl = new Int32Array(control);
const worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb }, stdout: true, stderr: true });

worker.on("message", (m: FromWorker) => send(m));
worker.stdout.on("data", (chunk: Buffer) => send({ type: "stray", stream: "stdout", text: chunk.toString("utf8") }));
worker.stderr.on("data", (chunk: Buffer) => send({ type: "stray", stream: "stderr", text: chunk.toString("utf8") }));
worker.on("error", (e: Error & { code?: string }) => send({ type: "worker-error", code: e.code ?? null, message: e.message, stack: e.stack ?? "" }));
// IPC messages are written in order, so "exit" follows everything the worker sent; then we go.
worker.on("exit", (code) => {
  send({ type: "worker-exit", code });
  process.disconnect?.();
});

process.on("message", (m: ToSandbox) => {
  switch (m.type) {
    case "run":
      worker.postMessage({ ...m, control });
      break;
    case "stop":
      Atomics.store(ctl, 0, m.why === "timeout" ? CONTROL_TIMEOUT : CONTROL_CANCEL);
      worker.postMessage({ type: "stop" });
      break;
    case "page":
      worker.postMessage(m);
      break;
  }
});
// The host went away (closed VS Code, killed the CLI): nothing may outlive it.
process.on("disconnect", () => process.exit(0));
