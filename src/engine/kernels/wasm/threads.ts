// Worker threads that run kernel calls on the shared wasm memory while the calling thread
// blocks: the caller posts a task into a shared control block, wakes the worker with
// Atomics.notify, computes its own share, then either cancels the task (when the worker has
// not picked it up yet: on a machine whose other cores are busy, waiting for a descheduled
// worker to wake only to find no work left cost milliseconds) or Atomics.wait()s for its
// "done". User code stays synchronous. Workers are unref'd so they never keep a process alive.
import { Worker } from "node:worker_threads";
import type { WasmMemory, WasmModule } from "./wasm-api";

// Per worker, 64 int32 (256 bytes, so two workers never share a cache line):
//   [0] task state, written by the caller and the worker: 0 idle, seq (1..2^29) posted,
//       seq | CLAIMED taken by the worker, seq | CANCELLED withdrawn by the caller, -1 exit
//   [1] sequence number of the last finished task, written by the worker
//   [2] 1 once the worker is ready, -1 after a task threw
//   [3] op code; float64 arguments from int32 index 4 (float64 index 2) on.
// After the workers' slots, one more slot whose int32 [0] is the shared chunk counter.
const SLOT_INTS = 64;
const ARG_F64 = 2;
export const MAX_ARGS = 24;
const CLAIMED = 0x40000000;
const CANCELLED = 0x20000000;
const SEQ_MAX = 0x1fffffff;
/** sgemm over chunks of rows (or columns) of C taken from the shared chunk counter. */
export const OP_SGEMM_CHUNKS = 1;
/** Polls (about 20-50 us) a worker makes for its next task before it sleeps. */
const WORKER_SPIN = 20000;

