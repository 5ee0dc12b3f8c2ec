// Builds the float32 kernels' WebAssembly from the committed AssemblyScript sources in
// src/engine/kernels/wasm/assembly/ (called by esbuild.mjs, i.e. by `npm run build`).
// Two variants of the same source: plain SIMD128 (separate multiply and add) and relaxed SIMD
// (fused multiply-add); the loader picks the best one the running V8 accepts.
// Both import one shared memory so worker threads can run kernels on the same buffers.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const srcDir = "src/engine/kernels/wasm/assembly";
const variants = [
  ["out/kernels-simd.wasm", ["--enable", "simd"]],
  ["out/kernels-relaxed.wasm", ["--enable", "simd", "--enable", "relaxed-simd"]],
];
// Keep in step with MAX_PAGES in src/engine/kernels/wasm/heap.ts (2 GiB of address space).
const memoryFlags = ["--enable", "threads", "--importMemory", "--sharedMemory",
  "--initialMemory", "32", "--maximumMemory", "32768"];

export function buildWasm() {
  if (!existsSync(srcDir)) return;
  mkdirSync("out", { recursive: true });
  const newestSource = Math.max(statSync("build-wasm.mjs").mtimeMs,
    ...readdirSync(srcDir).map((f) => statSync(join(srcDir, f)).mtimeMs));
  const asc = join("node_modules", ".bin", process.platform === "win32" ? "asc.cmd" : "asc");
  for (const [outFile, features] of variants) {
    if (existsSync(outFile) && statSync(outFile).mtimeMs > newestSource) continue;
    execFileSync(asc, [join(srcDir, "index.ts"), "-O3", "--runtime", "stub", "--noAssert",
      ...features, ...memoryFlags, "-o", outFile], { stdio: "inherit", shell: process.platform === "win32" });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildWasm();
