// Hosts the webview panel: one panel beside the editor that follows the active file's last
// run. It only talks through src/protocol.ts: ToWebview messages out, FromWebview messages in
// (each validated by parseFromWebview before anything acts on it).
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import * as vscode from "vscode";
import { assertNever, parseFromWebview, type FromWebview, type PanelState, type ToWebview } from "../protocol";
import { mapFor } from "./document-map";
import { panelHtml } from "../../webview/src/html";
import { decodeExport, panelState, sameState } from "./panel-state";
import type { ResultsStore } from "./results-store";
import type { RunController } from "./run-controller";
import { RUNNABLE_LANGUAGES } from "./run-gate";
import type { SnapshotCache } from "./snapshot-cache";

export interface PanelDeps {
  extensionUri: vscode.Uri;
  store: ResultsStore;
  runs: RunController;
  cache: SnapshotCache | null;
}

const EDIT_DEBOUNCE_MS = 200;

function themeKind(kind: vscode.ColorThemeKind): "light" | "dark" | "high-contrast" | "high-contrast-light" {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return "light";
    case vscode.ColorThemeKind.Dark:
      return "dark";
    case vscode.ColorThemeKind.HighContrast:
      return "high-contrast";
    case vscode.ColorThemeKind.HighContrastLight:
      return "high-contrast-light";
    default:
      return "dark";
  }
}

export function findDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === file);
}

export class GraphPanel implements vscode.Disposable {
  static readonly viewType = "gradientInspector.panel";
  private static current: GraphPanel | undefined;

