// Export of the graph as a standalone SVG (theme colours resolved into attributes, since the
// --vscode-* variables do not exist outside the panel) and as PNG (that SVG drawn on a canvas).
import { s } from "./dom";

const PROPS = ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-family", "font-size", "font-weight", "text-anchor", "dominant-baseline", "opacity"];

function inlineStyles(src: Element, dst: Element): void {
  const a = [src, ...src.querySelectorAll("*")];
  const b = [dst, ...dst.querySelectorAll("*")];
  a.forEach((el, i) => {
    const cs = getComputedStyle(el);
    if (cs.display === "none") {
      b[i].setAttribute("display", "none");
      return;
    }
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) b[i].setAttribute(p, v);
    }
    b[i].removeAttribute("class");
    b[i].removeAttribute("tabindex");
    b[i].removeAttribute("role");
  });
}

export function exportSvg(svg: SVGSVGElement, world: SVGGElement, size: { width: number; height: number }): string {
  const out = s("svg", { xmlns: "http://www.w3.org/2000/svg", width: Math.ceil(size.width), height: Math.ceil(size.height), viewBox: `0 0 ${Math.ceil(size.width)} ${Math.ceil(size.height)}` });
  const bg = getComputedStyle(svg.parentElement ?? svg).backgroundColor || "#ffffff";
  out.append(s("rect", { width: "100%", height: "100%", fill: bg }));
  const defs = svg.querySelector("defs");
  if (defs) {
    const d = defs.cloneNode(true) as Element;
    inlineStyles(defs, d);
    out.append(d);
  }
  const w = world.cloneNode(true) as SVGGElement;
  inlineStyles(world, w);
  w.removeAttribute("transform");
  out.append(w);
  return new XMLSerializer().serializeToString(out);
}

/** PNG at 2× (capped so the canvas stays within browser limits), as base64 without a data: prefix. */
export async function exportPng(svg: SVGSVGElement, world: SVGGElement, size: { width: number; height: number }): Promise<string> {
  const text = exportSvg(svg, world, size);
  const scale = Math.min(2, 16000 / Math.max(size.width, size.height));
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(size.width * scale));
    canvas.height = Math.max(1, Math.round(size.height * scale));
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d context");
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
  } finally {
    URL.revokeObjectURL(url);
  }
}
