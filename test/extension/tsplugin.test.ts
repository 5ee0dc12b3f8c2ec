// The tsserver plugin: "torch" and "torchvision" resolve to the declarations the build
// generates (out/types), with full types, in a real TypeScript language service; and tsserver
// itself loads the plugin by package name the way VS Code asks it to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { init } from "../../src/tsplugin/index";
import { TORCH_MODULES } from "../../src/tsplugin/resolve";

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "src", "tsplugin"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no checkout above ${__dirname}`);
  }
}
const root = repoRoot();
const typesRoot = path.join(root, "out", "types");
const BUILT = existsSync(path.join(typesRoot, TORCH_MODULES.torch));
const NOT_BUILT = "out/types is missing: run `npm run build` (it generates the declarations)";

/** A language service over in-memory files, with the plugin applied as tsserver applies it. */
function service(files: Record<string, string>, options: ts.CompilerOptions, pluginTypesRoot: string | null): ts.LanguageService {
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const text = files[f] ?? (ts.sys.fileExists(f) ? ts.sys.readFile(f) : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => "/work/user-project",
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f in files || ts.sys.fileExists(f),
    readFile: (f) => files[f] ?? ts.sys.readFile(f),
    directoryExists: (d) => Object.keys(files).some((f) => f.startsWith(`${d}/`)) || ts.sys.directoryExists(d),
  };
  const languageService = ts.createLanguageService(host);
  if (pluginTypesRoot === null) return languageService;
  const info = { languageService, languageServiceHost: host, config: { typesRoot: pluginTypesRoot }, project: undefined, serverHost: undefined } as unknown as ts.server.PluginCreateInfo;
  return init({ typescript: ts }).create(info);
}

const USER_FILE = "/work/user-project/main.ts";
const TUTORIAL = [
  'import * as torch from "torch";',
  'import * as torchvision from "torchvision";',
  "const x = torch.ones(2, 2, { requires_grad: true });",
  "const y = x.add(2);",
  "const z = y.mul(y).mul(3);",
  "const out = z.mean();",
  "out.backward();",
  "console.log(x.grad, y.grad_fn?.name(), torchvision);",
  "",
].join("\n");

const declare = "declare const console: { log(...a: unknown[]): void };\n";
const OPTION_SETS: [string, ts.CompilerOptions][] = [
  ["commonjs/node10", { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, lib: ["lib.es2022.d.ts"], types: [] }],
  ["esnext/bundler (VS Code's inferred project)", { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ["lib.es2022.d.ts"], types: [] }],
];

function errors(ls: ts.LanguageService): string[] {
  return [...ls.getSyntacticDiagnostics(USER_FILE), ...ls.getSemanticDiagnostics(USER_FILE)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("without the plugin, the editor says Cannot find module 'torch' (what the plugin fixes)", () => {
  const ls = service({ [USER_FILE]: declare + TUTORIAL }, OPTION_SETS[0][1], null);
  assert.ok(errors(ls).some((m) => m.includes("Cannot find module 'torch'")));
});

for (const [label, options] of OPTION_SETS) {
  test(`with the plugin (${label}): no diagnostics, and torch.ones / x.grad have real types`, { skip: BUILT ? false : NOT_BUILT }, () => {
    const text = declare + TUTORIAL;
    const ls = service({ [USER_FILE]: text }, options, typesRoot);
    assert.deepEqual(errors(ls), []);
    const onesAt = text.indexOf("torch.ones") + "torch.".length;
    const ones = ls.getQuickInfoAtPosition(USER_FILE, onesAt);
    const onesType = ts.displayPartsToString(ones?.displayParts);
    assert.match(onesType, /ones\(/);
    assert.match(onesType, /Tensor/);
    const grad = ls.getQuickInfoAtPosition(USER_FILE, text.indexOf("x.grad") + 2);
    assert.match(ts.displayPartsToString(grad?.displayParts), /grad: (torch\.)?Tensor \| null/);
    const def = ls.getDefinitionAtPosition(USER_FILE, onesAt);
    assert.ok(def?.[0]?.fileName.startsWith(typesRoot.split(path.sep).join("/")), `defined in ${def?.[0]?.fileName}`);
  });
}

test("the plugin reports real type errors against the engine's types", { skip: BUILT ? false : NOT_BUILT }, () => {
  const text = `${declare}import * as torch from "torch";\nconst x = torch.ones(2);\nconst n: string = x.numel();\n`;
  const msgs = errors(service({ [USER_FILE]: text }, OPTION_SETS[1][1], typesRoot));
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /not assignable to type 'string'/);
});

test("completions after `torch.` list the engine's functions", { skip: BUILT ? false : NOT_BUILT }, () => {
  const text = `import * as torch from "torch";\ntorch.`;
  const ls = service({ [USER_FILE]: text }, OPTION_SETS[1][1], typesRoot);
  const names = ls.getCompletionsAtPosition(USER_FILE, text.length, {})?.entries.map((e) => e.name) ?? [];
  for (const n of ["ones", "tensor", "randn", "no_grad", "Tensor", "autograd"]) assert.ok(names.includes(n), n);
});

test("other imports resolve as before (a relative module, a missing package still errors)", () => {
  const files = {
    [USER_FILE]: 'import { two } from "./helper";\nimport * as nope from "definitely-not-installed";\nexport const four = two * 2 + (nope ? 0 : 0);\n',
    "/work/user-project/helper.ts": "export const two = 2;\n",
  };
  const msgs = errors(service(files, OPTION_SETS[1][1], typesRoot));
  assert.equal(msgs.length, 1, msgs.join("\n"));
  assert.match(msgs[0], /Cannot find module 'definitely-not-installed'/);
});

/** Talks to a real tsserver process (the same protocol VS Code uses). */
async function tsserverDiagnostics(probeLocation: string, file: string, text: string): Promise<{ diagnostics: string[]; quickInfo: string; log: string }> {
  const logFile = path.join(path.dirname(file), "tsserver.log");
  const server = spawn(process.execPath, [
    require.resolve("typescript/lib/tsserver.js"), "--globalPlugins", "gradient-inspector-tsplugin", "--pluginProbeLocations", probeLocation,
    "--logVerbosity", "normal", "--logFile", logFile, "--disableAutomaticTypingAcquisition",
  ], { stdio: ["pipe", "pipe", "inherit"] });
  let buffer = "";
  const waiting = new Map<number, (body: unknown) => void>();
  server.stdout.setEncoding("utf8");
  server.stdout.on("data", (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const header = /Content-Length: (\d+)\r\n\r\n/.exec(buffer);
      if (!header) break;
      const start = header.index + header[0].length;
      const len = Number(header[1]);
      if (Buffer.byteLength(buffer.slice(start)) < len) break;
      const bytes = Buffer.from(buffer.slice(start));
      const msg = JSON.parse(bytes.subarray(0, len).toString("utf8")) as { type: string; request_seq?: number; body?: unknown };
      buffer = bytes.subarray(len).toString("utf8");
      if (msg.type === "response" && msg.request_seq !== undefined) waiting.get(msg.request_seq)?.(msg.body);
    }
  });
  let seq = 0;
  const request = (command: string, args: unknown): Promise<unknown> => new Promise((resolve) => {
    const s = ++seq;
    waiting.set(s, resolve);
    server.stdin.write(`${JSON.stringify({ seq: s, type: "request", command, arguments: args })}\n`);
  });
  try {
    await request("open", { file, fileContent: text, scriptKindName: "TS" });
    const sem = (await request("semanticDiagnosticsSync", { file })) as { text: string }[];
    const syn = (await request("syntacticDiagnosticsSync", { file })) as { text: string }[];
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("torch.ones"));
    const qi = (await request("quickinfo", { file, line: line + 1, offset: lines[line].indexOf("ones") + 1 })) as { displayString?: string } | undefined;
    return { diagnostics: [...syn, ...sem].map((d) => d.text), quickInfo: qi?.displayString ?? "", log: existsSync(logFile) ? readFileSync(logFile, "utf8") : "" };
  } finally {
    server.kill();
  }
}

// GI_TSPLUGIN_PROBE=<unpacked VSIX>/extension checks the packaged extension instead of the checkout.
const probe = process.env.GI_TSPLUGIN_PROBE ?? root;
const PLUGIN_PACKAGE = existsSync(path.join(probe, "node_modules", "gradient-inspector-tsplugin", "index.js"));

test("tsserver loads the plugin by package name from the extension folder, as VS Code starts it", { skip: BUILT && PLUGIN_PACKAGE ? false : NOT_BUILT, timeout: 60000 }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gi-tsserver-"));
  try {
    const file = path.join(dir, "main.ts");
    writeFileSync(file, TUTORIAL);
    const { diagnostics, quickInfo, log } = await tsserverDiagnostics(probe, file, TUTORIAL);
    assert.ok(log.includes(`gradient-inspector-tsplugin: "torch" and "torchvision" resolve to ${path.join(probe, "out", "types")}`), "plugin loaded from the probe location");
    assert.deepEqual(diagnostics, []);
    assert.match(quickInfo, /ones\(/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
