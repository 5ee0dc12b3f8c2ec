// Runs inside VS Code's extension host, started by ../electron.e2e.test.ts through
// @vscode/test-electron. `vscode` is imported lazily: node's test runner also loads every .js file
// under build/test/, where this module must load without an editor around it.
import assert from "node:assert/strict";
import * as path from "node:path";

const EXTENSION_ID = "gradient-inspector.gradient-inspector";
const COMMANDS = ["gradientInspector.runFile", "gradientInspector.runSelection", "gradientInspector.openPanel", "gradientInspector.stop"];

async function waitFor<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** test-electron's entry point: resolve to pass, reject to fail. */
export async function run(): Promise<void> {
  const vscode = await import("vscode");
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  await ext.activate();

  const all = await vscode.commands.getCommands(true);
  for (const c of COMMANDS) assert.ok(all.includes(c), `command ${c} is registered`);

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, "the examples folder is open");

  // A run that throws must leave PyTorch's message as a diagnostic on the throwing line (line 5).
  const broken = await vscode.workspace.openTextDocument({
    language: "typescript",
    content: 'import * as torch from "torch";\n\nconst x = torch.ones(2, 2, { requires_grad: true });\nconst y = x.add(2);\ny.backward();\n',
  });
  await vscode.window.showTextDocument(broken);
  await vscode.commands.executeCommand("gradientInspector.runFile");
  const diag = await waitFor("a diagnostic for the failing run", 30_000, () =>
    vscode.languages.getDiagnostics(broken.uri).find((d) => d.message.includes("grad can be implicitly created only for scalar outputs")));
  assert.equal(diag.range.start.line, 4, "the diagnostic is on line 5 (0-based 4)");

  // The tutorial example runs without a diagnostic of ours.
  const example = await vscode.workspace.openTextDocument(path.join(folder, "autograd_basics.ts"));
  await vscode.window.showTextDocument(example);
  await vscode.commands.executeCommand("gradientInspector.runFile");
  await new Promise((r) => setTimeout(r, 3000));
  const ours = vscode.languages.getDiagnostics(example.uri).filter((d) => d.source?.toLowerCase().includes("gradient"));
  assert.deepEqual(ours.map((d) => d.message), [], "autograd_basics.ts runs without errors");
}
