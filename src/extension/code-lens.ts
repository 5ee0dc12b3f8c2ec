// "▶ Run with Gradient Inspector" above the first import of "torch" (and "■ Stop" while the
// file runs, "Open Graph Panel" once it has run).
import * as vscode from "vscode";
import type { ResultsStore } from "./results-store";
import { firstTorchImportLine } from "./source-scan";

export const RUN_LENS_TITLE = "▶ Run with Gradient Inspector";

export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ResultsStore) {
    this.subscription = store.onEvent(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const line = firstTorchImportLine(doc.getText());
    if (line === null) return [];
    const range = doc.lineAt(line).range;
    const file = doc.uri.toString();
    if (this.store.running(file)) {
      return [new vscode.CodeLens(range, { title: "■ Stop Gradient Inspector run", command: "gradientInspector.stop", arguments: [doc.uri] })];
    }
    const lenses = [new vscode.CodeLens(range, { title: RUN_LENS_TITLE, command: "gradientInspector.runFile", arguments: [doc.uri] })];
    if (this.store.result(file)) lenses.push(new vscode.CodeLens(range, { title: "Open Graph Panel", command: "gradientInspector.openPanel", arguments: [doc.uri] }));
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
