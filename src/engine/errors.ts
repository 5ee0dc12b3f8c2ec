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

/**
 * Python's warnings.warn(..., UserWarning) as PyTorch emits it, to stderr, once per message.
 * Python prefixes the user's file:line; the runner installs a locator that finds it from the stack.
 */
const warned = new Set<string>();
let locate: () => string | null = () => null;
export function setWarningLocator(f: () => string | null): void { locate = f; }
export function warnOnce(message: string, category = "UserWarning"): void {
  // Python's default filter shows a warning once per source location; without a location, every time.
  const where = locate();
  const key = `${where}\u0000${message}`;
  if (where && warned.has(key)) return;
  warned.add(key);
  process.stderr.write(`${where ? where + ": " : ""}${category}: ${message}\n`);
}
export function resetWarnings(): void { warned.clear(); }
