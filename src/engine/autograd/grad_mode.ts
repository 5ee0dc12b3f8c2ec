// Global grad mode, as torch.no_grad / enable_grad / set_grad_enabled switch it.
let enabled = true;

export function is_grad_enabled(): boolean { return enabled; }

/** Run fn with grad mode set to `mode`, restoring the previous mode even if fn throws. */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    const r = fn();
    if (r instanceof Promise) {
      // An async body: restore when it settles, as a Python context manager would around `await`.
      return r.finally(() => { enabled = prev; }) as T;
    }
    enabled = prev;
    return r;
  } catch (e) {
    enabled = prev;
    throw e;
  }
}

/** Set the mode without a callback (`torch.set_grad_enabled(false)` as a statement). */
export function setGradEnabledRaw(mode: boolean): void { enabled = mode; }
