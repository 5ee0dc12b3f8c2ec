// The wasm memory the float32 kernels work in: a shared WebAssembly.Memory (so worker threads
// run on the same buffers) managed as a bump arena. Each top-level kernel call resets the arena
// and allocates its operands; the memory only grows (to the largest call seen), so steady-state
// training allocates nothing. Below the arena sit blocks that outlive calls: per-thread GEMM
// scratch, and resident arrays (long-lived float32 data such as parameters and optimizer state,
// kept in wasm memory so kernels use them in place instead of copying them in and out).

import type { WasmApi, WasmMemory } from "./wasm-api";

/** Keep in step with --maximumMemory in build-wasm.mjs (2 GiB of reserved address space). */
export const MAX_PAGES = 32768;
const INITIAL_PAGES = 32;
const PAGE_BYTES = 65536;
/** Low memory left to AssemblyScript (it places no data there with --runtime stub, but may). */
const RESERVED_BYTES = 65536;

/** Thrown when a call needs more wasm memory than the limit; the caller falls back to JS. */
export class WasmHeapFull extends RangeError {}

export class WasmHeap {
  readonly memory: WasmMemory;
  private view: Float32Array;
  private base = RESERVED_BYTES;
  private top = RESERVED_BYTES;
  /** Bytes of wasm memory (only this heap grows it, so no memory.buffer call is needed). */
  private size: number;
  /** Resident arrays and their pointers. */
  private readonly resident = new WeakMap<Float32Array, number>();
  /** Freed resident blocks by byte size, for reuse (parameters of one model repeat sizes). */
  private readonly freeBlocks = new Map<number, number[]>();
  /** Frees a resident block once its array is garbage. */
  private readonly registry = new FinalizationRegistry<{ ptr: number; bytes: number }>((b) => this.release(b.ptr, b.bytes));

  constructor(wa: WasmApi) {
    this.memory = new wa.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
    this.view = new Float32Array(this.memory.buffer);
    this.size = this.view.byteLength;
  }

  /** A Float32Array over all of the memory (re-made after growth; offsets are pointer / 4). */
  get f32(): Float32Array {
    if (this.view.byteLength !== this.size) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /**
   * A zeroed Float32Array of n elements living in wasm memory until it is garbage (then its
   * block is reused). Kernels read and write it in place. Only between kernel calls (it moves
   * the arena up). Views of it (subarray) must not outlive it: its block is freed with it.
   */
  allocResident(n: number): Float32Array {
    const bytes = Math.max(64, (n * 4 + 63) & ~63);
    let ptr = this.freeBlocks.get(bytes)?.pop();
    if (ptr === undefined) {
      this.top = this.base; // no call is running: the arena holds nothing
      ptr = this.alloc(bytes);
      this.base = this.top;
    }
    const arr = new Float32Array(this.memory.buffer, ptr, n);
    arr.fill(0);
    this.resident.set(arr, ptr);
    this.registry.register(arr, { ptr, bytes });
    return arr;
  }

  /** The pointer of a resident array, or -1 for any other array. */
  residentPtr(arr: Float32Array): number {
    return this.resident.get(arr) ?? -1;
  }

  private release(ptr: number, bytes: number): void {
    const list = this.freeBlocks.get(bytes);
    if (list) list.push(ptr);
    else this.freeBlocks.set(bytes, [ptr]);
  }

  /** Frees every allocation made since the last reset (the start of the current kernel call). */
  reset(): void {
    this.top = this.base;
  }

  /** Bytes from the arena, 64-byte aligned (a cache line), valid until the next reset. */
  alloc(bytes: number): number {
    const ptr = (this.top + 63) & ~63;
    const end = ptr + Math.max(bytes, 0);
    this.ensure(end);
    this.top = end;
    return ptr;
  }

  /** Bytes kept for the life of the heap (thread scratch); only while the arena is empty. */
  allocPermanent(bytes: number): number {
    if (this.top !== this.base) throw new Error("kernels: permanent allocation while the arena is in use");
    const ptr = this.alloc(bytes);
    this.base = this.top;
    return ptr;
  }

  private ensure(end: number): void {
    const have = this.size;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE_BYTES);
    if (have / PAGE_BYTES + pages > MAX_PAGES) {
      throw new WasmHeapFull(`kernels: ${end} bytes exceed the WebAssembly memory limit (${MAX_PAGES * PAGE_BYTES} bytes)`);
    }
    // Grow by at least a quarter so a slowly rising size does not grow on every call.
    const grow = Math.min(Math.max(pages, Math.ceil(have / PAGE_BYTES / 4)), MAX_PAGES - have / PAGE_BYTES);
    this.memory.grow(grow);
    this.size = this.memory.buffer.byteLength;
  }
}

/** A row-major block copied into the heap: its pointer and its leading dimension there. */
export interface HeapMatrix {
  ptr: number;
  ld: number;
}

/**
 * Copies rows x cols of `src` (rows `ld` apart from `off`) into the arena. The whole span is
 * copied in one memcpy when it is not much larger than the block, else row by row compacted.
 */
export function copyMatrixIn(heap: WasmHeap, src: Float32Array, off: number, rows: number, cols: number, ld: number, out: HeapMatrix): void {
  if (rows <= 0 || cols <= 0) {
    out.ptr = heap.alloc(0);
    out.ld = Math.max(cols, 1);
    return;
  }
  const span = (rows - 1) * ld + cols;
  const home = heap.residentPtr(src);
  if (home >= 0) {
    out.ptr = home + off * 4; // already in wasm memory: read in place
    out.ld = ld;
    return;
  }
  if (ld === cols || span <= 2 * rows * cols) {
    out.ptr = heap.alloc(span * 4);
    out.ld = ld;
    heap.f32.set(src.subarray(off, off + span), out.ptr >> 2);
  } else {
    out.ptr = heap.alloc(rows * cols * 4);
    out.ld = cols;
    const f32 = heap.f32;
    for (let r = 0; r < rows; r++) f32.set(src.subarray(off + r * ld, off + r * ld + cols), (out.ptr >> 2) + r * cols);
  }
}

/** Copies rows x cols from the heap block back to `dst` (rows `ld` apart from `off`). */
export function copyMatrixOut(heap: WasmHeap, m: HeapMatrix, rows: number, cols: number, dst: Float32Array, off: number, ld: number): void {
  if (rows <= 0 || cols <= 0) return;
  const f32 = heap.f32;
  const base = m.ptr >> 2;
  if (ld === cols && m.ld === cols) {
    dst.set(f32.subarray(base, base + rows * cols), off);
    return;
  }
  for (let r = 0; r < rows; r++) dst.set(f32.subarray(base + r * m.ld, base + r * m.ld + cols), off + r * ld);
}
