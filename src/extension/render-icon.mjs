// Renders media/icon.svg to media/icon.png (128x128, the Marketplace icon; VS Code wants a PNG)
// with Debian's chromium through playwright-core. Run by hand after editing the SVG:
//   node src/extension/render-icon.mjs
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const media = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../media");
const svg = readFileSync(path.join(media, "icon.svg"), "utf8");
const browser = await chromium.launch({ executablePath: process.env.GI_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator("svg").screenshot({ path: path.join(media, "icon.png"), omitBackground: true });
} finally {
  await browser.close();
}
