// Contiguous float32 elementwise ops and reductions in wasm (operands copied into the arena).
import type { WasmBackend } from "./backend";
import type { BinaryOp } from "../js/elementwise";

const OP_CODE: Record<BinaryOp, number> = { add: 0, sub: 1, mul: 2, div: 3 };

function stage(be: WasmBackend, src: Float32Array, off: number, n: number): number {
  const ptr = be.heap.alloc(n * 4);
  be.heap.f32.set(src.subarray(off, off + n), ptr >> 2);
  return ptr;
}

function unstage(be: WasmBackend, ptr: number, n: number, out: Float32Array, outOff: number): void {
  out.set(be.heap.f32.subarray(ptr >> 2, (ptr >> 2) + n), outOff);
}

export function binaryWasm(be: WasmBackend, op: BinaryOp, n: number, a: Float32Array, aOff: number, b: Float32Array, bOff: number, out: Float32Array, outOff: number): void {
  be.begin(0);
  const pa = stage(be, a, aOff, n);
  const pb = stage(be, b, bOff, n);
  be.ex.binaryOp(OP_CODE[op], n, pa, pb, pa);
  unstage(be, pa, n, out, outOff);
}

export function scalarWasm(be: WasmBackend, op: BinaryOp, n: number, a: Float32Array, aOff: number, s: number, out: Float32Array, outOff: number, reversed: boolean): void {
  be.begin(0);
  const pa = stage(be, a, aOff, n);
  be.ex.scalarOp(OP_CODE[op], reversed ? 1 : 0, n, pa, s, pa);
  unstage(be, pa, n, out, outOff);
}

export function reluWasm(be: WasmBackend, n: number, a: Float32Array, aOff: number, out: Float32Array, outOff: number): void {
  be.begin(0);
  const pa = stage(be, a, aOff, n);
  be.ex.relu(n, pa, pa);
  unstage(be, pa, n, out, outOff);
}

export function reluBackwardWasm(be: WasmBackend, n: number, g: Float32Array, gOff: number, y: Float32Array, yOff: number, out: Float32Array, outOff: number): void {
  be.begin(0);
  const pg = stage(be, g, gOff, n);
  const py = stage(be, y, yOff, n);
  be.ex.reluBackward(n, pg, py, pg);
  unstage(be, pg, n, out, outOff);
}

export function kahanColumnSumsWasm(be: WasmBackend, rows: number, cols: number, a: Float32Array, aOff: number, out: Float64Array): void {
  be.begin(0);
  const pa = stage(be, a, aOff, rows * cols);
  const ps = be.heap.alloc(cols * 8), pc = be.heap.alloc(cols * 8);
  be.ex.kahanColumnSums(rows, cols, pa, ps, pc);
  out.set(new Float64Array(be.heap.memory.buffer, ps, cols));
}

export function sumWasm(be: WasmBackend, n: number, a: Float32Array, aOff: number): number {
  be.begin(0);
  return be.ex.sumValue(n, stage(be, a, aOff, n));
}

export function maxWasm(be: WasmBackend, n: number, a: Float32Array, aOff: number): number {
  be.begin(0);
  return be.ex.maxValue(n, stage(be, a, aOff, n));
}
