// Issue 6's scenarios in a real VS Code (code-server 4.100.3) with dist/gradient-inspector.vsix
// installed, driven as a person would: command palette, mouse hover, Problems panel. Each scenario
// ends in a screenshot in test/e2e/screenshots/ to look at.
//
// Expected values come from PyTorch 1.13 on the same code (examples/autograd_basics.ts is the
// seed 000 tutorial: out = mean(3 (x + 2)^2) with x = ones(2, 2), so x.grad is 4.5 everywhere).
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Frame } from "playwright-core";
import { markPresent, missingPrerequisite, openWorkbench, repoRoot, Theme, vsixPath, Workbench } from "./harness";
import { someLineIncludes } from "./in-page";
import { commands, panel, workbench as wsel } from "./selectors";

function whyskip(): string | null {
  const missing = missingPrerequisite();
  if (missing !== null) return missing;
  if (!existsSync(vsixPath())) return `no VSIX at ${vsixPath()}: run \`npm run package\` first`;
  return null;
}
const skip = whyskip();
if (skip !== null) console.log(`# extension e2e skipped: ${skip}`);

const RUN_TIMEOUT_MS = 60_000;

/** A copy of examples/ plus our scenario files, so tests never touch the checkout. */
function makeWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gi-ext-ws-"));
  cpSync(path.join(repoRoot(), "examples"), dir, { recursive: true });
  // Line 5 raises PyTorch's own error: backward() on a non-scalar needs a gradient argument.
  writeFileSync(path.join(dir, "broken.ts"), [
    'import * as torch from "torch";',
    "",
    "const x = torch.ones(2, 2, { requires_grad: true });",
    "const y = x.add(2);",
    "y.backward();",
    "",
  ].join("\n"));
  // Never ends on its own; only Stop (or the time limit, set far away below) can end it.
  writeFileSync(path.join(dir, "forever.ts"), [
    'import * as torch from "torch";',
    "",
    "const t = torch.ones(1, { requires_grad: true });",
    "let i = 0;",
    "for (;;) {",
    "  i = i + t.numel();",
    "}",
    "",
  ].join("\n"));
  // Grows one JavaScript array without end: V8 aborts the process that runs it (not a catchable error).
  writeFileSync(path.join(dir, "hog.ts"), [
    'import * as torch from "torch";',
    "",
    "const t = torch.ones(2, { requires_grad: true });",
    "const hog: number[] = [];",
    "for (;;) hog.push(Math.random());",
    "",
  ].join("\n"));
  return dir;
}

function exampleFiles(): string[] {
  return readdirSync(path.join(repoRoot(), "examples")).filter((f) => f.endsWith(".ts")).sort();
}

const STALE = "data-e2e-seen";

/** Marks the summary bars on screen now, so that waiting for a run's result cannot match an earlier run's. */
async function markSeen(wb: Workbench): Promise<void> {
  await markPresent(await wb.webviewFrame(panel.summaryBar, 1).catch(() => null), panel.summaryBar, STALE);
}

/**
 * The panel's document once it shows a new run summary (the panel re-renders it for every result).
 * NOTE: hasText matches the bar's textContent, where the file name runs straight into the status
 * ("autograd_basics.tsran in 4 ms"), so `expect` must not start with \b.
 */
async function panelAfterRun(wb: Workbench, file: string, expect: RegExp = /ran in \d/): Promise<Frame> {
  const fresh = `${panel.summaryBar}:not([${STALE}])`;
  const frame = await wb.webviewFrame(fresh, RUN_TIMEOUT_MS);
  const bar = frame.locator(fresh).filter({ hasText: path.basename(file) }).filter({ hasText: expect }).first();
  await bar.waitFor({ state: "visible", timeout: RUN_TIMEOUT_MS }).catch(async (e: unknown) => {
    const shown = await frame.locator(panel.summaryBar).allInnerTexts().catch(() => []);
    throw new Error(`panel did not show ${expect} for ${file}; it shows: ${shown.join(" | ")}`, { cause: e });
  });
  return frame;
}

