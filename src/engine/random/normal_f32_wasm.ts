// normal_f32.ts's Box-Muller loop as WebAssembly SIMD: two lanes per f64x2 vector, the four
// pairs of lanes of a 16-element block interleaved so their dependency chains overlap. Every
// float32 value is held in a binary64 lane; R(x) = promote(demote(x)) is float32 rounding, and an
// FMA of float32 operands is R(a*b + c) with the same `halfway` test as the JS loop, OR-ed into a
// per-block flag; JS recomputes a flagged block with the exact lane functions (avx_mathfun.ts).
//
// NOTE [why emitted here]: the module (one function, ~6 KB) is assembled from this file when
// first needed, so it needs no build step, no .wasm file to locate, and works wherever the engine
// runs (tests from build/, the CLI bundle, the extension host's worker). When WebAssembly SIMD is
// missing the caller keeps the JS loop. test/random/normal_f32.test.ts checks both against the
// lane functions; test/random/exhaustive.ts checks every radius and angle input.
import { normalLane } from "./avx_mathfun";

const fr = Math.fround;

// ---- a minimal WebAssembly encoder: expressions are byte arrays ----
type Ex = number[];

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}
function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}
const simd = (opcode: number, ...args: Ex[]): Ex => [...args.flat(), 0xfd, ...uleb(opcode)];
const vec = (bytes: Uint8Array): Ex => [0xfd, 0x0c, ...bytes];
const f64s = (x: number): Ex => vec(new Uint8Array(new Float64Array([x, x]).buffer));
const i64s = (x: bigint): Ex => vec(new Uint8Array(new BigInt64Array([x, x]).buffer));
const i32s = (x: number): Ex => vec(new Uint8Array(new Int32Array([x, x, x, x]).buffer));
const get = (l: number): Ex => [0x20, ...uleb(l)];
const set = (l: number, e: Ex): Ex => [...e, 0x21, ...uleb(l)];
const i32 = (x: number): Ex => [0x41, ...sleb(x)];

// SIMD opcodes (WebAssembly SIMD128)
const add = (a: Ex, b: Ex): Ex => simd(0xf0, a, b); // f64x2.add
const sub = (a: Ex, b: Ex): Ex => simd(0xf1, a, b); // f64x2.sub
const mul = (a: Ex, b: Ex): Ex => simd(0xf2, a, b); // f64x2.mul
const sqrt = (a: Ex): Ex => simd(0xef, a); // f64x2.sqrt
const eq = (a: Ex, b: Ex): Ex => simd(0x47, a, b); // f64x2.eq
const ne = (a: Ex, b: Ex): Ex => simd(0x48, a, b); // f64x2.ne
const lt = (a: Ex, b: Ex): Ex => simd(0x49, a, b); // f64x2.lt
const and = (a: Ex, b: Ex): Ex => simd(0x4e, a, b); // v128.and
const or = (a: Ex, b: Ex): Ex => simd(0x50, a, b); // v128.or
const xor = (a: Ex, b: Ex): Ex => simd(0x51, a, b); // v128.xor
const not = (a: Ex): Ex => simd(0x4d, a); // v128.not
const select = (ifSet: Ex, ifClear: Ex, mask: Ex): Ex => simd(0x52, ifSet, ifClear, mask); // v128.bitselect
const anyTrue = (a: Ex): Ex => simd(0x53, a); // v128.any_true -> i32
const demote = (a: Ex): Ex => simd(0x5e, a); // f32x4.demote_f64x2_zero
const promote = (a: Ex): Ex => simd(0x5f, a); // f64x2.promote_low_f32x4
const R = (a: Ex): Ex => promote(demote(a)); // round to float32
const i32Add = (a: Ex, b: Ex): Ex => simd(0xae, a, b); // i32x4.add
const i32Sub = (a: Ex, b: Ex): Ex => simd(0xb1, a, b); // i32x4.sub
const i32Eq = (a: Ex, b: Ex): Ex => simd(0x37, a, b); // i32x4.eq
const i32Ne = (a: Ex, b: Ex): Ex => simd(0x38, a, b); // i32x4.ne
const widenMask = (a: Ex): Ex => simd(0xc7, a); // i64x2.extend_low_i32x4_s: 2 int32 masks -> 2 int64 masks
const shrU64 = (a: Ex, n: number): Ex => [...a, ...i32(n), 0xfd, ...uleb(0xcd)]; // i64x2.shr_u
const truncToI32 = (a: Ex): Ex => simd(0xfc, a); // i32x4.trunc_sat_f64x2_s_zero
const fromI32 = (a: Ex): Ex => simd(0xfe, a); // f64x2.convert_low_i32x4_s
/** v128.load64_zero: two float32 at base + offset into the low half. */
const load2 = (base: number, offset: number): Ex => [...get(base), 0xfd, ...uleb(0x5d), 3, ...uleb(offset)];
/** v128.store64_lane 0: the low two float32 to base + offset. */
const store2 = (base: number, offset: number, v: Ex): Ex => [...get(base), ...v, 0xfd, ...uleb(0x5b), 3, ...uleb(offset), 0];

