// Plain JS im2col / col2im for one image and one group (see wasm/assembly/im2col.ts for the
// layout: (C*KH*KW) rows of OH*OW values, zeros where a window reads padding).
import type { FloatArray } from "../types";

export interface PatchGeometry {
  c: number; h: number; w: number; kH: number; kW: number;
  sH: number; sW: number; pH: number; pW: number; dH: number; dW: number;
  oH: number; oW: number;
}

export function im2colJs(x: FloatArray, xOff: number, col: FloatArray, colOff: number, g: PatchGeometry): void {
  let row = colOff;
  const plane = g.h * g.w;
  for (let c = 0; c < g.c; c++) {
    for (let i = 0; i < g.kH; i++) {
      for (let j = 0; j < g.kW; j++) {
        for (let oh = 0; oh < g.oH; oh++) {
          const ih = oh * g.sH - g.pH + i * g.dH;
          const dst = row + oh * g.oW;
          if (ih < 0 || ih >= g.h) {
            col.fill(0, dst, dst + g.oW);
            continue;
          }
          const src = xOff + c * plane + ih * g.w;
          for (let ow = 0; ow < g.oW; ow++) {
            const iw = ow * g.sW - g.pW + j * g.dW;
            col[dst + ow] = iw >= 0 && iw < g.w ? x[src + iw] : 0;
          }
        }
        row += g.oH * g.oW;
      }
    }
  }
}

/** x[...] += every col entry at the input position it came from (x zeroed by the caller). */
export function col2imJs(col: FloatArray, colOff: number, x: FloatArray, xOff: number, g: PatchGeometry): void {
  let row = colOff;
  const plane = g.h * g.w;
  for (let c = 0; c < g.c; c++) {
    for (let i = 0; i < g.kH; i++) {
      for (let j = 0; j < g.kW; j++) {
        for (let oh = 0; oh < g.oH; oh++) {
          const ih = oh * g.sH - g.pH + i * g.dH;
          if (ih < 0 || ih >= g.h) continue;
          const src = row + oh * g.oW;
          const dst = xOff + c * plane + ih * g.w;
          for (let ow = 0; ow < g.oW; ow++) {
            const iw = ow * g.sW - g.pW + j * g.dW;
            if (iw >= 0 && iw < g.w) x[dst + iw] += col[src + ow];
          }
        }
        row += g.oH * g.oW;
      }
    }
  }
}
