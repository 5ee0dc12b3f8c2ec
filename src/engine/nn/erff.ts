// erff as glibc 2.36 computes it (the fdlibm single-precision algorithm: rational fits on
// [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35), [1/0.35, 6), each operation rounded to float32,
// no fused multiply-adds), so ATen's float32 erfinv, which calls std::erf, can be reproduced.
// expf is taken as the double exp rounded once (glibc's expf is correctly rounded in all but
// rare halfway cases).
const f = Math.fround;
const bits = new DataView(new ArrayBuffer(4));
function fromBits(u: number): number { bits.setUint32(0, u >>> 0); return bits.getFloat32(0); }
function toBits(x: number): number { bits.setFloat32(0, x); return bits.getUint32(0); }

// The coefficients by their float32 bit patterns.
const C = (u: number): number => fromBits(u);
const ERX = C(0x3f58560b), EFX = C(0x3e0375d4);
const PP = [0x3e0375d4, 0xbea66beb, 0xbce9528f, 0xbbbd1489, 0xb7c756b1].map(C);
const QQ = [0x3ecbbbce, 0x3d852a63, 0x3ba68116, 0x390aee49, 0xb684e21a].map(C);
const PA = [0xbb1acdc6, 0x3ed46805, 0xbebe9208, 0x3ea2fe54, 0xbde31cc2, 0x3d1151b3, 0xbb0df9c0].map(C);
const QA = [0x3dd9f331, 0x3f0a5785, 0x3d931ae7, 0x3e013307, 0x3c5f6e13, 0x3c445aa3].map(C);
const RA = [0xbc21a093, 0xbf31a0b7, 0xc128f022, 0xc2798057, 0xc322658c, 0xc3389ae7, 0xc2a2932b, 0xc11d077e].map(C);
const SA = [0x419d35ce, 0x4309a863, 0x43d9486f, 0x442158c9, 0x43d6810b, 0x42d9451f, 0x40d23f7c, 0xbd777f97].map(C);
const RB = [0xbc21a092, 0xbf4c9dd4, 0xc18e104b, 0xc320a2ea, 0xc41f6441, 0xc480230b, 0xc3f1c275].map(C);
const SB = [0x41f2b459, 0x43a2e571, 0x44c01759, 0x4547fdbb, 0x451f90ce, 0x43ed43a7, 0xc1b38712].map(C);

/** c0 + s*(c1 + s*(c2 + ...)) in float32, innermost first. */
function horner(c: readonly number[], s: number): number {
  let acc = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) acc = f(c[i] + f(s * acc));
  return acc;
}
/** 1 + s*(c1 + s*(c2 + ...)) for the denominators (their coefficient lists start at c1). */
function hornerOne(c: readonly number[], s: number): number {
  return f(1 + f(s * horner(c, s)));
}
const expf = (x: number): number => f(Math.exp(x));

export function erff(x: number): number {
  x = f(x);
  const hx = toBits(x) | 0;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7f800000) return x !== x ? x : x > 0 ? 1 : -1;
  if (ix < 0x3f580000) {
    if (ix < 0x31800000) {
      if (ix < 0x04000000) return f(0.0625 * f(f(16 * x) + f(f(16 * EFX) * x)));
      return f(x + f(EFX * x));
    }
    const z = f(x * x);
    const r = horner(PP, z), s = hornerOne(QQ, z);
    return f(x + f(x * f(r / s)));
  }
  if (ix < 0x3fa00000) {
    const s = f(Math.abs(x) - 1);
    const P = horner(PA, s), Q = hornerOne(QA, s);
    return hx >= 0 ? f(ERX + f(P / Q)) : f(-ERX - f(P / Q));
  }
  if (ix >= 0x40c00000) return hx >= 0 ? f(1 - 1e-30) : f(1e-30 - 1);
  const ax = Math.abs(x);
  const s = f(1 / f(ax * ax));
  const [R, S] = ix < 0x4036db6e ? [horner(RA, s), hornerOne(SA, s)] : [horner(RB, s), hornerOne(SB, s)];
  const z = fromBits(toBits(ax) & 0xfffff000);
  const r = f(expf(f(f(-z * z) - 0.5625)) * expf(f(f(f(z - ax) * f(z + ax)) + f(R / S))));
  return hx >= 0 ? f(1 - f(r / ax)) : f(f(r / ax) - 1);
}