// ---- constants (float32 values, as in normal_f32.ts) ----
const C = {
  ONE: f64s(1), HALF: f64s(0.5), MINUS_TWO: f64s(-2), ZERO: f64s(0),
  SQRTHF: f64s(fr(0.7071067811865476)),
  P: [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
    -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map((p) => f64s(fr(p))),
  Q1: f64s(fr(-2.12194440e-4)), Q2: f64s(fr(0.693359375)),
  DP1: f64s(fr(-0.78515625)), DP2: f64s(fr(-2.4187564849853516e-4)), DP3: f64s(fr(-3.774894977445941e-8)),
  SIN_P0: f64s(fr(-1.9515295891e-4)), SIN_P1: f64s(fr(8.3321608736e-3)), SIN_P2: f64s(fr(-1.6666654611e-1)),
  COS_P0: f64s(fr(2.443315711809948e-5)), COS_P1: f64s(fr(-1.388731625493765e-3)), COS_P2: f64s(fr(4.166664568298827e-2)),
  FOPI: f64s(fr(1.27323954473516)), TWO_PI: f64s(fr(6.283185307179586)),
  // binary64 fields: the mantissa, 0.5's exponent, and 2^52 for reading an exponent as a number
  MANTISSA: i64s(0x000fffffffffffffn), HALF_EXP: i64s(0x3fe0000000000000n),
  TWO52_BITS: i64s(0x4330000000000000n), TWO52: f64s(2 ** 52), BIAS: f64s(1022),
  SIGN: i64s(-0x8000000000000000n),
  I1: i32s(1), NOT1: i32s(~1), I2: i32s(2), I4: i32s(4), IZERO: i32s(0),
};

// ---- the kernel: fill(in, out, flags, blocks, mean, std) ----
const P_IN = 0, P_OUT = 1, P_FLAGS = 2, P_BLOCKS = 3, P_MEAN = 4, P_STD = 5;
const L_MEAN = 6, L_STD = 7;
// The radius chain's temporaries (w, t, u) and the angle chain's (w2, t2) are separate: the two
// chains' statements are interleaved.
const PAIR_LOCALS = ["m", "e", "z", "y", "w", "t", "u", "radius", "x", "q", "j", "direct", "sinNeg", "cosNeg",
  "zz", "yc", "ys", "w2", "t2", "flag"] as const;
type PairLocal = typeof PAIR_LOCALS[number];
const PAIRS = 4;
const FIRST_PAIR_LOCAL = 8;
const V128_LOCALS = 2 + PAIRS * PAIR_LOCALS.length;

/** Statements for lanes 2k, 2k+1 of a block (radius uniforms at 8k, angles at 32 + 8k bytes). */
function pairStatements(k: number): Ex[] {
  const L = (name: PairLocal): number => FIRST_PAIR_LOCAL + k * PAIR_LOCALS.length + PAIR_LOCALS.indexOf(name);
  const g = (name: PairLocal): Ex => get(L(name));
  const s = (name: PairLocal, e: Ex): Ex => set(L(name), e);
  /** dst = R(a*b + c); with `checked`, flag the pair when that rounding was a halfway case. */
  const fmaWith = (w: PairLocal, t: PairLocal) => (dst: PairLocal, a: Ex, b: Ex, c: Ex, checked = true): Ex[] => {
    const out = [s(w, add(mul(a, b), c)), s(dst, R(g(w)))];
    if (checked) {
      out.push(s(t, sub(g(w), g(dst))), s(t, add(add(g(t), g(t)), g(dst))),
        s("flag", or(g("flag"), and(eq(R(g(t)), g(t)), ne(g(t), g(dst))))));
    }
    return out;
  };
  const fma = fmaWith("w", "t");
  const fma2 = fmaWith("w2", "t2");
  const log: Ex[] = [
    s("flag", C.ZERO),
    // u = 1 - uniform (exact); e = its binary64 exponent field - 1022, m = its mantissa in [0.5, 1)
    s("u", sub(C.ONE, promote(load2(P_IN, 8 * k)))),
    s("e", sub(sub(or(shrU64(g("u"), 52), C.TWO52_BITS), C.TWO52), C.BIAS)),
    s("m", or(and(g("u"), C.MANTISSA), C.HALF_EXP)),
    s("t", lt(g("m"), C.SQRTHF)),
    s("e", sub(g("e"), and(g("t"), C.ONE))),
    s("m", R(add(and(g("m"), g("t")), sub(g("m"), C.ONE)))),
    s("z", R(mul(g("m"), g("m")))),
    ...fma("y", g("m"), C.P[0], C.P[1]),
    ...[2, 3, 4, 5, 6, 7, 8].flatMap((i) => fma("y", g("m"), g("y"), C.P[i])),
    s("y", R(mul(g("m"), g("y")))),
    ...fma("y", g("y"), g("z"), R(mul(g("e"), C.Q1))),
    s("y", R(sub(g("y"), mul(g("z"), C.HALF)))), // exact, see normal_f32.ts
    s("m", R(add(g("m"), g("y")))),
    s("radius", R(add(mul(g("e"), C.Q2), g("m")))), // log(1 - u), exact as in normal_f32.ts
    s("radius", R(sqrt(R(mul(C.MINUS_TWO, g("radius")))))),
  ];
  const sincos: Ex[] = [
    s("x", R(mul(C.TWO_PI, promote(load2(P_IN, 32 + 8 * k))))),
    s("j", truncToI32(R(mul(g("x"), C.FOPI)))),
    s("j", and(i32Add(g("j"), C.I1), C.NOT1)),
    s("q", fromI32(g("j"))),
    s("direct", widenMask(i32Eq(and(g("j"), C.I2), C.IZERO))),
    s("sinNeg", widenMask(i32Ne(and(g("j"), C.I4), C.IZERO))),
    s("cosNeg", widenMask(i32Ne(and(not(i32Sub(g("j"), C.I2)), C.I4), C.IZERO))),
    ...fma2("x", g("q"), C.DP1, g("x"), false), // exact, see normal_f32.ts
    ...fma2("x", g("q"), C.DP2, g("x"), false),
    ...fma2("x", g("q"), C.DP3, g("x"), false),
    s("zz", R(mul(g("x"), g("x")))),
    ...fma2("yc", g("zz"), C.COS_P0, C.COS_P1),
    ...fma2("ys", C.SIN_P0, g("zz"), C.SIN_P1),
    ...fma2("yc", g("zz"), g("yc"), C.COS_P2),
    ...fma2("ys", g("zz"), g("ys"), C.SIN_P2),
    s("yc", R(mul(g("zz"), g("yc")))),
    s("ys", R(mul(g("zz"), g("ys")))),
    ...fma2("yc", g("yc"), g("zz"), xor(R(mul(g("zz"), C.HALF)), C.SIGN)), // c = -(z/2)
    ...fma2("ys", g("ys"), g("x"), g("x")),
    s("yc", R(add(g("yc"), C.ONE))),
  ];
  // sin and cos from the blend (+0 turns -0 into +0, as the kernel's masked add does), signs by q
  const sin = xor(add(select(g("ys"), g("yc"), g("direct")), C.ZERO), and(g("sinNeg"), C.SIGN));
  const cos = xor(add(select(g("yc"), g("ys"), g("direct")), C.ZERO), and(g("cosNeg"), C.SIGN));
  const finish: Ex[] = [
    s("z", R(mul(g("radius"), cos))),
    s("m", R(mul(g("radius"), sin))),
    ...fma("y", g("z"), get(L_STD), get(L_MEAN)),
    ...fma("e", g("m"), get(L_STD), get(L_MEAN)),
    store2(P_OUT, 8 * k, demote(g("y"))),
    store2(P_OUT, 32 + 8 * k, demote(g("e"))),
  ];
  // Interleave the radius and angle chains; the block loop interleaves the pairs as well.
  const out: Ex[] = [];
  for (let i = 0; i < Math.max(log.length, sincos.length); i++) {
    if (i < log.length) out.push(log[i]);
    if (i < sincos.length) out.push(sincos[i]);
  }
  return [...out, ...finish];
}

function kernelBody(): Ex {
  const perPair = Array.from({ length: PAIRS }, (_, k) => pairStatements(k));
  const blockCode: Ex = [];
  const longest = Math.max(...perPair.map((p) => p.length));
  for (let i = 0; i < longest; i++) for (const p of perPair) if (i < p.length) blockCode.push(...p[i]);
  const flagOf = (k: number): Ex => get(FIRST_PAIR_LOCAL + k * PAIR_LOCALS.length + PAIR_LOCALS.indexOf("flag"));
  const anyFlag = anyTrue(or(or(flagOf(0), flagOf(1)), or(flagOf(2), flagOf(3))));
  const bump = (l: number, by: number): Ex => [...get(l), ...i32(by), 0x6a, 0x21, ...uleb(l)]; // l += by
  return [
    ...set(L_MEAN, [...get(P_MEAN), 0xfd, ...uleb(0x14)]), // f64x2.splat
    ...set(L_STD, [...get(P_STD), 0xfd, ...uleb(0x14)]),
    0x02, 0x40, // block
    0x03, 0x40, // loop
    ...get(P_BLOCKS), 0x45, 0x0d, 1, // br_if 1 when blocks == 0
    ...blockCode,
    ...get(P_FLAGS), ...anyFlag, 0x36, 2, 0, // i32.store flags[b]
    ...bump(P_IN, 64), ...bump(P_OUT, 64), ...bump(P_FLAGS, 4), ...bump(P_BLOCKS, -1),
    0x0c, 0, // br 0 (loop)
    0x0b, 0x0b, // end loop, end block
    0x0b, // end function
  ];
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** Lanes per wasm call (4096 blocks): in, out (float32) and one flag per block fit in 9 pages. */
const CHUNK = 65536;
const OUT_BYTES = CHUNK * 4;
const FLAGS_BYTES = 2 * CHUNK * 4;
const PAGES = 9;

function moduleBytes(): Uint8Array {
  const body = kernelBody();
  const locals = [1, ...uleb(V128_LOCALS), 0x7b];
  const func = [...locals, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0x7c, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(PAGES)]),
    ...section(7, [2, ...name("fill"), 0x00, 0, ...name("memory"), 0x02, 0]),
    ...section(10, [1, ...uleb(func.length), ...func]),
  ]);
}

