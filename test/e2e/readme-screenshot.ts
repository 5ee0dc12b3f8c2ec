// `npm run screenshot`: the README's picture of the product, media/screenshot.png, made the way a
// person sees it: code-server with the VSIX installed, examples/single_layer_bce.ts run from the
// command palette, its weight tensor selected in the panel. Run after `npm run package`.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { missingPrerequisite, openWorkbench, repoRoot, vsixPath } from "./harness";
import { commands, panel } from "./selectors";

async function main(): Promise<void> {
  const missing = missingPrerequisite();
  if (missing !== null) throw new Error(missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), "gi-shot-"));
  cpSync(path.join(repoRoot(), "examples"), dir, { recursive: true });
  const wb = await openWorkbench({
    workspace: dir, theme: "dark", vsix: vsixPath(), viewport: { width: 1600, height: 1000 },
    settings: { "workbench.sideBar.location": "left", "workbench.startupEditor": "none" },
  });
  try {
    await wb.runCommand("View: Close Primary Side Bar");
    await wb.openFile("single_layer_bce.ts");
    await wb.runCommand(commands.runFile);
    const frame = await wb.webviewFrame(panel.summaryBar, 60_000);
    await frame.locator(panel.summaryBar).filter({ hasText: /ran in \d/ }).first().waitFor({ timeout: 60_000 });
    // The name cell, not the row: playwright scrolls a wide row's centre into view before clicking.
    await frame.locator(`${panel.tensorRow} ${panel.tensorRowName}`, { hasText: /^w$/ }).first().click();
    await frame.locator(panel.printed).first().waitFor({ state: "visible" });
    await wb.page.waitForTimeout(1500); // the graph's fit-to-view transition
    const out = path.join(repoRoot(), "media", "screenshot.png");
    await wb.page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
