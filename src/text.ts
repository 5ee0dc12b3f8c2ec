// Wording shared by the extension (notifications, status bar) and the panel, so both say the same.

/** "1 tensor", "2 tensors", "0 graph nodes". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
