// Generates the declaration files the TypeScript server plugin points "torch" and
// "torchvision" at: `tsc --emitDeclarationOnly` over the engine's public entry points, into
// out/types/ (out/types/engine/index.d.ts is "torch", out/types/engine/torchvision.d.ts is
// "torchvision"), plus the package folder tsserver loads the plugin from.
// Run by esbuild.mjs after bundling; skipped when the engine has not changed since last time.
//
// Why a package folder: tsserver only loads plugins by *package name*, looked up as
// `<probe location>/node_modules/<name>`, and VS Code passes the extension's folder as the
// probe location. So the extension needs `node_modules/gradient-inspector-tsplugin/` whose
// index.js forwards to the bundled out/tsplugin.js. In a development checkout it is written
// into the checkout's node_modules; `src/tsplugin/pack-vsix.mjs` adds it to the VSIX.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const PLUGIN_NAME = "gradient-inspector-tsplugin";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const engineDir = path.join(root, "src", "engine");
const typesDir = path.join(root, "out", "types");
const stampFile = path.join(typesDir, ".stamp");

/** The files of the plugin's package folder (forwarding to the bundled plugin two levels up). */
export function pluginPackageFiles() {
  return {
    "package.json": `${JSON.stringify({ name: PLUGIN_NAME, version: "0.0.0", private: true, main: "index.js" }, null, 2)}\n`,
    "index.js": "// tsserver loads plugins by package name; the plugin itself is bundled in the extension's out/.\nmodule.exports = require(\"../../out/tsplugin.js\").init;\n",
  };
}

function writePluginPackage() {
  const dir = path.join(root, "node_modules", PLUGIN_NAME);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(pluginPackageFiles())) {
    const file = path.join(dir, name);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
}

/** A fingerprint of the engine's sources (names, sizes, times): regenerate only when it changes. */
function engineFingerprint() {
  const parts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".ts")) {
        const st = statSync(p);
        parts.push(`${path.relative(engineDir, p)}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(engineDir);
  return parts.sort().join("\n");
}

export function buildTypes({ force = false } = {}) {
  if (!existsSync(path.join(engineDir, "index.ts"))) return { skipped: "no engine yet" };
  writePluginPackage();
  const fingerprint = engineFingerprint();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint) return { skipped: "up to date" };

  const ts = createRequire(import.meta.url)("typescript");
  const started = Date.now();
  const entries = ["index.ts", "torchvision.ts"].map((f) => path.join(engineDir, f)).filter((f) => existsSync(f));
  const program = ts.createProgram({
    rootNames: entries,
    options: {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ["lib.es2022.d.ts"], types: ["node"], strict: true, skipLibCheck: true,
      declaration: true, emitDeclarationOnly: true, stripInternal: true,
      rootDir: path.join(root, "src"), outDir: typesDir, noEmitOnError: false,
    },
  });
  rmSync(typesDir, { recursive: true, force: true });
  const emitted = program.emit();
  const errors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  for (const d of errors) console.warn(`build-types: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  mkdirSync(typesDir, { recursive: true });
  writeFileSync(stampFile, fingerprint);
  return { files: countFiles(typesDir), ms: Date.now() - started, errors: errors.length };
}

function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) n += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : entry.name.endsWith(".d.ts") ? 1 : 0;
  return n;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(buildTypes({ force: process.argv.includes("--force") }));
}
