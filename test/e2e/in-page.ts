// Functions that playwright serialises and runs inside the workbench page. They may use only their
// arguments and the browser's globals. The root tsconfig has no DOM library (the product runs in Node),
// so the few DOM shapes used here are declared locally: these declarations stay in this module and do
// not leak browser globals into the rest of the program.

interface Rect { left: number; top: number; width: number; height: number }
interface DomNode { textContent: string | null }
interface DomText extends DomNode { data: string }
interface DomElement extends DomNode {
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  offsetParent: DomElement | null;
}
interface DomInput extends DomElement { value: string }
interface DomRange { setStart(node: DomText, offset: number): void; setEnd(node: DomText, offset: number): void; getBoundingClientRect(): Rect }
interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomNode | null };
  createRange(): DomRange;
}
declare const document: DomDocument;
declare function getComputedStyle(el: DomElement): { display: string; visibility: string };

/** The text of Monaco's rendered lines under `root`, top to bottom (DOM order is not visual order). */
export function renderedLines(root: DomElement): string {
  const lines = Array.from(root.querySelectorAll(".view-line"));
  lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  // Monaco renders spaces as non-breaking spaces.
  return lines.map((l) => (l.textContent ?? "").replace(/\u00a0/g, " ")).join("\n");
}

/** True when some rendered editor line anywhere in the page contains `needle`. */
export function someLineIncludes(needle: string): boolean {
  return Array.from(document.querySelectorAll(".view-line")).some((l) => (l.textContent ?? "").replace(/\u00a0/g, " ").includes(needle));
}

/** True once the quick input is gone, or shows something other than what we typed (a follow-up prompt). */
export function quickInputMovedOn(args: { widget: string; box: string; typed: string }): boolean {
  const w = document.querySelector(args.widget);
  if (w === null || w.offsetParent === null || getComputedStyle(w).display === "none") return true;
  const input = document.querySelector(args.box) as DomInput | null;
  return input?.value !== args.typed;
}

/**
 * Screen centre of the `occurrence`-th whole-word `word` among Monaco's rendered lines under `root`,
 * top to bottom, or null. Measured with a DOM Range because one token span may hold several words.
 */
export function wordCentre(root: DomElement, args: { word: string; occurrence: number; lineIncludes: string }): { x: number; y: number } | null {
  const { word, occurrence, lineIncludes } = args;
  const lines = Array.from(root.querySelectorAll(".view-line"));
  lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT (no module-level constants: this runs in the page)
  const isIdent = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  let seen = 0;
  for (const line of lines) {
    const walker = document.createTreeWalker(line, SHOW_TEXT);
    const nodes: DomText[] = [];
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) nodes.push(n as DomText);
    const text = nodes.map((n) => n.data).join("");
    if (!text.replace(/\u00a0/g, " ").includes(lineIncludes)) continue;
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (isIdent(text[i - 1]) || isIdent(text[i + word.length])) continue;
      if (seen++ !== occurrence) continue;
      let offset = i;
      for (const n of nodes) {
        if (offset < n.data.length) {
          const range = document.createRange();
          range.setStart(n, offset);
          range.setEnd(n, Math.min(n.data.length, offset + word.length));
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        offset -= n.data.length;
      }
    }
  }
  return null;
}