interface Kernel {
  fill(inp: number, out: number, flags: number, blocks: number, mean: number, std: number): void;
  f32: Float32Array;
  flags: Int32Array;
}

let kernel: Kernel | null | undefined;
let enabled = true;

/** Turn the WebAssembly kernel off (normal() then runs the JS loop) or back on; for tests. */
export function useWasmNormal(on: boolean): void {
  enabled = on;
}

/** The slice of the WebAssembly JS API used here (the project's libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

function instantiate(): Kernel | null {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    const bytes = moduleBytes();
    if (!wa || !wa.validate(bytes)) return null;
    const exports = new wa.Instance(new wa.Module(bytes)).exports as { fill: Kernel["fill"]; memory: { buffer: ArrayBuffer } };
    return { fill: exports.fill, f32: new Float32Array(exports.memory.buffer), flags: new Int32Array(exports.memory.buffer) };
  } catch {
    return null; // no WebAssembly SIMD here
  }
}

/** Whether this engine runs the WebAssembly kernel (compiled on first call). */
export function wasmNormalAvailable(): boolean {
  if (kernel === undefined) kernel = instantiate();
  return kernel !== null;
}

/** The module's bytes (for tests: it must validate). */
export const normalWasmBytes = moduleBytes;

/**
 * normalFill16F32 with the WebAssembly kernel (same contract); false, doing nothing, when
 * WebAssembly SIMD is unavailable.
 */
export function normalFill16F32Wasm(d: Float32Array, from: number, to: number, mean: number, std: number): boolean {
  if (!enabled || !wasmNormalAvailable() || kernel === null || kernel === undefined) return false;
  const k = kernel;
  const blocks = Math.floor((to - from) / 16);
  for (let done = 0; done < blocks;) {
    const nb = Math.min(blocks - done, CHUNK / 16);
    const at = from + done * 16;
    k.f32.set(d.subarray(at, at + nb * 16), 0);
    k.fill(0, OUT_BYTES, FLAGS_BYTES, nb, mean, std);
    d.set(k.f32.subarray(OUT_BYTES / 4, OUT_BYTES / 4 + nb * 16), at);
    for (let b = 0; b < nb; b++) {
      if (k.flags[FLAGS_BYTES / 4 + b] === 0) continue;
      // A halfway FMA somewhere in this block: redo its 8 lanes exactly from the uniforms.
      const o = at + b * 16;
      d.set(k.f32.subarray(b * 16, b * 16 + 16), o);
      for (let j = o; j < o + 8; j++) normalLane(d, j, mean, std);
    }
    done += nb;
  }
  return true;
}
