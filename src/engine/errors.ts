// PyTorch raises RuntimeError, IndexError, TypeError and ValueError; users (and the runner's
// error reports) see these names, so engine errors carry them as `name`.
export class RuntimeError extends Error {
  constructor(message: string) { super(message); this.name = "RuntimeError"; }
}
export class IndexError extends Error {
  constructor(message: string) { super(message); this.name = "IndexError"; }
}
export class ValueError extends Error {
  constructor(message: string) { super(message); this.name = "ValueError"; }
}
export class TorchTypeError extends TypeError {
  constructor(message: string) { super(message); this.name = "TypeError"; }
}
export class NotImplementedError extends Error {
  constructor(message: string) { super(message); this.name = "NotImplementedError"; }
}

/** Python's warnings.warn(..., UserWarning) as PyTorch emits it: once per call site text, to stderr. */
const warned = new Set<string>();
export function warnOnce(where: string, message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`${where}: UserWarning: ${message}\n`);
}
export function resetWarnings(): void { warned.clear(); }
