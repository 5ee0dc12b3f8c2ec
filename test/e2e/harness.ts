// Drives a real VS Code (code-server 4.100.3) in Debian's chromium through playwright-core, the way a
// person uses it: keyboard shortcuts, the command palette, the mouse, and screenshots to look at.
//
//   const wb = await openWorkbench({ workspace: dir, theme: "dark" });
//   try { await wb.openFile("a.ts"); await wb.screenshot("a"); } finally { await wb.close(); }
//
// Every wait is bounded (DEFAULT_TIMEOUT_MS unless told), and close() always kills code-server and
// chromium, whatever state they are in.
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { Browser, BrowserServer, chromium, Frame, Page } from "playwright-core";
import { CodeServer, CodeServerOptions, startCodeServer } from "./code-server";
import { quickInputMovedOn, renderedLines, wordCentre } from "./in-page";
import { CHROMIUM_PATH, screenshotDir } from "./paths";
import { workbench as sel } from "./selectors";

export { Theme } from "./code-server";
export { missingPrerequisite, vsixPath, repoRoot } from "./paths";

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Flags from VSCODE-E2E.md: the closed network refuses chromium's background connections otherwise. */
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic",
];

export interface WorkbenchOptions extends CodeServerOptions {
  viewport?: { width: number; height: number };
}

