// The Markdown a hover shows for a variable bound to a tensor: what PyTorch would tell you
// if you printed every attribute (shape, dtype, requires_grad, is_leaf, grad_fn, data, grad),
// the grad_fn node with its next_functions, and a link that opens the panel on the tensor.
// Pure (no vscode) so it is unit-tested; the provider wraps it in a trusted MarkdownString.
import type { Binding, TensorInfo, TensorStats } from "../protocol";
import { clipText, numelOf, pyBool, shortNumber, torchSize } from "./format";
import type { RunResult } from "./run-result";

/** The only command a hover link may run (the MarkdownString trusts just this one). */
export const REVEAL_COMMAND = "gradientInspector.revealTensor";

export interface RevealArgs {
  file: string;
  tensorId: number;
}

const MAX_TEXT_LINES = 12;
const MAX_TEXT_CHARS = 1500;

/** A fenced code block whose fence is longer than any backtick run inside (user text cannot close it). */
export function codeBlock(text: string, lang = ""): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((s) => s.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((s) => s.length));
  const ticks = "`".repeat(longest + 1);
  return longest > 0 ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

export function commandLink(args: RevealArgs): string {
  return `command:${REVEAL_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}

export function statsLine(s: TensorStats): string {
  const parts = [`min ${shortNumber(s.min)}`, `max ${shortNumber(s.max)}`, `mean ${shortNumber(s.mean)}`, `std ${shortNumber(s.std)}`, `norm ${shortNumber(s.norm)}`];
  if (s.nanCount > 0) parts.push(`${s.nanCount} NaN`);
  if (s.infCount > 0) parts.push(`${s.infCount} Inf`);
  return parts.join(" · ");
}

function printed(label: string, text: string, numel: number, stats: TensorStats): string[] {
  const clipped = clipText(text, MAX_TEXT_LINES, MAX_TEXT_CHARS);
  const out = [`**${label}**`, "", codeBlock(clipped.text, "python")];
  if (numel > 1) out.push("", statsLine(stats));
  return out;
}

/** The grad_fn node and where its next_functions lead (names, with the variable they belong to). */
export function nodeLines(result: RunResult, t: TensorInfo): string[] {
  if (!t.gradFn || t.nodeId === null) return [];
  const node = result.nodes.get(t.nodeId);
  if (!node) return [`**grad_fn** ${inlineCode(`<${t.gradFn}>`)}`];
  const next = (result.edgesFrom.get(node.id) ?? []).map((e) => {
    const to = result.nodes.get(e.to);
    if (!to) return inlineCode("?");
    return to.label ? `${inlineCode(to.name)} (${inlineCode(to.label)})` : inlineCode(to.name);
  });
  const out = [`**grad_fn** ${inlineCode(`<${node.name}>`)}${node.module ? ` in ${inlineCode(node.module)}` : ""}`, ""];
  out.push(`next_functions: ${next.length > 0 ? next.join(", ") : "none"}`);
  if (node.saved.length > 0) {
    const saved = node.saved.map((s) => `${inlineCode(s.name)} ${torchSize(s.shape)}${s.freed ? " (freed by backward)" : ""}`);
    out.push("", `saved: ${saved.join(", ")}`);
  }
  return out;
}

export interface HoverInput {
  result: RunResult;
  binding: Binding;
  tensor: TensorInfo;
  stale: boolean;
  /** The document the hover is in (a URI string), for the panel link. */
  file: string;
}

/** The hover's Markdown. */
export function hoverMarkdown({ result, binding, tensor: t, stale, file }: HoverInput): string {
  const title = `${inlineCode(binding.name)}${t.isParameter ? " (Parameter)" : ""}: ${inlineCode(torchSize(t.shape))} ${inlineCode(`torch.${t.dtype}`)}`;
  const out: string[] = [stale ? `${title} — *stale: this line changed since the run*` : title, ""];
  const attrs = [
    `requires_grad ${inlineCode(pyBool(t.requiresGrad))}`,
    `is_leaf ${inlineCode(pyBool(t.isLeaf))}`,
    `grad_fn ${inlineCode(t.gradFn ? `<${t.gradFn}>` : "None")}`,
  ];
  if (t.retainsGrad) attrs.push(`retains_grad ${inlineCode("True")}`);
  out.push(attrs.join(" · "));
  if (t.modulePath) out.push("", `module ${inlineCode(t.modulePath)}`);
  if (binding.count > 1) out.push("", `assigned ${binding.count} times here; the last value is shown`);
  out.push("", ...printed("data", t.data.text, numelOf(t.shape), t.data.stats));
  if (t.grad) {
    out.push("", ...printed("grad", t.grad.text, numelOf(t.grad.shape), t.grad.stats));
  } else if (t.requiresGrad) {
    const why = t.isLeaf ? "no backward reached it" : "not a leaf: call retain_grad() to keep it";
    out.push("", `**grad** ${inlineCode("None")} (${why})`);
  }
  const node = nodeLines(result, t);
  if (node.length > 0) out.push("", ...node);
  out.push("", `[Show in Gradient Inspector panel](${commandLink({ file, tensorId: t.id })})`);
  return out.join("\n");
}