async function runFile(wb: Workbench, file: string, expect?: RegExp): Promise<Frame> {
  await wb.openFile(file);
  await markSeen(wb);
  await wb.runCommand(commands.runFile);
  return panelAfterRun(wb, file, expect);
}

async function graphNodeNames(frame: Frame): Promise<string[]> {
  await frame.locator(panel.graphNode).first().waitFor({ state: "attached", timeout: RUN_TIMEOUT_MS });
  return (await frame.locator(panel.graphNode).allTextContents()).map((t) => t.trim());
}

async function selectTensor(frame: Frame, name: string): Promise<string> {
  const row = frame.locator(panel.tensorRow).filter({ has: frame.locator(panel.tensorRowName, { hasText: new RegExp(`^${name}$`) }) }).first();
  await row.click();
  await frame.locator(panel.printed).first().waitFor({ state: "visible" });
  return (await frame.locator(panel.printed).allTextContents()).join("\n");
}

/** One workbench per theme, opened on a fresh copy of the examples with the VSIX installed. */
type Scenario = (name: string, fn: (wb: Workbench) => Promise<void>) => void;

function scenarioSuite(theme: Theme, body: (scenario: Scenario) => void): void {
  describe(`Gradient Inspector in code-server (${theme} theme)`, { skip: skip ?? false, timeout: 600_000 }, () => {
    let wb: Workbench | undefined;
    let dir = "";
    before(async () => {
      dir = makeWorkspace();
      wb = await openWorkbench({
        workspace: dir, theme, vsix: vsixPath(),
        settings: { "gradientInspector.timeLimitMs": 600_000, "gradientInspector.runOnSave": false, "gradientInspector.memoryLimitMb": 384 },
      });
    });
    after(async () => {
      await wb?.close();
      if (dir !== "") rmSync(dir, { recursive: true, force: true });
    });
    body((name, fn) => it(name, async () => {
      assert.ok(wb, "workbench did not open");
      try {
        await fn(wb);
      } catch (e) {
        // What the editor looked like when the scenario failed (git-ignored, kept by CI's workspace).
        await wb.screenshot(`FAILED-${theme}-${name.replace(/[^\w.-]+/g, "_").slice(0, 60)}`).catch(() => undefined);
        throw e;
      }
    }));
  });
}