  private file: string | null = null;
  private lastPosted: PanelState | null = null;
  private ready = false;
  private readonly queue: ToWebview[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private staleTimer: NodeJS.Timeout | undefined;

  /** Shows the panel (creating it beside the editor), on `file` when given. */
  static show(deps: PanelDeps, file: string | null, preserveFocus = false): GraphPanel {
    if (GraphPanel.current) {
      GraphPanel.current.panel.reveal(undefined, preserveFocus);
    } else {
      const panel = vscode.window.createWebviewPanel(
        GraphPanel.viewType,
        "Gradient Inspector",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
        GraphPanel.webviewOptions(deps.extensionUri),
      );
      GraphPanel.current = new GraphPanel(panel, deps);
    }
    const p = GraphPanel.current;
    if (file) void p.showFile(file);
    return p;
  }

  /** Re-attaches a panel VS Code restored after a reload (its serializer calls this). */
  static revive(deps: PanelDeps, panel: vscode.WebviewPanel, state: unknown): GraphPanel {
    GraphPanel.current?.dispose();
    panel.webview.options = GraphPanel.webviewOptions(deps.extensionUri);
    const p = new GraphPanel(panel, deps);
    GraphPanel.current = p;
    const saved = typeof state === "object" && state !== null && typeof (state as { file?: unknown }).file === "string" ? (state as { file: string }).file : null;
    const active = vscode.window.activeTextEditor;
    const file = active && RUNNABLE_LANGUAGES.includes(active.document.languageId) ? active.document.uri.toString() : saved;
    if (file) void p.showFile(file);
    return p;
  }

  static get instance(): GraphPanel | undefined {
    return GraphPanel.current;
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, "out"), vscode.Uri.joinPath(extensionUri, "media")],
    };
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, "media", "icon.png");
    panel.webview.html = this.html();
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseFromWebview(raw);
        if (msg) void this.handle(msg);
      }),
      deps.store.onEvent((e) => {
        if (e.file === this.file) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && RUNNABLE_LANGUAGES.includes(ed.document.languageId) && ed.document.uri.scheme !== "output") void this.showFile(ed.document.uri.toString());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== this.file) return;
        clearTimeout(this.staleTimer);
        this.staleTimer = setTimeout(() => this.refresh(), EDIT_DEBOUNCE_MS);
      }),
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: "theme", kind: themeKind(t.kind) })),
    );
  }

  /** The file whose run the panel shows. */
  get shownFile(): string | null {
    return this.file;
  }

  /** Follows `file`: shows its last run (restoring a saved one after a reload when needed). */
  async showFile(file: string): Promise<void> {
    this.file = file;
    this.panel.title = `Gradient Inspector: ${path.posix.basename(vscode.Uri.parse(file).path)}`;
    if (!this.deps.store.result(file) && !this.deps.store.running(file) && this.deps.cache) {
      const snapshot = await this.deps.cache.load(file);
      if (snapshot) this.deps.store.restore(file, snapshot);
    }
    if (this.file === file) this.refresh();
  }

  /** Selects a tensor in the panel (from a hover, a cursor move, or the hover's link). */
  selectTensor(file: string, tensorId: number): void {
    if (file !== this.file) return;
    this.post({ type: "selectTensor", tensorId });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  private refresh(): void {
    const file = this.file;
    const store = this.deps.store;
    const result = file ? store.result(file) : undefined;
    const doc = file ? findDocument(file) : undefined;
    const stale = result && doc ? !mapFor(result, doc).identical : false;
    const state = panelState(file, result, file ? store.running(file) : undefined, stale);
    if (sameState(this.lastPosted, state)) return;
    this.lastPosted = state;
    this.post({ type: "state", state });
  }

  private post(msg: ToWebview): void {
    // Messages sent before the app listens are lost; hold them until it says "ready".
    if (!this.ready) {
      if (msg.type === "state") {
        const i = this.queue.findIndex((m) => m.type === "state");
        if (i >= 0) this.queue.splice(i, 1);
      }
      this.queue.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  private async handle(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case "ready": {
        this.ready = true;
        const queued = this.queue.splice(0);
        void this.panel.webview.postMessage({ type: "theme", kind: themeKind(vscode.window.activeColorTheme.kind) } satisfies ToWebview);
        if (!queued.some((m) => m.type === "state")) {
          this.lastPosted = null;
          this.refresh();
        }
        for (const m of queued) void this.panel.webview.postMessage(m);
        return;
      }
      case "selectTensor":
        // The panel sends revealLine along with a user's selection; nothing more to do here.
        return;
      case "revealLine":
        await this.revealLine(msg.line);
        return;
      case "requestPage": {
        const pager = this.file ? this.deps.store.pager(this.file) : undefined;
        const page = pager ? await pager.page(msg.request) : null;
        if (page) this.post({ type: "tensorPage", page });
        return;
      }
      case "stop":
        if (this.file) this.deps.runs.stop(this.file);
        return;
      case "runFile": {
        if (!this.file) return;
        const doc = findDocument(this.file) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(this.file)));
        await this.deps.runs.run(doc);
        return;
      }
      case "exportImage":
        await this.exportImage(msg.format, msg.data);
        return;
      default:
        assertNever(msg);
    }
  }

  /** Reveals a line of the run's source (1-based) where it is now in the editor. */
  private async revealLine(line1: number): Promise<void> {
    if (!this.file) return;
    const result = this.deps.store.result(this.file);
    const doc = findDocument(this.file) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(this.file)));
    const mapped = result ? result.currentLine(mapFor(result, doc), line1) : null;
    const line = Math.min(Math.max(mapped ?? line1 - 1, 0), doc.lineCount - 1);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    // Keep the focus in the panel: the user may be walking its list with the keyboard.
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: true });
    const range = doc.lineAt(line).range;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async exportImage(format: "svg" | "png", data: string): Promise<void> {
    const bytes = decodeExport(format, data);
    if (!bytes) {
      void vscode.window.showErrorMessage(`Gradient Inspector: the panel sent an invalid ${format.toUpperCase()} image.`);
      return;
    }
    const base = this.file ? path.posix.basename(vscode.Uri.parse(this.file).path).replace(/\.[^.]*$/, "") : "graph";
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}-graph.${format}`) : undefined,
      filters: format === "svg" ? { "SVG image": ["svg"] } : { "PNG image": ["png"] },
      saveLabel: "Export Graph",
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Gradient Inspector: graph saved to ${target.fsPath || target.toString()}.`);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString("base64");
    const out = vscode.Uri.joinPath(this.deps.extensionUri, "out", "webview");
    const uri = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(out, name)).toString();
    return panelHtml({ cspSource: webview.cspSource, nonce, scriptUri: uri("main.js"), styleUri: uri("main.css"), workerUri: uri("layout-worker.js") });
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    clearTimeout(this.staleTimer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
  }
}
