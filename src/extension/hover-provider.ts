// Hover over a variable: its tensor as the file's last run left it, answered from the stored
// snapshot (no worker round trip). The Markdown may run exactly one command: opening the panel.
import * as vscode from "vscode";
import { mapFor } from "./document-map";
import { hoverMarkdown, REVEAL_COMMAND } from "./hover-text";
import type { ResultsStore } from "./results-store";
import { hoverVariable, isCodeAt } from "./source-scan";

const IDENTIFIER = /[A-Za-z_$][\w$]*/;

export class TensorHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ResultsStore,
    /** Told which tensor the user is looking at, so an open panel can select it too. */
    private readonly onHoverTensor: (file: string, tensorId: number) => void,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | null {
    const file = doc.uri.toString();
    const result = this.store.result(file);
    if (!result) return null;
    const range = doc.getWordRangeAtPosition(position, IDENTIFIER);
    if (!range) return null;
    const lineText = doc.lineAt(range.start.line).text;
    // Comments and strings only mention names; `x.grad` is about x, `a.x` about no variable.
    if (!isCodeAt(lineText, range.start.character)) return null;
    const target = hoverVariable(lineText, range.start.character, range.end.character);
    if (!target) return null;
    const placed = result.bindingAt(target.name, mapFor(result, doc), range.start.line, target.column);
    if (!placed) return null;
    const shown = new vscode.Range(range.start.line, target.column, range.end.line, range.end.character);
    const md = new vscode.MarkdownString(hoverMarkdown({ result, binding: placed.binding, tensor: placed.tensor, stale: placed.stale, file }));
    md.isTrusted = { enabledCommands: [REVEAL_COMMAND] };
    md.supportHtml = false;
    this.onHoverTensor(file, placed.tensor.id);
    return new vscode.Hover(md, shown);
  }
}
