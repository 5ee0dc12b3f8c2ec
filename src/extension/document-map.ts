// The line map of a file's last run onto its open document, computed once per document
// version: hovers, inline values, diagnostics and the panel all ask for it after every edit.
import type * as vscode from "vscode";
import type { LineMap } from "./line-map";
import type { RunResult } from "./run-result";

const cache = new WeakMap<RunResult, { version: number; uri: string; map: LineMap }>();

export function mapFor(result: RunResult, doc: vscode.TextDocument): LineMap {
  const uri = doc.uri.toString();
  const hit = cache.get(result);
  if (hit && hit.version === doc.version && hit.uri === uri) return hit.map;
  const map = result.lineMap(doc.getText());
  cache.set(result, { version: doc.version, uri, map });
  return map;
}
