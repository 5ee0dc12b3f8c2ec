// Multiply-add on four float32 lanes. The same source is compiled twice (see build-wasm.mjs):
// with --enable relaxed-simd this is one fused multiply-add (vfmadd on x64), which doubles the
// arithmetic a core retires per cycle; without it, a separate multiply and add (plain SIMD128).
// NOTE: fused and unfused differ in the last bit; callers compare with a relative tolerance.
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return f32x4.relaxed_madd(a, b, c);
  } else {
    return f32x4.add(f32x4.mul(a, b), c);
  }
}
