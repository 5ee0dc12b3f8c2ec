// Starts and stops runs from the editor: the trust gate, one run per file (a new one cancels
// the old), a progress notification with Cancel for runs longer than a second, the program's
// console in the Output channel, and a summary that says how the run ended.
import * as path from "node:path";
import * as vscode from "vscode";
import type { Snapshot } from "../protocol";
import type { StartRun } from "../runner/types";
import { currentSettings } from "./config";
import { ResultsStore } from "./results-store";
import type { RunResult } from "./run-result";
import { describeOutcome } from "./run-outcome";
import { runGate } from "./run-gate";
import { selectionProgram } from "./source-scan";

/** Runs shorter than this finish without a notification popping up and vanishing. */
const PROGRESS_DELAY_MS = 1000;
export const RUNNING_CONTEXT_KEY = "gradientInspector.running";

export function fileLabel(uri: vscode.Uri): string {
  return path.posix.basename(uri.path) || uri.toString();
}

export class RunController implements vscode.Disposable {
  private readonly finishedEmitter = new vscode.EventEmitter<{ file: string; snapshot: Snapshot }>();
  /** Every run that ended (superseded ones included), for persistence. */
  readonly onDidFinish = this.finishedEmitter.event;

  constructor(
    private readonly store: ResultsStore,
    private readonly startRun: StartRun,
    private readonly output: vscode.OutputChannel,
  ) {}

  /** Whether run(doc) would start a run now (trusted workspace, runnable language). */
  accepts(doc: vscode.TextDocument): boolean {
    return runGate({ trusted: vscode.workspace.isTrusted, languageId: doc.languageId, fileLabel: fileLabel(doc.uri) }).ok;
  }

  /**
   * Runs a document (its current text, unsaved edits included), or only a selection of it.
   * Resolves with the stored result, or null when the run did not happen or was replaced.
   * `onStart` is called once the run has started (not when the trust gate refused it).
   */
  async run(doc: vscode.TextDocument, selection?: vscode.Range, onStart?: (file: string) => void): Promise<RunResult | null> {
    const label = fileLabel(doc.uri);
    const gate = runGate({ trusted: vscode.workspace.isTrusted, languageId: doc.languageId, fileLabel: label });
    if (!gate.ok) {
      if (gate.reason === "untrusted") {
        const choice = await vscode.window.showWarningMessage(gate.message, gate.button);
        if (choice === gate.button) await vscode.commands.executeCommand(gate.command);
      } else {
        void vscode.window.showInformationMessage(gate.message);
      }
      return null;
    }

    const settings = currentSettings(doc.uri);
    const text = doc.getText();
    const source = selection ? selectionProgram(text, doc.offsetAt(selection.start), doc.offsetAt(selection.end)) : text;
    const file = doc.uri.toString();
    const what = selection ? `selection of ${label} (lines ${selection.start.line + 1}-${selection.end.line + 1})` : label;
    this.output.appendLine(`[${new Date().toLocaleTimeString()}] Running ${what}`);

    const handle = this.startRun(source, {
      fileName: doc.uri.scheme === "file" ? doc.uri.fsPath : file,
      documentVersion: doc.version,
      timeLimitMs: settings.timeLimitMs,
      memoryLimitMb: settings.memoryLimitMb,
      previewElements: settings.previewElements,
      record: true,
      onConsole: (line) => this.output.appendLine(line.text),
    });
    const run = this.store.begin(file, handle, Date.now());
    this.updateContext();
    onStart?.(file);

    const timer = setTimeout(() => {
      if (this.store.running(file) !== run) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Gradient Inspector: running ${label}`, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => {
            if (this.store.running(file) === run) this.store.cancel(file);
          });
          return handle.result.then(() => undefined);
        },
      );
    }, PROGRESS_DELAY_MS);

    const snapshot = await handle.result;
    clearTimeout(timer);
    this.finishedEmitter.fire({ file, snapshot });
    const result = this.store.finish(file, run, snapshot);
    this.updateContext();

    const outcome = describeOutcome(snapshot, label, run.cancelReason);
    this.output.appendLine(outcome.summary);
    if (snapshot.error && snapshot.status === "error" && snapshot.error.stack) this.output.appendLine(snapshot.error.stack);
    if (outcome.notify) void this.notify(outcome.notify);
    return result;
  }

  /** Stops the run of `file`, or every run when no file is given; false when nothing was running. */
  stop(file?: string): boolean {
    const files = file ? [file] : this.store.runningFiles();
    let stopped = false;
    for (const f of files) stopped = this.store.cancel(f) || stopped;
    return stopped;
  }

  private async notify(n: { level: "info" | "warning" | "error"; text: string; setting: string | null }): Promise<void> {
    const buttons = n.setting ? ["Open Settings"] : [];
    const choice = n.level === "error" ? await vscode.window.showErrorMessage(n.text, ...buttons)
      : n.level === "warning" ? await vscode.window.showWarningMessage(n.text, ...buttons)
        : await vscode.window.showInformationMessage(n.text, ...buttons);
    if (choice && n.setting) await vscode.commands.executeCommand("workbench.action.openSettings", n.setting);
  }

  private updateContext(): void {
    void vscode.commands.executeCommand("setContext", RUNNING_CONTEXT_KEY, this.store.anyRunning());
  }

  dispose(): void {
    this.finishedEmitter.dispose();
  }
}
