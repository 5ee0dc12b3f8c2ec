// The webview's handle on VS Code: `acquireVsCodeApi()` exists inside a real webview. Outside
// one (the Chromium test harness, a browser) a stub records posted messages on
// `window.__giPosted` and keeps state in sessionStorage, so a reload restores it there too.
import type { FromWebview } from "../../src/protocol";

export interface VsCodeApi<S> {
  postMessage(msg: FromWebview): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare global {
  interface Window {
    acquireVsCodeApi?: () => { postMessage(msg: unknown): void; getState(): unknown; setState(s: unknown): void };
    __giPosted?: FromWebview[];
  }
}

const STUB_KEY = "gradient-inspector.state";

function stub<S>(): VsCodeApi<S> {
  const posted: FromWebview[] = (window.__giPosted = window.__giPosted ?? []);
  return {
    postMessage: (msg) => {
      posted.push(msg);
    },
    getState: () => {
      try {
        const raw = sessionStorage.getItem(STUB_KEY);
        return raw ? (JSON.parse(raw) as S) : undefined;
      } catch {
        return undefined;
      }
    },
    setState: (state) => {
      try {
        sessionStorage.setItem(STUB_KEY, JSON.stringify(state));
      } catch {
        // storage unavailable (opaque origin): state lives only as long as the page
      }
    },
  };
}

export function acquireApi<S>(): VsCodeApi<S> {
  if (typeof window.acquireVsCodeApi === "function") {
    const api = window.acquireVsCodeApi();
    return {
      postMessage: (msg) => api.postMessage(msg),
      getState: () => api.getState() as S | undefined,
      setState: (state) => api.setState(state),
    };
  }
  return stub<S>();
}
