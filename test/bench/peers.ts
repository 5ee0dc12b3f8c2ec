// Runs the peers (PyTorch via /usr/bin/python3, tfjs wasm/cpu and js-pytorch via node) on the
// workloads' specs, each peer in its own process, and collects their figures by workload id.
// The JS peers live in test/bench/peers/ with their own package.json, installed on demand.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PeerSpec } from "./workloads/types";

export interface PeerFigure {
  value: number | null;
  note: string;
}

export interface PeerResult {
  name: string;
  /** Set when the peer could not run at all (then `figures` is empty). */
  unavailable?: string;
  figures: Map<string, PeerFigure>;
}

const PYTHON = "/usr/bin/python3";
const RUN_TIMEOUT_MS = 30 * 60_000;
const JS_PEERS = ["tfjs-wasm", "tfjs-cpu", "js-pytorch"] as const;
const PACKAGE_OF: Record<(typeof JS_PEERS)[number], string[]> = {
  "tfjs-wasm": ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"],
  "tfjs-cpu": ["@tensorflow/tfjs"],
  "js-pytorch": ["js-pytorch"],
};

function parseLines(stdout: string): Map<string, PeerFigure> {
  const figures = new Map<string, PeerFigure>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue; // tfjs prints a greeting on stdout
    const r = JSON.parse(line) as { id: string; value: number | null; note?: string };
    figures.set(r.id, { value: r.value, note: r.note ?? "" });
  }
  return figures;
}

function lastLine(text: string): string {
  return text.trim().split("\n").filter(Boolean).slice(-1)[0] ?? "";
}

function runPyTorch(dir: string, specs: PeerSpec[]): PeerResult {
  const name = "PyTorch 1.13 CPU, 1 thread";
  const probe = spawnSync(PYTHON, ["-c", "import torch, torchvision; print(torch.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0) return { name, unavailable: `PyTorch absent: ${PYTHON} cannot import torch (${lastLine(probe.stderr ?? String(probe.error))})`, figures: new Map() };
  const run = spawnSync(PYTHON, [join(dir, "torch_bench.py"), JSON.stringify(specs)], { encoding: "utf8", timeout: RUN_TIMEOUT_MS });
  if (run.status !== 0) return { name, unavailable: `PyTorch run failed: ${lastLine(run.stderr)}`, figures: parseLines(run.stdout ?? "") };
  return { name: `PyTorch ${probe.stdout.trim()} CPU, 1 thread`, figures: parseLines(run.stdout) };
}

/** Installs the JS peers into test/bench/peers/node_modules when missing; returns an error or null. */
function installJsPeers(dir: string): string | null {
  const missing = JS_PEERS.some((p) => PACKAGE_OF[p].some((pkg) => !existsSync(join(dir, "node_modules", pkg, "package.json"))));
  if (!missing) return null;
  process.stdout.write("Installing the JS peers into test/bench/peers (npm install --ignore-scripts) ...\n");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // --ignore-scripts: js-pytorch's optional GPU dependency builds a native module that fails here.
  const r = spawnSync(npm, ["install", "--prefix", dir, "--ignore-scripts", "--no-audit", "--no-fund"], { encoding: "utf8", timeout: 10 * 60_000 });
  return r.status === 0 ? null : `npm install failed: ${lastLine(r.stderr ?? String(r.error))}`;
}

function runJsPeer(dir: string, peer: (typeof JS_PEERS)[number], specs: PeerSpec[], installError: string | null): PeerResult {
  const missing = PACKAGE_OF[peer].filter((pkg) => !existsSync(join(dir, "node_modules", pkg, "package.json")));
  if (missing.length > 0) return { name: peer, unavailable: `not installed (${missing.join(", ")}): ${installError ?? "unknown reason"}`, figures: new Map() };
  const run = spawnSync(process.execPath, [join(dir, "run-js-peer.js"), peer, JSON.stringify(specs)], { cwd: dir, encoding: "utf8", timeout: RUN_TIMEOUT_MS });
  if (run.status !== 0) return { name: peer, unavailable: `run failed: ${lastLine(run.stderr ?? String(run.error))}`, figures: parseLines(run.stdout ?? "") };
  return { name: peer, figures: parseLines(run.stdout) };
}

export function runPeers(peersDir: string, specs: PeerSpec[], only: Set<string> | null, log: (s: string) => void): PeerResult[] {
  const results: PeerResult[] = [];
  const want = (name: string): boolean => only === null || only.has(name);
  if (want("torch")) {
    log("running PyTorch ...");
    results.push(runPyTorch(peersDir, specs));
  }
  const jsWanted = JS_PEERS.filter(want);
  const installError = jsWanted.length > 0 ? installJsPeers(peersDir) : null;
  for (const peer of jsWanted) {
    log(`running ${peer} ...`);
    results.push(runJsPeer(peersDir, peer, specs, installError));
  }
  return results;
}