export interface HoverOptions {
  /** Which occurrence of the word among the rendered lines, top to bottom (0-based). */
  occurrence?: number;
  /** Only count lines whose text includes this (e.g. "const x =" to pick a declaration, not a comment). */
  lineIncludes?: string;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn` and rejects if it takes longer than `ms`, so no step can hang a test. */
export async function withTimeout<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Marks the elements `selector` matches in `frame` now with the attribute `attr`, so that a later wait
 * for a new one (a run's fresh summary) cannot match what was already on screen.
 */
export async function markPresent(frame: Frame | null, selector: string, attr: string): Promise<void> {
  await frame?.locator(selector).evaluateAll((els, a) => els.forEach((e) => e.setAttribute(a, "")), attr).catch(() => undefined);
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly browserServer: BrowserServer,
    readonly server: CodeServer,
    readonly workspace: string,
  ) {}

  /** Starts code-server and chromium and waits until the workbench is on screen. */
  static async open(opts: WorkbenchOptions): Promise<Workbench> {
    const server = await startCodeServer(opts);
    // launchServer rather than launch: it hands us the browser process, so close() can always kill it.
    let browserServer: BrowserServer | undefined;
    try {
      browserServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: DEFAULT_TIMEOUT_MS });
      const browser = await chromium.connect(browserServer.wsEndpoint(), { timeout: DEFAULT_TIMEOUT_MS });
      const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
      page.setDefaultNavigationTimeout(60_000);
      await page.goto(`${server.url}?folder=${encodeURIComponent(opts.workspace)}`);
      await page.locator(sel.root).waitFor({ state: "visible", timeout: 60_000 });
      await page.locator(sel.statusBar).waitFor({ state: "visible", timeout: 60_000 });
      const wb = new Workbench(page, browser, browserServer, server, opts.workspace);
      await wb.settle();
      return wb;
    } catch (e) {
      await browserServer?.kill().catch(() => undefined);
      await server.stop();
      throw new Error(`workbench did not open: ${(e as Error).message}\n--- code-server log ---\n${server.log()}`, { cause: e });
    }
  }

  /** Lets the workbench finish restoring (explorer, extension host start-up) before we type into it. */
  private async settle(): Promise<void> {
    // The explorer's tree shows the workspace once the file service and the extension host are up.
    await this.page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ state: "attached", timeout: 60_000 }).catch(() => undefined);
    await sleep(500);
  }

  /** F1, `>title`, Enter: runs a command by its palette title (the first row must be that title). */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput("F1");
    await this.page.locator(sel.quickInputBox).fill(`>${title}`);
    const row = this.page.locator(sel.quickInputFocusedRow);
    await row.filter({ hasText: title }).first().waitFor({ state: "visible" });
    await this.page.keyboard.press("Enter");
    // The palette closes, or (for commands that ask for input) shows a new prompt.
    await this.page.waitForFunction(quickInputMovedOn, { widget: sel.quickInput, box: sel.quickInputBox, typed: `>${title}` });
  }

  /**
   * Focus the first editor group, Ctrl+P, the path, Enter; resolves when the file's tab is the active
   * one. Code goes to the first group as a person keeps it: quick open opens into the *active* group,
   * which after a click in our panel is the panel's group, and whether VS Code then reveals an already
   * open copy in the first group or opens a second one beside the panel varies from run to run.
   */
  async openFile(relativePath: string): Promise<void> {
    await this.runCommand("View: Focus First Editor Group");
    await this.openQuickInput("Control+P");
    await this.page.locator(sel.quickInputBox).fill(relativePath);
    const base = path.basename(relativePath);
    await this.page.locator(sel.quickInputFocusedRow).filter({ hasText: base }).first().waitFor({ state: "visible" });
    await this.page.keyboard.press("Enter");
    await this.page.locator(sel.quickInput).waitFor({ state: "hidden" });
    await this.page.locator(sel.activeTab).filter({ hasText: base }).first().waitFor({ state: "visible" });
    await this.activeEditor().locator(sel.viewLine).first().waitFor({ state: "visible" });
  }

  private async openQuickInput(key: string): Promise<void> {
    // Focus the workbench first: a key press must not land in a webview or nowhere.
    await this.page.keyboard.press("Escape");
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press(key);
      const ok = await this.page.locator(sel.quickInputBox).waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false);
      if (ok) return;
      await this.page.locator(sel.statusBar).click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    }
    throw new Error(`quick input did not open with ${key}`);
  }

  /** The active (focused or first visible) code editor. */
  activeEditor() {
    return this.page.locator(`${sel.editorPart} .editor-group-container.active ${sel.textEditor}`).first();
  }

  /** The text of the active editor's rendered lines, in visual order (Monaco keeps DOM order loose). */
  async editorText(): Promise<string> {
    return this.activeEditor().locator(sel.viewLines).evaluate(renderedLines);
  }

  /** Moves the mouse onto `word` in the active editor and returns the hover's text once it shows. */
  async hoverWord(word: string, opts: HoverOptions = {}): Promise<string> {
    const box = await this.activeEditor().locator(sel.viewLines).evaluate(wordCentre, { word, occurrence: opts.occurrence ?? 0, lineIncludes: opts.lineIncludes ?? "" });
    if (box === null) throw new Error(`"${word}" (occurrence ${opts.occurrence ?? 0}) is not on screen in the active editor`);
    const hover = this.page.locator(sel.hoverContents);
    // Hovers appear after a delay and only on a mouse *move*: come from the side, then settle.
    await this.page.mouse.move(box.x - 40, box.y);
    await this.page.mouse.move(box.x, box.y, { steps: 5 });
    await hover.first().waitFor({ state: "visible", timeout: opts.timeoutMs ?? 15_000 });
    await sleep(300); // let every hover provider's part arrive
    return (await hover.allInnerTexts()).join("\n");
  }

  /**
   * The document of a webview (the panel), reached through its two iframes. With `containing`, waits
   * for the webview whose document has that selector; otherwise the first one that is ready.
   */
  async webviewFrame(containing?: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        const el = await frame.frameElement().catch(() => null);
        if (el === null) continue;
        const id = await el.getAttribute("id").catch(() => null);
        if (id !== sel.webviewInnerFrameId) continue;
        if (containing === undefined) return frame;
        const n = await frame.locator(containing).count().catch(() => 0);
        if (n > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview${containing ? ` containing ${containing}` : ""} within ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  /** Writes test/e2e/screenshots/<name>.png (committed, so people can look at what the test saw). */
  async screenshot(name: string): Promise<string> {
    const dir = screenshotDir();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file, timeout: DEFAULT_TIMEOUT_MS });
    return file;
  }

  /** Problems panel rows' text (opens the panel with View: Focus Problems). */
  async problems(): Promise<string[]> {
    await this.runCommand("View: Focus Problems (Errors, Warnings, Infos)");
    await this.page.locator(sel.problemsRow).first().waitFor({ state: "visible" }).catch(() => undefined);
    return this.page.locator(sel.problemsRow).allInnerTexts();
  }

  /** Closes chromium and kills code-server; safe to call twice and never throws. */
  async close(): Promise<void> {
    await withTimeout("closing chromium", 10_000, () => this.browser.close()).catch(() => undefined);
    await withTimeout("killing chromium", 10_000, () => this.browserServer.kill()).catch(() => undefined);
    await this.server.stop();
  }
}

/** Shorthand for Workbench.open. */
export function openWorkbench(opts: WorkbenchOptions): Promise<Workbench> {
  return Workbench.open(opts);
}
