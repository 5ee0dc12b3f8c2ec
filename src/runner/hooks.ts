// The runtime side of instrument.ts: the `__gi` object the instrumented program calls.
// Every hook returns its value unchanged; recording keeps only the LAST tensor per binding site
// (a loop does not pile up tensors) and counts how often the site stored one.
import { isModuleLike, type EngineModule, type EngineTensor } from "./engine-types";
import { CONTROL_CANCEL, CONTROL_RUN } from "./messages";

export interface SiteRecord {
  tensor: EngineTensor;
  count: number;
  seq: number;
}

/** Thrown by the loop guard once the host asked the run to stop; every later guard throws again. */
export class StopSignal extends Error {
  constructor(readonly reason: "timeout" | "cancelled") {
    super(reason === "timeout" ? "the program reached the time limit" : "the run was stopped");
    this.name = reason === "timeout" ? "TimeoutError" : "Cancelled";
  }
}

export interface Hooks {
  rec<T>(value: T, site: number): T;
  m(...pairs: unknown[]): void;
  d<T>(result: T, ...pairs: unknown[]): T;
  f(value: number): unknown;
  t(): void;
  th<T>(value: T, site: number): T;
}

export class Recorder {
  readonly sites = new Map<number, SiteRecord>();
  /** nn.Modules bound to names: their named_parameters() give parameters their dotted paths. */
  readonly modules = new Map<number, EngineModule>();
  /** The throw site of the last `throw`, for values without a stack (`throw 42`). */
  lastThrow: { value: unknown; site: number } | null = null;
  private seq = 0;

  constructor(
    private readonly isTensor: (v: unknown) => v is EngineTensor,
    private readonly floatLiteral: (v: number) => unknown,
    private readonly control: Int32Array,
  ) {}

  private store(value: unknown, site: number): void {
    if (this.isTensor(value)) {
      const r = this.sites.get(site);
      if (r) {
        r.tensor = value;
        r.count++;
        r.seq = ++this.seq;
      } else {
        this.sites.set(site, { tensor: value, count: 1, seq: ++this.seq });
      }
    } else if (isModuleLike(value)) {
      this.modules.set(site, value);
    }
  }

  stopRequested(): "timeout" | "cancelled" | null {
    const c = Atomics.load(this.control, 0);
    return c === CONTROL_RUN ? null : c === CONTROL_CANCEL ? "cancelled" : "timeout";
  }

  hooks(): Hooks {
    return {
      rec: <T>(value: T, site: number): T => {
        this.store(value, site);
        return value;
      },
      m: (...pairs: unknown[]): void => {
        for (let i = 0; i < pairs.length; i += 2) this.store(pairs[i + 1], pairs[i] as number);
      },
      d: <T>(result: T, ...pairs: unknown[]): T => {
        for (let i = 0; i < pairs.length; i += 2) this.store(pairs[i + 1], pairs[i] as number);
        return result;
      },
      f: (value: number): unknown => this.floatLiteral(value),
      t: (): void => {
        const why = this.stopRequested();
        if (why) throw new StopSignal(why);
      },
      th: <T>(value: T, site: number): T => {
        this.lastThrow = { value, site };
        return value;
      },
    };
  }
}
