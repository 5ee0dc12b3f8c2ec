// Contiguous float32 elementwise ops and reductions, four lanes at a time. Pointers in bytes,
// lengths in elements; out may alias an input.

// @ts-ignore: decorator
@inline
function binary(op: i32, x: v128, y: v128): v128 {
  if (op == 0) return f32x4.add(x, y);
  if (op == 1) return f32x4.sub(x, y);
  if (op == 2) return f32x4.mul(x, y);
  return f32x4.div(x, y);
}
// @ts-ignore: decorator
@inline
function binaryScalar(op: i32, x: f32, y: f32): f32 {
  if (op == 0) return x + y;
  if (op == 1) return x - y;
  if (op == 2) return x * y;
  return x / y;
}

/** out[i] = a[i] (op) b[i]; op: 0 add, 1 sub, 2 mul, 3 div. */
export function binaryOp(op: i32, n: i32, a: usize, b: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, binary(op, v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, binaryScalar(op, load<f32>(a + o), load<f32>(b + o)));
  }
}

/** out[i] = a[i] (op) s, or s (op) a[i] when reversed (for rsub / rdiv). */
export function scalarOp(op: i32, reversed: i32, n: i32, a: usize, s: f32, out: usize): void {
  const vs = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(a + o);
    v128.store(out + o, reversed ? binary(op, vs, x) : binary(op, x, vs));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(a + o);
    store<f32>(out + o, reversed ? binaryScalar(op, s, x) : binaryScalar(op, x, s));
  }
}

/** out[i] = a[i] < 0 ? 0 : a[i]: torch.relu (clamp_min) keeps NaN and -0. */
export function relu(n: i32, a: usize, out: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(a + o);
    v128.store(out + o, v128.andnot(x, f32x4.lt(x, zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(a + o);
    store<f32>(out + o, x < 0 ? 0 : x);
  }
}

/** out[i] = y[i] <= 0 ? 0 : g[i] (threshold_backward on relu's result; NaN results pass g). */
export function reluBackward(n: i32, g: usize, y: usize, out: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, v128.andnot(v128.load(g + o), f32x4.le(v128.load(y + o), zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(y + o) <= 0 ? 0 : load<f32>(g + o));
  }
}

/** Sum with four float32 lane accumulators per 16 elements, then pairwise; returned as f64. */
export function sumValue(n: i32, a: usize): f64 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = a + (<usize>i << 2);
    s0 = f32x4.add(s0, v128.load(p));
    s1 = f32x4.add(s1, v128.load(p, 16));
    s2 = f32x4.add(s2, v128.load(p, 32));
    s3 = f32x4.add(s3, v128.load(p, 48));
  }
  const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
  let total: f64 = <f64>f32x4.extract_lane(s, 0) + <f64>f32x4.extract_lane(s, 1)
    + <f64>f32x4.extract_lane(s, 2) + <f64>f32x4.extract_lane(s, 3);
  for (; i < n; i++) total += <f64>load<f32>(a + (<usize>i << 2));
  return total;
}

/** Largest element (NaN if any element is NaN, as torch.max); -Infinity when n == 0. */
export function maxValue(n: i32, a: usize): f32 {
  let m = f32x4.splat(-Infinity);
  let nan = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x = v128.load(a + (<usize>i << 2));
    nan = v128.or(nan, f32x4.ne(x, x));
    m = f32x4.pmax(m, x);
  }
  if (v128.any_true(nan)) return NaN;
  let r = max<f32>(max<f32>(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)),
    max<f32>(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
  for (; i < n; i++) {
    const x = load<f32>(a + (<usize>i << 2));
    if (x != x) return NaN;
    if (x > r) r = x;
  }
  return r;
}

/**
 * Column sums of a rows x cols float32 matrix (a bias gradient: the batch summed away), each
 * column a Kahan sum in float64 over the rows in order, two columns per f64x2: the same
 * operations in the same order as the scalar loop, so the same float64 sums. `sum` and `comp`
 * are cols float64 each (sum receives the result).
 */
export function kahanColumnSums(rows: i32, cols: i32, a: usize, sum: usize, comp: usize): void {
  memory.fill(sum, 0, <usize>cols << 3);
  memory.fill(comp, 0, <usize>cols << 3);
  for (let r = 0; r < rows; r++) {
    const row = a + (<usize>r * <usize>cols << 2);
    let j = 0;
    for (; j + 2 <= cols; j += 2) {
      const ps = sum + (<usize>j << 3), pc = comp + (<usize>j << 3);
      const s0 = v128.load(ps);
      const y = f64x2.sub(f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>j << 2))), v128.load(pc));
      const s = f64x2.add(s0, y);
      v128.store(pc, f64x2.sub(f64x2.sub(s, s0), y));
      v128.store(ps, s);
    }
    for (; j < cols; j++) {
      const ps = sum + (<usize>j << 3), pc = comp + (<usize>j << 3);
      const s0 = load<f64>(ps);
      const y = <f64>load<f32>(row + (<usize>j << 2)) - load<f64>(pc);
      const s = s0 + y;
      store<f64>(pc, (s - s0) - y);
      store<f64>(ps, s);
    }
  }
}
