// Float32 optimizer updates in wasm: operands copied into the arena, updated there, copied back.
import type { WasmBackend } from "./backend";

export function sgdStepWasm(be: WasmBackend, x: Float32Array, g: Float32Array, buf: Float32Array | null, m: number, nlr: number): void {
  const n = x.length;
  be.begin(0);
  const heap = be.heap;
  const px = heap.alloc(n * 4), pg = heap.alloc(n * 4), pb = buf ? heap.alloc(n * 4) : 0;
  const f32 = heap.f32;
  f32.set(x, px >> 2);
  f32.set(g.length === n ? g : g.subarray(0, n), pg >> 2);
  if (buf) f32.set(buf, pb >> 2);
  be.ex.sgdStep(n, px, pg, pb, buf ? 1 : 0, m, nlr, be.fusedMadd ? 1 : 0);
  x.set(f32.subarray(px >> 2, (px >> 2) + n));
  if (buf) buf.set(f32.subarray(pb >> 2, (pb >> 2) + n));
}
