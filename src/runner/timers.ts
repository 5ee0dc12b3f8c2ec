// Timers the program starts are tracked, so the run ends when Node would exit: after the
// top-level code AND every pending timer are done (output from `setTimeout` callbacks is part
// of the run). When the run ends, every timer still pending is cleared.

export interface TrackedTimers {
  /** Calls `cb` once no tracked timer is pending (checked after the microtask queue drained). */
  whenIdle(cb: () => void): void;
  /** True when the thread holds no resource beyond those it had before the program started. */
  nothingElsePending(): boolean;
  clearAll(): void;
  realSetImmediate: typeof setImmediate;
}

type Handle = NodeJS.Timeout | NodeJS.Immediate;

const otherResources = (): number =>
  process.getActiveResourcesInfo().filter((r) => r !== "Timeout" && r !== "Immediate").length;

export function installTimers(onError: (e: unknown) => void): TrackedTimers {
  const real = {
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    setImmediate: globalThis.setImmediate,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
    clearImmediate: globalThis.clearImmediate,
  };
  const baseline = otherResources();
  const active = new Set<Handle>();
  let waiters: (() => void)[] = [];
  let checking = false;

  const checkIdle = (): void => {
    if (active.size > 0 || waiters.length === 0 || checking) return;
    checking = true;
    // Two turns: promise continuations scheduled by the last callback may start new timers.
    real.setImmediate(() => real.setImmediate(() => {
      checking = false;
      if (active.size > 0) return;
      const ws = waiters;
      waiters = [];
      for (const w of ws) w();
    }));
  };

  const call = (cb: unknown, args: unknown[]): void => {
    if (typeof cb !== "function") return;
    try {
      (cb as (...a: unknown[]) => void)(...args);
    } catch (e) {
      onError(e);
    }
  };

  const g = globalThis as unknown as Record<string, unknown>;
  g.setTimeout = (cb: unknown, ms?: number, ...args: unknown[]): NodeJS.Timeout => {
    const h: NodeJS.Timeout = real.setTimeout(() => {
      active.delete(h);
      call(cb, args);
      checkIdle();
    }, ms);
    active.add(h);
    return h;
  };
  g.setInterval = (cb: unknown, ms?: number, ...args: unknown[]): NodeJS.Timeout => {
    const h = real.setInterval(() => call(cb, args), ms);
    active.add(h);
    return h;
  };
  g.setImmediate = (cb: unknown, ...args: unknown[]): NodeJS.Immediate => {
    const h: NodeJS.Immediate = real.setImmediate(() => {
      active.delete(h);
      call(cb, args);
      checkIdle();
    });
    active.add(h);
    return h;
  };
  const clear = (h: unknown): void => {
    if (h === undefined || h === null) return;
    active.delete(h as Handle);
    real.clearTimeout(h as NodeJS.Timeout);
    real.clearImmediate(h as NodeJS.Immediate);
    checkIdle();
  };
  g.clearTimeout = clear;
  g.clearInterval = clear;
  g.clearImmediate = clear;

  return {
    whenIdle(cb) {
      waiters.push(cb);
      checkIdle();
    },
    nothingElsePending: () => active.size === 0 && otherResources() <= baseline,
    clearAll() {
      for (const h of active) {
        real.clearTimeout(h as NodeJS.Timeout);
        real.clearInterval(h as NodeJS.Timeout);
        real.clearImmediate(h as NodeJS.Immediate);
      }
      active.clear();
      waiters = [];
    },
    realSetImmediate: real.setImmediate,
  };
}
