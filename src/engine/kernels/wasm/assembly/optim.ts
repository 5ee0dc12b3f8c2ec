// Float32 optimizer updates, four elements per iteration. The update's products and sums are
// float32 operations (exact in f32x4); the final param += d * (-lr) is PyTorch's fused
// multiply-add (vec::fmadd), done here in float64 lanes exactly as js/optim.ts's fmaf32: the
// product of two float32 values is exact in float64, the sum is rounded once, and the rare sums
// that land halfway between two float32 values are settled by the sign of the TwoSum error.

// @ts-ignore: decorator
@inline
function demoteRound(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

// a * b + c rounded once to float32, for two float32 values per f64x2 (branchless form of
// fmaf32: returns r unless t is a float32 neighbour of r at a halfway point).
// @ts-ignore: decorator
@inline
function fmaf32x2(a: v128, b: v128, c: v128): v128 {
  const p = f64x2.mul(a, b);
  const s = f64x2.add(p, c);
  const r = demoteRound(s);
  const t = f64x2.add(r, f64x2.mul(f64x2.splat(2), f64x2.sub(s, r)));
  const tie = v128.and(f64x2.ne(t, r), f64x2.eq(demoteRound(t), t));
  const bb = f64x2.sub(s, p);
  const e = f64x2.add(f64x2.sub(p, f64x2.sub(s, bb)), f64x2.sub(c, bb));
  const zero = f64x2.splat(0);
  const up = v128.bitselect(t, r, f64x2.gt(t, r));
  const down = v128.bitselect(t, r, f64x2.lt(t, r));
  let settled = v128.bitselect(up, r, f64x2.gt(e, zero));
  settled = v128.bitselect(down, settled, f64x2.lt(e, zero));
  return v128.bitselect(settled, r, tie);
}

// The sums that may need settling: float64 values exactly halfway between two float32 values
// (low 29 mantissa bits 1 followed by zeros) or below float32's normal range (where float32 has
// fewer bits); everything else rounds correctly by one demotion.
// @ts-ignore: decorator
@inline
function maybeTie(s: v128): v128 {
  const low = v128.and(s, i64x2.splat(0x1fffffff));
  const halfway = i64x2.eq(low, i64x2.splat(0x10000000));
  const tiny = f64x2.lt(f64x2.abs(s), f64x2.splat(1.1754943508222875e-38));
  return v128.or(halfway, tiny);
}

// fma(d, nlr, x) for two float32 lanes (the low two of d and x), as two float32 in the low half.
// @ts-ignore: decorator
@inline
function fmaf32Pair(d: v128, nlr: v128, x: v128): v128 {
  const a = f64x2.promote_low_f32x4(d), c = f64x2.promote_low_f32x4(x);
  const s = f64x2.add(f64x2.mul(a, nlr), c);
  if (!v128.any_true(maybeTie(s))) return f32x4.demote_f64x2_zero(s);
  return f32x4.demote_f64x2_zero(fmaf32x2(a, nlr, c));
}

// @ts-ignore: decorator
@inline
function fmaf32Scalar(a: f64, b: f64, c: f64): f32 {
  const p = a * b;
  const s = p + c;
  const r = <f64><f32>s;
  if (r == s) return <f32>r;
  const t = r + 2 * (s - r);
  if (t == r || <f64><f32>t != t) return <f32>r;
  const bb = s - p;
  const e = (p - (s - bb)) + (c - bb);
  if (e == 0) return <f32>r;
  return <f32>(e > 0 ? (t > r ? t : r) : (t < r ? t : r));
}

/**
 * torch.optim.SGD's step for n float32 parameters (no weight decay, dampening, Nesterov or
 * maximize): with momentum (useBuf != 0) buf = g + buf * m and x = fma(buf, nlr, x); without,
 * x = fma(g, nlr, x). `m` and `nlr` are float32 values (the scalars cast to the dtype).
 */
export function sgdStep(n: i32, x: usize, g: usize, buf: usize, useBuf: i32, m: f32, nlr: f32, fused: i32): void {
  const vm = f32x4.splat(m);
  const vnlr = f64x2.splat(<f64>nlr);
  let i = 0;
  if (ASC_FEATURE_RELAXED_SIMD && fused) {
    // The caller has checked that relaxed_madd is a true fused multiply-add on this machine
    // (hasFusedMadd below), so float32 lanes give the correctly rounded fma directly.
    const vnlr32 = f32x4.splat(nlr);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      let d = v128.load(g + o);
      if (useBuf) {
        d = f32x4.add(d, f32x4.mul(v128.load(buf + o), vm));
        v128.store(buf + o, d);
      }
      v128.store(x + o, f32x4.relaxed_madd(d, vnlr32, v128.load(x + o)));
    }
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    let d = v128.load(g + o);
    if (useBuf) {
      d = f32x4.add(d, f32x4.mul(v128.load(buf + o), vm));
      v128.store(buf + o, d);
    }
    const xp = x + o;
    v128.store64_lane(xp, fmaf32Pair(d, vnlr, v128.load64_zero(xp)), 0);
    v128.store64_lane(xp, fmaf32Pair(v128.shuffle<i64>(d, d, 1, 1), vnlr, v128.load64_zero(xp, 8)), 0, 8);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let d = load<f32>(g + o);
    if (useBuf) {
      d = d + load<f32>(buf + o) * m;
      store<f32>(buf + o, d);
    }
    store<f32>(x + o, fmaf32Scalar(<f64>d, <f64>nlr, <f64>load<f32>(x + o)));
  }
}

/**
 * Whether f32x4.relaxed_madd rounds once here (V8 emits vfmadd where the CPU has FMA3, else a
 * multiply and an add). Probed on (1 + 2^-12)^2 - (1 + 2^-11) = 2^-24 exactly, which a product
 * rounded first to float32 loses (it gives 0). Always 0 in the plain SIMD128 build.
 */
export function hasFusedMadd(): i32 {
  if (!ASC_FEATURE_RELAXED_SIMD) return 0;
  const a = f32x4.splat(<f32>1.000244140625); // 1 + 2^-12
  const r = f32x4.relaxed_madd(a, a, f32x4.splat(<f32>-1.00048828125)); // - (1 + 2^-11)
  const want: f32 = 5.9604644775390625e-8; // 2^-24
  return i32(f32x4.extract_lane(r, 0) == want && f32x4.extract_lane(r, 3) == want);
}
