// The run's error as a diagnostic on its exact range of the file (collection
// "gradient-inspector"); moved along with edits, replaced by the next run, gone after a
// successful one.
import * as vscode from "vscode";
import { mapFor } from "./document-map";
import { errorMark } from "./error-location";
import type { ResultsStore } from "./results-store";
import type { RunResult } from "./run-result";

const EDIT_DEBOUNCE_MS = 150;

export class RunDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("gradient-inspector");
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly store: ResultsStore) {
    this.subscriptions.push(
      store.onEvent((e) => {
        if (e.kind !== "started") this.update(e.file, e.result);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const file = e.document.uri.toString();
        const result = store.result(file);
        if (!result || !result.snapshot.error) return;
        clearTimeout(this.pending.get(file));
        this.pending.set(file, setTimeout(() => {
          this.pending.delete(file);
          this.update(file, result);
        }, EDIT_DEBOUNCE_MS));
      }),
    );
  }

  update(file: string, result: RunResult): void {
    const uri = vscode.Uri.parse(file);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file);
    const mark = doc ? errorMark(result.snapshot, mapFor(result, doc)) : null;
    if (!doc || !mark || mark.line >= doc.lineCount) {
      this.collection.delete(uri);
      return;
    }
    const lineEnd = doc.lineAt(mark.line).range.end.character;
    const range = new vscode.Range(mark.line, Math.min(mark.startColumn, lineEnd), mark.line, mark.endColumn === null ? lineEnd : Math.min(mark.endColumn, lineEnd));
    const d = new vscode.Diagnostic(
      range.isEmpty ? doc.lineAt(mark.line).range : range,
      mark.stale ? `${mark.message} (from the last run; this line has changed since)` : mark.message,
      mark.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    d.source = "Gradient Inspector";
    this.collection.set(uri, [d]);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
