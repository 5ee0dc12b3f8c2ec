// Float32 optimizer updates in wasm. Resident arrays (parameters and state kept in wasm memory)
// are updated in place; others are copied into the arena, updated there and copied back.
import type { WasmBackend } from "./backend";

function place(be: WasmBackend, a: Float32Array): number {
  const home = be.heap.residentPtr(a);
  if (home >= 0) return home;
  const ptr = be.heap.alloc(a.length * 4);
  be.heap.f32.set(a, ptr >> 2);
  return ptr;
}

function giveBack(be: WasmBackend, ptr: number, a: Float32Array): void {
  if (be.heap.residentPtr(a) >= 0) return;
  a.set(be.heap.f32.subarray(ptr >> 2, (ptr >> 2) + a.length));
}

export function sgdStepWasm(be: WasmBackend, x: Float32Array, g: Float32Array, buf: Float32Array | null, m: number, nlr: number): void {
  be.begin(0);
  const px = place(be, x), pg = place(be, g), pb = buf ? place(be, buf) : 0;
  be.ex.sgdStep(x.length, px, pg, pb, buf ? 1 : 0, m, nlr, be.fusedMadd ? 1 : 0);
  giveBack(be, px, x);
  if (buf) giveBack(be, pb, buf);
}
