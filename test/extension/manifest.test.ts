// The manifest's contract: command ids and titles, settings and their defaults (the same
// defaults the code falls back to), workspace trust, the tsserver plugin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_SETTINGS, readSettings, SETTING_BOUNDS } from "../../src/extension/settings";
import { COMMANDS_CONTRACT } from "./contract";

function repoFile(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      return readFileSync(path.join(dir, name), "utf8");
    } catch {
      if (path.dirname(dir) === dir) throw new Error(`no ${name} above ${__dirname}`);
    }
  }
}

interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; description: string } };
  contributes: {
    commands: { command: string; title: string }[];
    keybindings: { command: string; key: string; mac: string; when: string }[];
    configuration: { properties: Record<string, { default: unknown; minimum?: number; maximum?: number }> };
    typescriptServerPlugins: { name: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
}
const pkg = JSON.parse(repoFile("package.json")) as Manifest;

test("commands: the contract's ids and titles", () => {
  const titles = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, c.title]));
  for (const [id, title] of Object.entries(COMMANDS_CONTRACT)) assert.equal(titles[id], title, id);
  assert.ok(pkg.contributes.keybindings.some((k) => k.command === "gradientInspector.runFile" && k.key === "ctrl+alt+g" && k.mac === "cmd+alt+g" && k.when.includes("editorLangId == typescript")));
  assert.ok(pkg.contributes.menus["editor/title"].some((m) => m.command === "gradientInspector.runFile" && m.when?.includes("typescript")));
});

test("settings: declared defaults and bounds are the code's", () => {
  const props = pkg.contributes.configuration.properties;
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) assert.equal(props[`gradientInspector.${key}`]?.default, value, key);
  for (const [key, b] of Object.entries(SETTING_BOUNDS)) {
    assert.equal(props[`gradientInspector.${key}`]?.minimum, b.min);
    assert.equal(props[`gradientInspector.${key}`]?.maximum, b.max);
  }
});

test("settings are read live and bad values fall back or clamp", () => {
  const values: Record<string, unknown> = { runOnSave: "yes", timeLimitMs: 5, memoryLimitMb: 2048.4, inlineValues: false, previewElements: Number.NaN };
  assert.deepEqual(readSettings((k) => values[k]), { runOnSave: false, timeLimitMs: 100, memoryLimitMb: 2048, inlineValues: false, previewElements: 1000 });
  assert.deepEqual(readSettings(() => undefined), DEFAULT_SETTINGS);
});

test("workspace trust is declared limited, the panel restores, the tsserver plugin is contributed", () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
  assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 20);
  assert.ok(pkg.activationEvents.includes("onWebviewPanel:gradientInspector.panel"));
  assert.deepEqual(pkg.contributes.typescriptServerPlugins.map((p) => p.name), ["gradient-inspector-tsplugin"]);
  assert.equal(pkg.main, "./out/extension.js");
});
