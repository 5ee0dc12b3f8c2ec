// Shared test helpers: evaluate instrumented code in-process with a recorder whose "tensors" are
// instances of a small test class (the instrumentation itself does not depend on the engine),
// and build the real worker bundle for tests that run programs end to end.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import type { EngineTensor } from "../../src/runner/engine-types";
import { Recorder } from "../../src/runner/hooks";
import type { Site } from "../../src/runner/instrument";
import { transpile, type TranspileResult } from "../../src/runner/transpile";

export const ROOT = path.resolve(__dirname, "../../..");

let nextId = 1;
/** Stands in for a tensor: only identity matters to the recorder. */
export class Box {
  readonly _id = nextId++;
  constructor(readonly label: string) {}
}

export interface Evaluated {
  recorder: Recorder;
  sites: Site[];
  compiled: TranspileResult;
  /** Sites of the recorded bindings as "name@line:col=label xcount". */
  bindings: string[];
}

/** Transpiles `src` with recording on and runs it with `mk(label)` creating Boxes. */
export async function evaluate(src: string): Promise<Evaluated> {
  const compiled = transpile(src, "test.ts", { record: true });
  if (compiled.diagnostics.length > 0) throw new Error(compiled.diagnostics[0].message);
  const isBox = ((v: unknown) => v instanceof Box) as unknown as (v: unknown) => v is EngineTensor;
  const recorder = new Recorder(isBox, (v) => ({ float: v }), new Int32Array(new SharedArrayBuffer(4)));
  const fn = vm.runInThisContext(`(function (exports, __gi, mk) { return (async function () {\n${compiled.code}\n})(); })`) as (
    exports: object, hooks: unknown, mk: (label: string) => Box) => Promise<void>;
  await fn({}, recorder.hooks(), (label) => new Box(label));
  const bindings = [...recorder.sites].sort((a, b) => a[1].seq - b[1].seq).map(([site, r]) => {
    const s = compiled.sites[site];
    return `${s.name}@${s.line}:${s.column}=${(r.tensor as unknown as Box).label}x${r.count}`;
  });
  return { recorder, sites: compiled.sites, compiled, bindings };
}

let outDir: string | undefined;
const bundled = new Map<string, Promise<string>>();

/** Bundles an entry point (with the engine) into one temp dir per test process, as esbuild.mjs does. */
export function bundle(entry: string, name: string): Promise<string> {
  const known = bundled.get(name);
  if (known) return known;
  // esbuild is a dev dependency: fine in tests (the product never runs it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof import("esbuild");
  outDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "gi-runner-test-"));
  const outfile = path.join(outDir, name);
  const p = esbuild.build({
    entryPoints: [path.join(ROOT, entry)], outfile, bundle: true, platform: "node", format: "cjs",
    target: "node20", sourcemap: true, logLevel: "error",
  }).then(() => outfile);
  bundled.set(name, p);
  return p;
}

/** The worker bundle, with the run process that hosts it (runner-sandbox.js) next to it. */
export async function buildWorker(): Promise<string> {
  const [worker] = await Promise.all([bundle("src/runner/worker.ts", "runner-worker.js"), bundle("src/runner/sandbox.ts", "runner-sandbox.js")]);
  return worker;
}

/** The compiler bundle, like out/transpiler.js: host.ts loads it by path on the first run. */
export function buildTranspiler(): Promise<string> {
  return bundle("src/runner/transpiler-entry.ts", "transpiler.js");
}

/** The CLI next to its worker and compiler, like out/cli.js, out/runner-worker.js, out/transpiler.js. */
export async function buildCli(): Promise<string> {
  await Promise.all([buildWorker(), buildTranspiler()]);
  return bundle("src/cli.ts", "cli.js");
}
