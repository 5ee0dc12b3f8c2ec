// The status bar item for the active TypeScript editor: "running" (click to stop), the last
// run's outcome (click to open the panel), or a run button when the file has not run yet.
import * as vscode from "vscode";
import type { ResultsStore } from "./results-store";
import { RUNNABLE_LANGUAGES } from "./run-gate";
import { describeOutcome } from "./run-outcome";
import { fileLabel } from "./run-controller";

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("gradientInspector.status", vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: ResultsStore) {
    this.item.name = "Gradient Inspector";
    this.subscriptions.push(
      store.onEvent(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !RUNNABLE_LANGUAGES.includes(editor.document.languageId)) {
      this.item.hide();
      return;
    }
    const file = editor.document.uri.toString();
    const label = fileLabel(editor.document.uri);
    const result = this.store.result(file);
    if (this.store.running(file)) {
      this.item.text = "$(sync~spin) Gradient Inspector: running";
      this.item.tooltip = `Running ${label}. Click to stop.`;
      this.item.command = "gradientInspector.stop";
    } else if (result) {
      const outcome = describeOutcome(result.snapshot, label, null);
      this.item.text = outcome.status;
      this.item.tooltip = `${outcome.summary}\nClick to open the Gradient Inspector panel.`;
      this.item.command = "gradientInspector.openPanel";
    } else {
      this.item.text = "$(play) Gradient Inspector";
      this.item.tooltip = `Run ${label} with Gradient Inspector`;
      this.item.command = "gradientInspector.runFile";
    }
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
