// Bundles every entry point the product ships. Node entries are CommonJS (VS Code's
// extension host and worker threads load them with require); the webview is a browser IIFE.
import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import { buildWasm } from "./build-wasm.mjs";

const watch = process.argv.includes("--watch");
const common = { bundle: true, sourcemap: true, logLevel: "warning", legalComments: "none" };

const nodeEntries = [
  ["src/extension/extension.ts", "out/extension.js"],
  ["src/cli.ts", "out/cli.js"],
  ["src/runner/worker.ts", "out/runner-worker.js"],
  ["src/runner/sandbox.ts", "out/runner-sandbox.js"],
  // The TypeScript compiler, loaded by the runner on first use: kept out of extension.js and cli.js.
  ["src/runner/transpiler-entry.ts", "out/transpiler.js"],
  ["test/bench/bench.ts", "out/bench.js"],
  ["src/tsplugin/index.ts", "out/tsplugin.js"],
].filter(([src]) => existsSync(src));

const builds = nodeEntries.map(([entry, outfile]) => ({
  ...common, entryPoints: [entry], outfile, platform: "node", format: "cjs", target: "node20",
  external: ["vscode"],
}));
if (existsSync("webview/src/main.ts")) {
  builds.push({
    ...common, entryPoints: { "webview/main": "webview/src/main.ts" }, outdir: "out",
    platform: "browser", format: "iife", target: "es2022", minify: true,
    loader: { ".css": "css", ".ttf": "file" },
  });
}
if (existsSync("webview/src/layout-worker.ts")) {
  builds.push({
    ...common, entryPoints: { "webview/layout-worker": "webview/src/layout-worker.ts" }, outdir: "out",
    platform: "browser", format: "iife", target: "es2022", minify: true,
  });
}

buildWasm(); // float32 kernels (AssemblyScript -> out/kernels-*.wasm)

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
// Declarations of "torch"/"torchvision" for the tsserver plugin (out/types/; skipped when up to date).
if (existsSync("src/tsplugin/build-types.mjs")) (await import("./src/tsplugin/build-types.mjs")).buildTypes();
