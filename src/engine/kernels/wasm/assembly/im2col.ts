// im2col / col2im for one image and one group, float32, NCHW. Pointers in bytes.
// col has (C*KH*KW) rows of (OH*OW) values: row (c, i, j) holds input[c, oh*SH-PH+i*DH,
// ow*SW-PW+j*DW] for every output position (zero where that falls in the padding). The
// convolution is then a GEMM: out[O, OH*OW] = weight[O, C*KH*KW] x col.

// Geometry is passed once through these globals so the two kernels keep short signatures.
let C: i32 = 0, H: i32 = 0, W: i32 = 0, KH: i32 = 0, KW: i32 = 0;
let SH: i32 = 1, SW: i32 = 1, PH: i32 = 0, PW: i32 = 0, DH: i32 = 1, DW: i32 = 1;
let OH: i32 = 0, OW: i32 = 0;

export function convGeometry(
  c: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32,
  dh: i32, dw: i32, oh: i32, ow: i32,
): void {
  C = c; H = h; W = w; KH = kh; KW = kw; SH = sh; SW = sw; PH = ph; PW = pw;
  DH = dh; DW = dw; OH = oh; OW = ow;
}

// First output column whose input column ow*SW - PW + off lies in [0, W), and one past the last.
// @ts-ignore: decorator
@inline
function owFirst(off: i32): i32 {
  const lo = PW - off; // need ow*SW >= lo
  return lo <= 0 ? 0 : (lo + SW - 1) / SW;
}
// @ts-ignore: decorator
@inline
function owEnd(off: i32): i32 {
  const hi = W + PW - off; // need ow*SW < hi
  if (hi <= 0) return 0;
  return min(OW, (hi + SW - 1) / SW);
}

// Row pieces are short (an output row: 2-32 values in ResNet), where memory.copy and
// memory.fill, calls into the engine, cost more than the copy: these loops stay inline.
// @ts-ignore: decorator
@inline
function zero(dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), i32x4.splat(0));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), 0);
}

// dst[0..n) = src[0..n) (no overlap).
// @ts-ignore: decorator
@inline
function copy(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

// dst[0..n) = src[0], src[2], src[4], ... (stride-2 windows): even lanes of two vectors at a time.
// @ts-ignore: decorator
@inline
function copyStride2(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const s = src + (<usize>i << 3);
    v128.store(dst + (<usize>i << 2), v128.shuffle<f32>(v128.load(s), v128.load(s, 16), 0, 2, 4, 6));
  }
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 3)));
}

export function im2col(x: usize, col: usize): void {
  let row = col;
  const rowBytes = <usize>(OH * OW) << 2;
  for (let c = 0; c < C; c++) {
    const plane = x + (<usize>(c * H * W) << 2);
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        const offW = j * DW;
        const first = min(OW, owFirst(offW));
        const end = max(first, owEnd(offW));
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * SH - PH + i * DH;
          const dst = row + (<usize>(oh * OW) << 2);
          if (ih < 0 || ih >= H) {
            zero(dst, OW);
            continue;
          }
          const src = plane + (<usize>(ih * W) << 2);
          if (first > 0) zero(dst, first);
          // copyStride2 loads the odd value after each even one it keeps: at the end of a row
          // that is one float past the input, still inside wasm memory (the col buffer is
          // allocated above every input), and dropped by the shuffle.
          if (SW == 1) {
            copy(dst + (<usize>first << 2), src + (<usize>(first - PW + offW) << 2), end - first);
          } else if (SW == 2) {
            copyStride2(dst + (<usize>first << 2), src + (<usize>(first * 2 - PW + offW) << 2), end - first);
          } else {
            for (let ow = first; ow < end; ow++) {
              store<f32>(dst + (<usize>ow << 2), load<f32>(src + (<usize>(ow * SW - PW + offW) << 2)));
            }
          }
          if (end < OW) zero(dst + (<usize>end << 2), OW - end);
        }
        row += rowBytes;
      }
    }
  }
}

/** Adds every col entry back into the input position it was read from (x must be zeroed first). */
export function col2im(col: usize, x: usize): void {
  let row = col;
  const rowBytes = <usize>(OH * OW) << 2;
  for (let c = 0; c < C; c++) {
    const plane = x + (<usize>(c * H * W) << 2);
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        const offW = j * DW;
        const first = owFirst(offW);
        const end = owEnd(offW);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * SH - PH + i * DH;
          if (ih < 0 || ih >= H) continue;
          const src = row + (<usize>(oh * OW) << 2);
          const dst = plane + (<usize>(ih * W - PW + offW) << 2);
          let ow = first;
          if (SW == 1) {
            for (; ow + 4 <= end; ow += 4) {
              const d = dst + (<usize>ow << 2);
              v128.store(d, f32x4.add(v128.load(d), v128.load(src + (<usize>ow << 2))));
            }
          }
          for (; ow < end; ow++) {
            const d = dst + (<usize>(ow * SW) << 2);
            store<f32>(d, load<f32>(d) + load<f32>(src + (<usize>ow << 2)));
          }
        }
        row += rowBytes;
      }
    }
  }
}
