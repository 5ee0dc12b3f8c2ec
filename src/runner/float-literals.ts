// JavaScript has one number type; PyTorch infers dtype from Python's int/float distinction.
// In a torch factory call, a literal SPELLED as a float (`1.0`, `2.`, `1e-3`) is a Python float:
// we wrap it as `__gi.f(1.0)` so the engine sees a FloatLiteral marker (see ENGINE-SURFACE.md).
// Only "data positions" are wrapped (direct arguments, array elements, unary minus/plus, parens,
// type assertions): a literal inside arithmetic (`x * 2.0`) stays a plain number.
// A plain require: esbuild would wrap a namespace import of this CommonJS package in getters,
// and the instrumenter calls ts.isX millions of times.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import ts = require("typescript");

/** Factory functions whose numeric arguments follow Python's int/float inference. */
export const FACTORIES: ReadonlySet<string> = new Set([
  "tensor", "as_tensor", "Tensor", "FloatTensor", "DoubleTensor", "LongTensor", "scalar_tensor",
  "arange", "range", "full", "full_like", "linspace", "logspace", "ones", "zeros", "empty", "eye",
  "ones_like", "zeros_like", "empty_like", "rand", "randn", "randint", "rand_like", "randn_like",
  "randint_like", "normal",
]);

export interface TorchImports {
  /** Local names bound to the whole module: `import * as torch`, `import torch`, `import torch = require(...)`. */
  namespaces: Set<string>;
  /** Local names of named factory imports (`import { tensor as t } from "torch"` -> "t"). */
  factories: Set<string>;
}

export function collectTorchImports(sf: ts.SourceFile): TorchImports {
  const out: TorchImports = { namespaces: new Set(), factories: new Set() };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === "torch") {
      const clause = s.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) out.namespaces.add(clause.name.text);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.namespaces.add(nb.name.text);
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          if (FACTORIES.has((el.propertyName ?? el.name).text)) out.factories.add(el.name.text);
        }
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
      const ref = s.moduleReference.expression;
      if (ts.isStringLiteral(ref) && ref.text === "torch") out.namespaces.add(s.name.text);
    }
  }
  return out;
}

export function isFactoryCall(node: ts.CallExpression | ts.NewExpression, imports: TorchImports): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return imports.factories.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
    imports.namespaces.has(callee.expression.text) && FACTORIES.has(callee.name.text);
}

/** `1.0`, `2.`, `1e-3`, `.5` but not `1`, `0x1E`, `0b1`, `1n`. */
export function isFloatSpelled(text: string): boolean {
  if (/^0[xXbBoO]/.test(text) || text.endsWith("n")) return false;
  return /[.eE]/.test(text);
}

/**
 * Rewrites the float-spelled literals in the (already visited) call's arguments. Spellings are read
 * from the user's source text, since the AST normalises `1.0` to "1".
 */
export function wrapFloatArgs<T extends ts.CallExpression | ts.NewExpression>(
  visited: T, sf: ts.SourceFile, wrap: (lit: ts.Expression) => ts.Expression,
): T {
  const f = ts.factory;
  const spelled = (lit: ts.NumericLiteral): boolean => {
    const o = ts.getOriginalNode(lit);
    if (o.pos < 0 || o.end > sf.text.length) return false;
    return isFloatSpelled(sf.text.slice(o.getStart(sf), o.end));
  };
  const data = (e: ts.Expression): ts.Expression => {
    if (ts.isNumericLiteral(e)) return spelled(e) ? wrap(e) : e;
    if (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand) &&
      (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)) {
      return spelled(e.operand) ? wrap(e) : e;
    }
    if (ts.isArrayLiteralExpression(e)) return f.updateArrayLiteralExpression(e, e.elements.map(data));
    if (ts.isParenthesizedExpression(e)) return f.updateParenthesizedExpression(e, data(e.expression));
    if (ts.isAsExpression(e)) return f.updateAsExpression(e, data(e.expression), e.type);
    if (ts.isSatisfiesExpression(e)) return f.updateSatisfiesExpression(e, data(e.expression), e.type);
    return e;
  };
  const args = visited.arguments?.map(data);
  if (ts.isCallExpression(visited)) {
    return f.updateCallExpression(visited, visited.expression, visited.typeArguments, args ?? []) as T;
  }
  return f.updateNewExpression(visited as ts.NewExpression, visited.expression, visited.typeArguments, args) as T;
}