// The worker's whole program, evaluated from a string so no separate file has to be found next
// to the bundle or the tsc output.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, slot, counterSlot } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const i32 = new Int32Array(control);
const f64 = new Float64Array(control);
const base = slot * ${SLOT_INTS};
const arg = base / 2 + ${ARG_F64};
const counter = counterSlot * ${SLOT_INTS};
Atomics.store(i32, base + 2, 1);
Atomics.notify(i32, base + 2);
let seen = 0;
for (;;) {
  // Spin briefly before sleeping: GEMMs of a training step come back to back, and waking
  // from Atomics.wait costs tens of microseconds.
  for (let spin = 0; spin < ${WORKER_SPIN} && Atomics.load(i32, base) === seen; spin++);
  Atomics.wait(i32, base, seen);
  const state = Atomics.load(i32, base);
  if (state === seen) continue;
  if (state < 0) break;
  seen = state;
  // Only a posted task (no flag) is taken, and only if the caller has not withdrawn it meanwhile.
  if ((state & ${CLAIMED | CANCELLED}) !== 0) continue;
  if (Atomics.compareExchange(i32, base, state, state | ${CLAIMED}) !== state) continue;
  seen = state | ${CLAIMED};
  try {
    if (i32[base + 3] === ${OP_SGEMM_CHUNKS}) {
      // The same loop as WasmBackend.sgemmPtr: take chunks until none are left.
      const ta = f64[arg], tb = f64[arg + 1], m = f64[arg + 2], n = f64[arg + 3], k = f64[arg + 4];
      const alpha = f64[arg + 5], beta = f64[arg + 6], a = f64[arg + 7], lda = f64[arg + 8];
      const b = f64[arg + 9], ldb = f64[arg + 10], c = f64[arg + 11], ldc = f64[arg + 12];
      const scratch = f64[arg + 13], splitRows = f64[arg + 14] === 1, chunk = f64[arg + 15];
      const total = splitRows ? m : n;
      for (;;) {
        const lo = Atomics.add(i32, counter, 1) * chunk;
        if (lo >= total) break;
        const len = Math.min(chunk, total - lo);
        if (splitRows) ex.sgemm(ta, tb, len, n, k, alpha, beta, a + (ta ? lo : lo * lda) * 4, lda, b, ldb, c + lo * ldc * 4, ldc, scratch);
        else ex.sgemm(ta, tb, m, len, k, alpha, beta, a, lda, b + (tb ? lo * ldb : lo) * 4, ldb, c + lo * 4, ldc, scratch);
      }
    }
  } catch (e) {
    Atomics.store(i32, base + 2, -1);
  }
  Atomics.store(i32, base + 1, state);
  Atomics.notify(i32, base + 1);
}
`;

const READY_TIMEOUT_MS = 10_000;
const TASK_TIMEOUT_MS = 600_000;

export class KernelThreads {
  private readonly workers: Worker[] = [];
  private readonly control: SharedArrayBuffer;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private seq = 0;
  /** The sequence number of each worker's last posted task. */
  private readonly posted: number[] = [];

  constructor(private readonly module: WasmModule, private readonly memory: WasmMemory, readonly maxWorkers: number) {
    this.control = new SharedArrayBuffer((maxWorkers + 1) * SLOT_INTS * 4);
    this.i32 = new Int32Array(this.control);
    this.f64 = new Float64Array(this.control);
  }

  /** Workers started so far (they start lazily, on the first large call). */
  get started(): number {
    return this.workers.length;
  }

  /**
   * Starts workers until `count` run (blocking until each is ready). Returns how many are
   * usable; a worker that fails to start in time is dropped and threading stays at what works.
   */
  ensure(count: number): number {
    while (this.workers.length < Math.min(count, this.maxWorkers)) {
      const slot = this.workers.length;
      this.i32.fill(0, slot * SLOT_INTS, (slot + 1) * SLOT_INTS); // a slot may be reused after close()
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.module, memory: this.memory, control: this.control, slot, counterSlot: this.maxWorkers },
        stdout: false,
        stderr: false,
      });
      worker.unref();
      // An error before "ready" leaves the flag at 0; the timeout below then gives up on it.
      worker.on("error", () => undefined);
      Atomics.wait(this.i32, slot * SLOT_INTS + 2, 0, READY_TIMEOUT_MS);
      if (Atomics.load(this.i32, slot * SLOT_INTS + 2) !== 1) {
        void worker.terminate();
        return this.workers.length;
      }
      this.workers.push(worker);
    }
    return this.workers.length;
  }

  /** Rewinds the shared chunk counter (before posting a chunked task). */
  resetChunks(): void {
    Atomics.store(this.i32, this.maxWorkers * SLOT_INTS, 0);
  }

  /** Takes the next chunk index (shared with the workers). */
  nextChunk(): number {
    return Atomics.add(this.i32, this.maxWorkers * SLOT_INTS, 1);
  }

  /** Posts a task to worker `w`; `args` are passed as float64 (pointers and sizes are exact). */
  post(w: number, op: number, args: ArrayLike<number>, count: number): void {
    const base = w * SLOT_INTS;
    const arg = base / 2 + ARG_F64;
    for (let i = 0; i < count; i++) this.f64[arg + i] = args[i];
    this.i32[base + 3] = op;
    this.seq = this.seq >= SEQ_MAX ? 1 : this.seq + 1;
    this.posted[w] = this.seq;
    Atomics.store(this.i32, base, this.seq);
    Atomics.notify(this.i32, base, 1);
  }

  /**
   * Ends worker `w`'s last posted task from the caller's side: withdraws it if the worker has
   * not taken it yet (the caller has done all the work), else blocks until the worker has
   * finished it; throws if that task failed.
   */
  wait(w: number): void {
    const base = w * SLOT_INTS;
    const posted = this.posted[w];
    if (Atomics.compareExchange(this.i32, base, posted, posted | CANCELLED) === posted) return;
    const want = posted;
    // A short spin first: the caller usually finishes its own share at about the same time.
    for (let spin = 0; spin < 2000; spin++) {
      if (Atomics.load(this.i32, base + 1) === want) break;
    }
    const deadline = Date.now() + TASK_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(this.i32, base + 1);
      if (done === want) break;
      if (Date.now() > deadline) throw new Error("kernels: a worker thread did not finish its task");
      Atomics.wait(this.i32, base + 1, done, 1000);
    }
    if (Atomics.load(this.i32, base + 2) === -1) {
      Atomics.store(this.i32, base + 2, 1);
      throw new Error("kernels: a worker thread's kernel failed");
    }
  }

  /** Stops every worker (used by tests and when the thread count is lowered to 1). */
  close(): void {
    this.workers.forEach((worker, w) => {
      Atomics.store(this.i32, w * SLOT_INTS, -1);
      Atomics.notify(this.i32, w * SLOT_INTS, 1);
      void worker.terminate();
    });
    this.workers.length = 0;
  }
}
