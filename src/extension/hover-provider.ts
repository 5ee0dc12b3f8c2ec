// Hover over a variable: its tensor as the file's last run left it, answered from the stored
// snapshot (no worker round trip). The Markdown may run exactly one command: opening the panel.
import * as vscode from "vscode";
import { mapFor } from "./document-map";
import { hoverMarkdown, REVEAL_COMMAND } from "./hover-text";
import type { ResultsStore } from "./results-store";
import { isCodeAt } from "./source-scan";

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
    // `a.x` names a property, not the variable x; comments and strings only mention names.
    if (range.start.character > 0 && lineText[range.start.character - 1] === ".") return null;
    if (!isCodeAt(lineText, range.start.character)) return null;
    const name = doc.getText(range);
    const placed = result.bindingAt(name, mapFor(result, doc), range.start.line, range.start.character);
    if (!placed) return null;
    const md = new vscode.MarkdownString(hoverMarkdown({ result, binding: placed.binding, tensor: placed.tensor, stale: placed.stale, file }));
    md.isTrusted = { enabledCommands: [REVEAL_COMMAND] };
    md.supportHtml = false;
    this.onHoverTensor(file, placed.tensor.id);
    return new vscode.Hover(md, range);
  }
}
