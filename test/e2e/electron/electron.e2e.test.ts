// The ecosystem's standard extension test: @vscode/test-electron starts a desktop VS Code with this
// checkout as the extension under development and runs suite/index.ts inside its extension host.
// It runs only where a VS Code is installed (VSCODE_EXECUTABLE, or `code` on PATH) and never
// downloads one; elsewhere it is skipped with the reason. The code-server tests next to it cover
// the same ground on machines without a desktop editor.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { it } from "node:test";
import { repoRoot } from "../paths";
import { findVSCode } from "./find-vscode";

const found = findVSCode();
const extensionMain = path.join(repoRoot(), "out", "extension.js");
let skip: string | false = false;
if (found === null) skip = "no local VS Code (set VSCODE_EXECUTABLE or put `code` on PATH); @vscode/test-electron is not allowed to download one";
else if (!existsSync(extensionMain)) skip = `${extensionMain} is missing: run \`npm run build\` first`;
if (skip !== false) console.log(`# @vscode/test-electron suite skipped: ${skip}`);

it("runs the in-editor suite in a desktop VS Code", { skip, timeout: 300_000 }, async () => {
  assert.ok(found);
  console.log(`# using VS Code at ${found.executable} (${found.via})`);
  const { runTests } = await import("@vscode/test-electron");
  const userData = mkdtempSync(path.join(os.tmpdir(), "gi-electron-"));
  try {
    const code = await runTests({
      vscodeExecutablePath: found.executable,
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: path.join(__dirname, "suite", "index.js"),
      launchArgs: [
        path.join(repoRoot(), "examples"),
        "--user-data-dir", path.join(userData, "user"),
        "--extensions-dir", path.join(userData, "extensions"),
        "--disable-workspace-trust", "--skip-welcome", "--skip-release-notes",
      ],
    });
    assert.equal(code, 0);
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
