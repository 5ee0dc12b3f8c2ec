// Entry point. `activate` only creates the parts and registers them in
// context.subscriptions; each part listens for what it needs (see the files it imports).
import * as vscode from "vscode";
import { configureSharedRunner, sharedRunner, startRun } from "../runner";
import { RunCodeLensProvider } from "./code-lens";
import { registerCommands } from "./commands";
import { affectsSettings, currentSettings } from "./config";
import { RunDiagnostics } from "./diagnostics";
import { mapFor } from "./document-map";
import { GraphPanel, type PanelDeps } from "./graph-panel";
import { TensorHoverProvider } from "./hover-provider";
import { InlineValues } from "./inline-values";
import { ResultsStore } from "./results-store";
import { RunController } from "./run-controller";
import { RUNNABLE_LANGUAGES } from "./run-gate";
import { SnapshotCache } from "./snapshot-cache";
import { firstTorchImportLine } from "./source-scan";
import { RunStatusBar } from "./status-bar";

const SELECTOR: vscode.DocumentSelector = RUNNABLE_LANGUAGES.map((language) => ({ language }));
/** Start the runner's worker and compiler this long after a torch file shows up, off the critical path. */
const PREWARM_DELAY_MS = 1500;

export function activate(context: vscode.ExtensionContext): void {
  // The compiler's V8 code cache lives in this user's storage (see src/runner/code-cache.ts).
  configureSharedRunner({ codeCacheDir: vscode.Uri.joinPath(context.globalStorageUri, "code-cache").fsPath });
  const store = new ResultsStore();
  const output = vscode.window.createOutputChannel("Gradient Inspector");
  const runs = new RunController(store, startRun, output);
  const cache = new SnapshotCache(context.storageUri ?? context.globalStorageUri);
  const deps: PanelDeps = { extensionUri: context.extensionUri, store, runs, cache };
  const hoverTensor = (file: string, tensorId: number): void => GraphPanel.instance?.selectTensor(file, tensorId);

  context.subscriptions.push(
    { dispose: () => store.dispose() },
    { dispose: () => GraphPanel.instance?.dispose() },
    output,
    runs,
    runs.onDidFinish(({ file, snapshot }) => void cache.save(file, snapshot)),
    new RunStatusBar(store),
    new InlineValues(store),
    new RunDiagnostics(store),
    ...registerCommands(deps, runs),
    vscode.languages.registerHoverProvider(SELECTOR, new TensorHoverProvider(store, hoverTensor)),
    registerCodeLens(store),
    vscode.window.registerWebviewPanelSerializer(GraphPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => void GraphPanel.revive(deps, panel, state),
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!RUNNABLE_LANGUAGES.includes(doc.languageId) || !currentSettings(doc.uri).runOnSave) return;
      if (firstTorchImportLine(doc.getText()) !== null && vscode.workspace.isTrusted) void runs.run(doc);
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => selectTensorOnLine(store, e.textEditor)),
    watchForPrewarm(),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // A new memory limit needs a new spare worker: drop the old one.
      if (affectsSettings(e, "memoryLimitMb")) sharedRunner().dispose();
    }),
    { dispose: () => sharedRunner().dispose() },
  );
  context.subscriptions.push(restoreOnShow(store, cache));
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

function registerCodeLens(store: ResultsStore): vscode.Disposable {
  const provider = new RunCodeLensProvider(store);
  return vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider(SELECTOR, provider));
}

/** Moving the cursor onto a line that binds a tensor selects it in an open panel. */
function selectTensorOnLine(store: ResultsStore, editor: vscode.TextEditor): void {
  const panel = GraphPanel.instance;
  const file = editor.document.uri.toString();
  const result = store.result(file);
  if (!panel || !result || panel.shownFile !== file) return;
  const line = editor.selection.active.line;
  const [first] = result.bindingsOnLine(mapFor(result, editor.document), line);
  if (first) panel.selectTensor(file, first.tensor.id);
}

/** Warms the runner once a trusted workspace shows a file that imports torch. */
function watchForPrewarm(): vscode.Disposable {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const check = (editor: vscode.TextEditor | undefined): void => {
    if (done || !editor || !vscode.workspace.isTrusted || !RUNNABLE_LANGUAGES.includes(editor.document.languageId)) return;
    if (firstTorchImportLine(editor.document.getText()) === null) return;
    done = true;
    timer = setTimeout(() => sharedRunner().prewarm(currentSettings(editor.document.uri).memoryLimitMb), PREWARM_DELAY_MS);
  };
  check(vscode.window.activeTextEditor);
  const sub = vscode.window.onDidChangeActiveTextEditor(check);
  return { dispose: () => { clearTimeout(timer); sub.dispose(); } };
}

/** After a reload, files coming on screen get their last run's results back from storage (once each). */
function restoreOnShow(store: ResultsStore, cache: SnapshotCache): vscode.Disposable {
  const tried = new Set<string>();
  const restore = async (editors: readonly vscode.TextEditor[]): Promise<void> => {
    for (const editor of editors) {
      const file = editor.document.uri.toString();
      if (tried.has(file) || !RUNNABLE_LANGUAGES.includes(editor.document.languageId)) continue;
      tried.add(file);
      const snapshot = await cache.load(file);
      if (snapshot) store.restore(file, snapshot);
    }
  };
  void restore(vscode.window.visibleTextEditors);
  return vscode.window.onDidChangeVisibleTextEditors((editors) => void restore(editors));
}
