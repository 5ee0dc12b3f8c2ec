// The part of the engine's surface the runner reads (see helpers/ENGINE-SURFACE.md), written as
// structural types so the snapshot code states exactly what it relies on. Only internal,
// side-effect-free members are used: `_grad` (never the `grad` getter, which warns on non-leaves).

export interface EngineDType {
  readonly name: string;
}

export interface EngineTensor {
  readonly _id: number;
  readonly shape: ArrayLike<number>;
  readonly dtype: EngineDType;
  readonly requires_grad: boolean;
  readonly is_leaf: boolean;
  readonly retains_grad: boolean;
  readonly grad_fn: EngineNode | null;
  readonly _grad: EngineTensor | null;
  readonly _isParameter: boolean;
  numel(): number;
  _values(offset: number, count: number): number[];
  toString(): string;
}

export interface EngineSaved {
  readonly name: string;
  readonly tensor: EngineTensor | null;
  readonly shape: number[];
  readonly dtype: string;
  /** Set by backward when the slot was released (retain_graph=False). */
  readonly freed?: boolean;
}

export interface EngineNode {
  readonly _id: number;
  name(): string;
  readonly next_functions: ReadonlyArray<readonly [EngineNode | null, number]>;
  readonly variable?: EngineTensor;
  readonly _saved?: ReadonlyArray<EngineSaved>;
  readonly _module?: string | null;
  readonly _output?: { deref(): EngineTensor | undefined } | null;
}

/** An nn.Module as far as parameter paths go. */
export interface EngineModule {
  named_parameters(): Iterable<readonly [string, EngineTensor]>;
}

export function isModuleLike(v: unknown): v is EngineModule {
  return typeof v === "object" && v !== null && typeof (v as { named_parameters?: unknown }).named_parameters === "function";
}
