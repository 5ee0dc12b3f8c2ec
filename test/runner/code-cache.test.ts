// The compiler bundle's V8 code cache: made on first use, used by later loads, rebuilt when V8
// rejects it or the bundle changes, and never a reason for a load or a run to fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requireWithCodeCache } from "../../src/runner/code-cache";
import { createRunner } from "../../src/runner/host";
import { buildTranspiler, buildWorker } from "./helpers";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "gi-code-cache-test-"));
}

/** A CommonJS file using what `require` gives a module: exports, require, module, __dirname. */
function writeSample(dir: string, extra = ""): string {
  const file = path.join(dir, "sample.js");
  fs.writeFileSync(file, `const p = require("node:path");\nmodule.exports = { double: (x) => 2 * x, dir: __dirname, sep: p.sep };${extra}\n`);
  return file;
}

interface Loaded {
  fromCache: boolean;
  /** `code` evaluated with `m` the loaded module, as JSON. */
  value: unknown;
}

/**
 * Loads `file` in a new process, as a new editor session would: within one process V8 also keeps
 * compiled scripts in memory, and a script found there never looks at the cache it is given.
 */
function loadInNewProcess(file: string, cacheDir: string, save: boolean, code = "null"): Loaded {
  const probe = `const { requireWithCodeCache } = require(${JSON.stringify(require.resolve("../../src/runner/code-cache"))});
const m = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
const value = ${code};
${save ? "m.saveCache();" : ""}
console.log(JSON.stringify({ fromCache: m.fromCache, value }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" })) as Loaded;
}

const SAMPLE = "({ ...m.exports, double: m.exports.double(21) })";
const caches = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.endsWith(".bin"));

test("the first load compiles from source and saves a cache; the next load uses it", () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, "cache"); // made on save
  const file = writeSample(dir);
  const first = loadInNewProcess(file, cacheDir, true, SAMPLE);
  assert.deepEqual(first, { fromCache: false, value: { double: 42, dir, sep: path.sep } });
  assert.equal(caches(cacheDir).length, 1);
  assert.deepEqual(loadInNewProcess(file, cacheDir, false, SAMPLE), { fromCache: true, value: first.value });
});

test("a corrupt cache is rejected, the module still loads, and saving replaces it", () => {
  const dir = tempDir();
  const file = writeSample(dir);
  loadInNewProcess(file, dir, true);
  const [name] = caches(dir);
  fs.writeFileSync(path.join(dir, name), Buffer.from("not a V8 code cache, just some bytes of the wrong length"));
  assert.deepEqual(loadInNewProcess(file, dir, true, "m.exports.double(1)"), { fromCache: false, value: 2 });
  assert.equal(loadInNewProcess(file, dir, false).fromCache, true);
});

test("a changed bundle of the same length gets its own cache (V8 would accept the old one), and the old one is removed", () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, "cache");
  const file = writeSample(dir);
  loadInNewProcess(file, cacheDir, true, SAMPLE);
  const [old] = caches(cacheDir);
  const before = fs.statSync(file);
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("2 * x", "3 * x"));
  fs.utimesSync(file, before.atime, before.mtime); // same size, same time: only the content differs
  assert.deepEqual(loadInNewProcess(file, cacheDir, true, "m.exports.double(21)"), { fromCache: false, value: 63 });
  const now = caches(cacheDir);
  assert.equal(now.length, 1);
  assert.notEqual(now[0], old);
});

test("a cache folder that cannot be made costs only speed", () => {
  const dir = tempDir();
  const file = writeSample(dir);
  const blocked = path.join(file, "cache"); // under a regular file: mkdir fails
  const loaded = requireWithCodeCache<{ double(x: number): number }>(file, blocked);
  assert.equal(loaded.exports.double(3), 6);
  assert.doesNotThrow(() => loaded.saveCache());
});

test("a runner with a cache folder saves the compiler's cache after its first run, and a new process loads from it", async () => {
  const cacheDir = path.join(tempDir(), "code-cache");
  const [workerPath, transpilerPath] = await Promise.all([buildWorker(), buildTranspiler()]);
  const runner = createRunner({ workerPath, transpilerPath, codeCacheDir: cacheDir });
  const h = runner.startRun("import * as torch from \"torch\";\nconst x = torch.ones(2, { requires_grad: true });\nx.sum().backward();\n", {
    fileName: "/ws/c.ts", documentVersion: 1, timeLimitMs: 20000, memoryLimitMb: 512, previewElements: 4, record: true,
  });
  const s = await h.result;
  h.dispose();
  runner.dispose();
  assert.equal(s.status, "ok", JSON.stringify(s.error));
  assert.deepEqual(s.tensors.find((t) => t.names.includes("x"))?.grad?.values, [1, 1]);
  await new Promise((r) => setImmediate(r)); // the save is scheduled after the first transpile
  assert.equal(caches(cacheDir).length, 1);
  const transpiled = "((r) => ({ diagnostics: r.diagnostics.length, js: r.code.includes('const y = 1.5') }))" +
    "(m.exports.transpile('const y: number = 1.5;\\n', 'p.ts', { record: true }))";
  assert.deepEqual(loadInNewProcess(transpilerPath, cacheDir, false, transpiled), { fromCache: true, value: { diagnostics: 0, js: true } });
});