scenarioSuite("light", (scenario) => {
  scenario("1. Run File on autograd_basics.ts lists tensors with their grads and draws grad_fn nodes", async (wb) => {
    const frame = await runFile(wb, "autograd_basics.ts");
    const names = await frame.locator(`${panel.tensorRow} ${panel.tensorRowName}`).allTextContents();
    for (const n of ["x", "y", "z", "out", "a", "b"]) assert.ok(names.includes(n), `tensor list should name ${n}; it has ${names.join(", ")}`);
    const nodes = (await graphNodeNames(frame)).join(" ");
    for (const fn of ["AddBackward0", "MulBackward0", "MeanBackward0", "AccumulateGrad"]) {
      assert.ok(nodes.includes(fn), `graph should show ${fn}; it shows ${nodes}`);
    }
    const xDetails = await selectTensor(frame, "x");
    assert.match(xDetails, /tensor\(\[\[4\.5000, 4\.5000\],\s*\[4\.5000, 4\.5000\]\]\)/, `x.grad should print as PyTorch's 4.5000s:\n${xDetails}`);
    await wb.screenshot("ext-1-run-file-light");
  });

  scenario("2. hovering a tensor variable shows its grad", async (wb) => {
    await wb.openFile("autograd_basics.ts");
    // x's declaration line: `const x = torch.ones(2, 2, { requires_grad: true });`
    const text = await wb.hoverWord("x", { lineIncludes: "const x =" });
    assert.match(text, /grad/, `hover should talk about grad:\n${text}`);
    assert.match(text, /4\.5000/, `hover should show x.grad (4.5000):\n${text}`);
    await wb.screenshot("ext-2-hover-grad");
    await wb.page.keyboard.press("Escape");
    // `x.grad` where the program prints it: the hover is x's, with its grad.
    const member = await wb.hoverWord("grad", { lineIncludes: "console.log(x.grad)" });
    assert.match(member, /4\.5000/, `hover on x.grad should show x.grad (4.5000):\n${member}`);
    await wb.page.keyboard.press("Escape");
  });

  scenario("3. a file that throws: a diagnostic on the throwing line and the error in the panel", async (wb) => {
    const frame = await runFile(wb, "broken.ts", /failed in \d/);
    const banner = frame.locator(panel.errorBanner).first();
    await banner.waitFor({ state: "visible" });
    assert.match(await banner.innerText(), /grad can be implicitly created only for scalar outputs/);
    await wb.page.locator(`${wsel.textEditor} ${wsel.squiggleError}`).first().waitFor({ state: "attached", timeout: 20_000 });
    const problems = await wb.problems();
    const ours = problems.filter((p) => p.includes("grad can be implicitly created only for scalar outputs"));
    assert.equal(ours.length, 1, `one problem for the error; Problems shows:\n${problems.join("\n")}`);
    assert.match(ours[0] ?? "", /Ln 5\b/, `the diagnostic should be on line 5 (y.backward()): ${ours[0]}`);
    await wb.screenshot("ext-3-error-diagnostic");
  });

  scenario("4. an infinite loop: Stop ends it, the editor stays responsive, the next run works", async (wb) => {
    await wb.openFile("forever.ts");
    await markSeen(wb);
    await wb.runCommand(commands.runFile);
    // The loop is running now; the editor must still take typing while it does.
    await wb.page.waitForTimeout(1500);
    await wb.activeEditor().click();
    await wb.page.keyboard.press("Control+End");
    await wb.page.keyboard.type("// typed while running");
    await wb.page.waitForFunction(someLineIncludes, "// typed while running", { timeout: 10_000 });
    await wb.runCommand(commands.stop);
    const frame = await panelAfterRun(wb, "forever.ts", /stopped in \d/);
    assert.match(await frame.locator(panel.summaryBar).first().innerText(), /stopped/);
    await wb.screenshot("ext-4-stopped");
    const again = await runFile(wb, "autograd_basics.ts");
    assert.ok((await again.locator(panel.tensorRow).count()) > 0, "the run after Stop lists tensors");
    await wb.screenshot("ext-4-next-run");
  });

  scenario("4b. a program that exhausts memory: the panel says so, the editor survives, the next run works", async (wb) => {
    const frame = await runFile(wb, "hog.ts", /failed in \d/);
    const banner = frame.locator(panel.errorBanner).first();
    await banner.waitFor({ state: "visible" });
    assert.match(await banner.innerText(), /ran out of memory \(the limit is 384 MB/);
    await wb.screenshot("ext-4b-out-of-memory");
    const again = await runFile(wb, "autograd_basics.ts");
    assert.ok((await again.locator(panel.tensorRow).count()) > 0, "the run after the crash lists tensors");
  });

  for (const file of exampleFiles()) {
    scenario(`5. example ${file} runs and shows its graph`, async (wb) => {
      const frame = await runFile(wb, file);
      assert.equal(await frame.locator(panel.errorBanner).count(), 0, `${file} should run without error`);
      const nodes = await graphNodeNames(frame);
      assert.ok(nodes.length > 0, `${file} should draw a graph`);
      await wb.screenshot(`ext-5-example-${path.basename(file, ".ts")}`);
    });
  }

  scenario("6a. the panel follows the light theme", async (wb) => {
    const frame = await runFile(wb, "autograd_basics.ts");
    assert.match((await frame.locator("body").getAttribute("class")) ?? "", /vscode-light/);
    await wb.screenshot("ext-6-light");
  });
});

scenarioSuite("dark", (scenario) => {
  scenario("6b. the panel follows the dark theme", async (wb) => {
    const frame = await runFile(wb, "autograd_basics.ts");
    assert.match((await frame.locator("body").getAttribute("class")) ?? "", /vscode-dark/);
    await wb.screenshot("ext-6-dark");
  });
});
