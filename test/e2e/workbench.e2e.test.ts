// Smoke test of the real-editor harness itself, independent of our extension: code-server starts,
// chromium shows the workbench, a .ts file opens from quick open, and the editor shows its text.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { missingPrerequisite, openWorkbench, Workbench } from "./harness";
import { someLineIncludes } from "./in-page";

const missing = missingPrerequisite();
if (missing !== null) console.log(`# workbench e2e skipped: ${missing}`);

const SOURCE = [
  'import * as torch from "torch";',
  "",
  "// harness smoke test",
  "const x = torch.ones(2, 2, { requires_grad: true });",
  "const y = x.add(2);",
  "console.log(y);",
  "",
].join("\n");

describe("real editor (code-server) harness", { skip: missing ?? false, timeout: 180_000 }, () => {
  let dir = "";
  let wb: Workbench | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gi-ws-"));
    writeFileSync(path.join(dir, "smoke.ts"), SOURCE);
    wb = await openWorkbench({ workspace: dir, theme: "light" });
  });

  after(async () => {
    await wb?.close();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("opens a .ts file from quick open and shows its text", async () => {
    assert.ok(wb);
    await wb.openFile("smoke.ts");
    await wb.page.waitForFunction(someLineIncludes, "const y = x.add(2);", { timeout: 20_000 });
    await wb.screenshot("workbench-smoke");
    const text = await wb.editorText();
    for (const line of SOURCE.split("\n").filter((l) => l !== "")) {
      assert.ok(text.includes(line), `editor should show ${JSON.stringify(line)}; it shows:\n${text}`);
    }
  });

  it("runs a built-in command from the palette", async () => {
    assert.ok(wb);
    // The minimap is off in our settings; toggling it from the palette must draw it.
    const minimap = wb.activeEditor().locator(".minimap");
    assert.equal(await minimap.isVisible(), false, "minimap should start hidden (editor.minimap.enabled: false)");
    await wb.runCommand("View: Toggle Minimap");
    await minimap.waitFor({ state: "visible", timeout: 10_000 });
  });
});
