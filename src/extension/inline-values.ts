// The faint values after each line that binds a tensor; stale ones (lines edited since the
// run) are dimmer and say so. Recomputed after runs, edits (debounced), and setting changes.
import * as vscode from "vscode";
import { affectsSettings, currentSettings } from "./config";
import { mapFor } from "./document-map";
import { lineHints } from "./inline-text";
import type { ResultsStore } from "./results-store";

const EDIT_DEBOUNCE_MS = 150;
const COLOR_ID = "gradientInspector.inlineValueForeground";

export class InlineValues implements vscode.Disposable {
  private readonly color = new vscode.ThemeColor(COLOR_ID);
  private readonly fresh = vscode.window.createTextEditorDecorationType({
    after: { color: this.color, fontStyle: "italic", margin: "0 0 0 2em" },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
  });
  private readonly stale = vscode.window.createTextEditorDecorationType({
    // `textDecoration` is the documented way to reach CSS the API has no field for.
    after: { color: this.color, fontStyle: "italic", margin: "0 0 0 2em", textDecoration: "none; opacity: 0.5" },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
  });
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly store: ResultsStore) {
    this.subscriptions.push(
      store.onEvent((e) => {
        if (e.kind !== "started") this.refreshFile(e.file);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((ed) => this.refresh(ed))),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleFile(e.document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, "inlineValues")) vscode.window.visibleTextEditors.forEach((ed) => this.refresh(ed));
      }),
    );
    vscode.window.visibleTextEditors.forEach((ed) => this.refresh(ed));
  }

  private scheduleFile(file: string): void {
    if (!this.store.result(file)) return;
    clearTimeout(this.pending.get(file));
    this.pending.set(file, setTimeout(() => {
      this.pending.delete(file);
      this.refreshFile(file);
    }, EDIT_DEBOUNCE_MS));
  }

  refreshFile(file: string): void {
    for (const ed of vscode.window.visibleTextEditors) if (ed.document.uri.toString() === file) this.refresh(ed);
  }

  refresh(editor: vscode.TextEditor): void {
    const result = this.store.result(editor.document.uri.toString());
    if (!result || !currentSettings(editor.document.uri).inlineValues) {
      editor.setDecorations(this.fresh, []);
      editor.setDecorations(this.stale, []);
      return;
    }
    const doc = editor.document;
    const fresh: vscode.DecorationOptions[] = [];
    const stale: vscode.DecorationOptions[] = [];
    for (const h of lineHints(result.placedBindings(mapFor(result, doc)))) {
      if (h.line >= doc.lineCount) continue;
      const end = doc.lineAt(h.line).range.end;
      (h.stale ? stale : fresh).push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: h.text } } });
    }
    editor.setDecorations(this.fresh, fresh);
    editor.setDecorations(this.stale, stale);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.fresh.dispose();
    this.stale.dispose();
  }
}
