// `npm run bench`: for each workload, our figures, each peer's figure from this same run, and
// the ratios (see ../../../shared/BENCHMARKS.md). Options:
//   --no-peers              only our figures
//   --peers=torch,tfjs-wasm,tfjs-cpu,js-pytorch   which peers to run (default all)
//   --only=matmul           only workloads whose id contains this text
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { backendInfo } from "../../src/engine/kernels";
import { runPeers, type PeerResult } from "./peers";
import { workloads } from "./workloads";
import type { Figure, Workload } from "./workloads/types";

function repoRoot(): string {
  // Bundled as out/bench.js; fall back to the working directory (npm runs scripts at the root).
  const fromBundle = resolve(__dirname, "..");
  return existsSync(join(fromBundle, "test", "bench", "peers")) ? fromBundle : process.cwd();
}

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

function fmt(v: number | null, unit: string): string {
  if (v === null) return "n/a";
  if (unit === "ms") return v >= 100 ? v.toFixed(0) : v.toFixed(2);
  return v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toFixed(3);
}

/** >1 means we are faster, whatever the unit. */
function ratio(ours: number | null, peer: number | null, higherIsBetter: boolean): string {
  if (ours === null || peer === null || ours <= 0 || peer <= 0) return "n/a";
  const r = higherIsBetter ? ours / peer : peer / ours;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}x`;
}

function machine(): string {
  let cpu = cpus()[0]?.model ?? "unknown CPU";
  try {
    const flags = readFileSync("/proc/cpuinfo", "utf8");
    if (flags.includes("avx512f")) cpu += ", AVX-512";
  } catch { /* not Linux */ }
  return `${cpu}, ${cpus().length} cores, Node ${process.versions.node}`;
}

function printWorkload(w: Workload, ours: Figure[], peers: PeerResult[]): void {
  const better = w.higherIsBetter ? "higher is better" : "lower is better";
  console.log(`\n${w.title}  [${w.unit}, ${better}]`);
  const width = 48;
  for (const f of ours) console.log(`  ${f.label.padEnd(width)} ${fmt(f.value, w.unit).padStart(9)}${f.note ? `  (${f.note})` : ""}`);
  const ratioHead = ours.map((f) => f.label.replace(/ \(.*\)$/, "")).join(" | ");
  for (const p of peers) {
    const fig = p.figures.get(w.peer.id);
    const value = fig?.value ?? null;
    const ratios = ours.map((f) => ratio(f.value, value, w.higherIsBetter)).join(" | ");
    const note = p.unavailable ?? fig?.note ?? "no result";
    const shownNote = value === null || (fig?.note ?? "") !== "" ? `  (${note})` : "";
    console.log(`  ${p.name.padEnd(width)} ${fmt(value, w.unit).padStart(9)}   ${ratioHead} vs it: ${ratios}${shownNote}`);
  }
}

function main(): void {
  const only = arg("only");
  const selected = workloads.filter((w) => only === undefined || w.peer.id.includes(only));
  const peerNames = arg("peers");
  const noPeers = process.argv.includes("--no-peers");
  const info = backendInfo();
  console.log(`Gradient Inspector benchmark, ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  console.log(`our float32 kernels: ${info.backend}${info.variant ? ` (${info.variant === "relaxed" ? "relaxed SIMD, fused multiply-add" : "SIMD128"})` : ""}, up to ${info.threads} threads`);
  console.log("ratios: ours vs peer, >1x means we are faster (GFLOP/s: ours/peer; ms: peer/ours)");

  const ours = selected.map((w) => {
    process.stdout.write(`measuring ours: ${w.title} ...\n`);
    return w.ours();
  });
  const peers = noPeers ? [] : runPeers(join(repoRoot(), "test", "bench", "peers"), selected.map((w) => w.peer),
    peerNames ? new Set(peerNames.split(",")) : null, (s) => process.stdout.write(`${s}\n`));
  for (const p of peers) if (p.unavailable) console.log(`note: ${p.name}: ${p.unavailable}`);
  selected.forEach((w, i) => printWorkload(w, ours[i], peers));
}

// `node --test build/test/` (npm test) runs every .js under a test/ folder, this compiled file
// included: under the test runner (which sets NODE_TEST_CONTEXT) the bench must not start.
if (process.env.NODE_TEST_CONTEXT === undefined) main();
