// Functions that playwright serialises and runs inside a page of the real editor (the workbench or
// our panel's webview) to time things where they happen. They may use only their arguments and the
// browser's globals, declared locally because the root tsconfig has no DOM library.

interface PageElement { textContent: string | null; hasAttribute(name: string): boolean }
interface PageDocument {
  body: unknown;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
declare const document: PageDocument;
declare const performance: { timeOrigin: number; now(): number };
declare class MutationObserver {
  constructor(cb: () => void);
  observe(target: unknown, opts: { childList: boolean; subtree: boolean; characterData: boolean }): void;
  disconnect(): void;
}
declare function setTimeout(cb: () => void, ms: number): number;

export interface AppearArgs {
  /** CSS selector of the element to wait for. */
  selector: string;
  /** Its text must match this regular expression source. */
  text: string;
  /** Elements carrying this attribute were there before and do not count. */
  staleAttr: string;
  timeoutMs: number;
}

/**
 * Resolves with the wall-clock time (ms since the epoch, comparable across the page's frames and the
 * test process on one machine) at which a matching element first exists, or -1 on timeout. A
 * MutationObserver fires in the same task as the DOM change, so the time is the render, not a poll.
 */
export function whenAppears(args: AppearArgs): Promise<number> {
  const re = new RegExp(args.text);
  const found = (): boolean => Array.from(document.querySelectorAll(args.selector))
    .some((e) => !e.hasAttribute(args.staleAttr) && re.test(e.textContent ?? ""));
  return new Promise((resolve) => {
    if (found()) { resolve(performance.timeOrigin + performance.now()); return; }
    const obs = new MutationObserver(() => {
      if (!found()) return;
      obs.disconnect();
      resolve(performance.timeOrigin + performance.now());
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { obs.disconnect(); resolve(-1); }, args.timeoutMs);
  });
}
