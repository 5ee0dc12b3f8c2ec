// The TypeScript compiler is bundled only into out/transpiler.js: the extension (whose load time
// is its activation time) and the CLI load it by path on their first run. Checked on esbuild's
// metafile of each entry, built in memory with the options of esbuild.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { createRunner } from "../../src/runner/host";
import { buildWorker, ROOT } from "./helpers";

/** Inputs of a bundle of `entry`, as paths relative to the repository. */
async function bundledInputs(entry: string): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof import("esbuild");
  const r = await esbuild.build({
    entryPoints: [path.join(ROOT, entry)], outfile: path.join(ROOT, "out/never-written.js"), write: false, metafile: true,
    bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode"], logLevel: "error", absWorkingDir: ROOT,
  });
  return Object.keys(r.metafile.inputs);
}

const isCompiler = (input: string): boolean => /(^|\/)node_modules\/typescript\//.test(input);
const isCompilerUser = (input: string): boolean => /src\/runner\/(transpile|instrument|float-literals)\.ts$/.test(input);

test("the compiler bundle holds typescript and the instrumenter", async () => {
  const inputs = await bundledInputs("src/runner/transpiler-entry.ts");
  assert.ok(inputs.some(isCompiler), "typescript is in out/transpiler.js");
  assert.deepEqual(inputs.filter(isCompilerUser).sort(), ["src/runner/float-literals.ts", "src/runner/instrument.ts", "src/runner/transpile.ts"]);
});

for (const entry of ["src/extension/extension.ts", "src/cli.ts"]) {
  test(`${entry} bundles neither typescript nor the code that uses it`, async () => {
    const inputs = await bundledInputs(entry);
    assert.ok(inputs.includes("src/runner/host.ts"), "the runner's host is in the bundle");
    assert.deepEqual(inputs.filter((i) => isCompiler(i) || isCompilerUser(i)), []);
  });
}

test("a missing compiler bundle fails the run with an error naming it, and the host goes on", async () => {
  const missing = path.join(ROOT, "out/no-such-transpiler.js");
  const runner = createRunner({ workerPath: await buildWorker(), transpilerPath: missing });
  runner.prewarm(256); // must not throw: prewarm runs from a timer in the extension
  const h = runner.startRun("const x = 1;\n", {
    fileName: "/ws/a.ts", documentVersion: 1, timeLimitMs: 5000, memoryLimitMb: 256, previewElements: 4, record: true,
  });
  const s = await h.result;
  runner.dispose();
  assert.equal(s.status, "error");
  assert.equal(s.error?.kind, "InternalError");
  assert.match(s.error?.message ?? "", /transpiling failed: .*no-such-transpiler\.js/);
});
