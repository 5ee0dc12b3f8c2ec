// The commands (ids and titles are part of the contract; package.json declares the titles).
import * as vscode from "vscode";
import { GraphPanel, findDocument, type PanelDeps } from "./graph-panel";
import { REVEAL_COMMAND } from "./hover-text";
import type { RunController } from "./run-controller";

export const COMMANDS = {
  runFile: "gradientInspector.runFile",
  runSelection: "gradientInspector.runSelection",
  openPanel: "gradientInspector.openPanel",
  stop: "gradientInspector.stop",
  revealTensor: REVEAL_COMMAND,
} as const;

async function documentFor(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return findDocument(arg.toString()) ?? (await vscode.workspace.openTextDocument(arg));
  return vscode.window.activeTextEditor?.document;
}

function parseRevealArgs(arg: unknown): { file: string; tensorId: number } | null {
  if (typeof arg !== "object" || arg === null) return null;
  const { file, tensorId } = arg as { file?: unknown; tensorId?: unknown };
  return typeof file === "string" && typeof tensorId === "number" && Number.isInteger(tensorId) ? { file, tensorId } : null;
}

export function registerCommands(deps: PanelDeps, runs: RunController): vscode.Disposable[] {
  const noEditor = (): void => void vscode.window.showInformationMessage("Gradient Inspector: open a TypeScript file to run it.");
  // A run from a command shows the panel beside the editor (keeping the editor focused).
  const showPanel = (file: string): void => void GraphPanel.show(deps, file, true);
  const runAndShow = async (doc: vscode.TextDocument, selection?: vscode.Range): Promise<void> => {
    // A new panel's webview takes longer to load than compiling and running a tutorial file: open
    // it first, so both happen at once; it follows the file as soon as the run has begun.
    if (runs.accepts(doc)) GraphPanel.show(deps, null, true);
    await runs.run(doc, selection, showPanel);
  };
  return [
    vscode.commands.registerCommand(COMMANDS.runFile, async (arg?: unknown) => {
      const doc = await documentFor(arg);
      if (!doc) return noEditor();
      await runAndShow(doc);
    }),
    vscode.commands.registerCommand(COMMANDS.runSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return noEditor();
      // No selection: run the cursor's line, as notebooks' "run selection" does.
      const sel = editor.selection.isEmpty ? editor.document.lineAt(editor.selection.active.line).range : editor.selection;
      await runAndShow(editor.document, sel);
    }),
    vscode.commands.registerCommand(COMMANDS.openPanel, async (arg?: unknown) => {
      const doc = await documentFor(arg);
      GraphPanel.show(deps, doc?.uri.toString() ?? null);
    }),
    vscode.commands.registerCommand(COMMANDS.stop, async (arg?: unknown) => {
      const doc = arg instanceof vscode.Uri ? await documentFor(arg) : vscode.window.activeTextEditor?.document;
      const file = doc?.uri.toString();
      // Stop this file's run; with none running here, stop whatever runs.
      if (!(file && runs.stop(file)) && !runs.stop()) void vscode.window.setStatusBarMessage("Gradient Inspector: nothing is running", 3000);
    }),
    vscode.commands.registerCommand(COMMANDS.revealTensor, (arg?: unknown) => {
      const args = parseRevealArgs(arg);
      if (!args) return;
      const panel = GraphPanel.show(deps, args.file, true);
      panel.selectTensor(args.file, args.tensorId);
    }),
  ];
}
