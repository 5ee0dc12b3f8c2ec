// Median wall time of a synchronous function, after warm-up (tier-up, allocation, threads).
import { performance } from "node:perf_hooks";

export function medianSeconds(fn: () => void, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1e3);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
