// Settings read live from the editor's configuration on every use (no cached copy to go stale).
import * as vscode from "vscode";
import { readSettings, type Settings } from "./settings";

export const SECTION = "gradientInspector";

export function currentSettings(scope?: vscode.ConfigurationScope): Settings {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return readSettings((key) => cfg.get<unknown>(key));
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent, key?: keyof Settings): boolean {
  return e.affectsConfiguration(key ? `${SECTION}.${key}` : SECTION);
}
