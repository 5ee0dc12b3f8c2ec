// The instrumenting transformer: runs on the ORIGINAL TypeScript AST (a `before` transformer),
// so every position it records is a position in the user's file. It inserts calls to the
// runtime hooks in `hooks.ts` (reached as `__gi` in the evaluated module):
//   __gi.rec(value, site)          -> value       one binding (initializer or assignment)
//   __gi.m(site, v, site, v, ...)                 several bindings read after they happened
//   __gi.d(result, site, v, ...)   -> result      destructuring assignment, then its targets
//   __gi.f(1.0)                    -> FloatLiteral a float-spelled literal in a torch factory call
//   __gi.t()                                      loop guard: lets a time limit / Stop end a busy loop
//   __gi.th(value, throwSite)      -> value       remembers where a non-Error was thrown
// None of them changes a value, so what the program does and prints is unchanged.
// A plain require: esbuild would wrap a namespace import of this CommonJS package in getters,
// and the instrumenter calls ts.isX millions of times.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import ts = require("typescript");
import type { SourcePos } from "../protocol";
import { collectTorchImports, isFactoryCall, wrapFloatArgs } from "./float-literals";

export const HOOK = "__gi";

export interface Site extends SourcePos {
  name: string;
}

export interface InstrumentOptions {
  /** Insert binding recorders (the editor); the plain CLI run leaves them out. */
  record: boolean;
}

/** Filled while the transformer runs. */
export interface InstrumentTables {
  sites: Site[];
  throwSites: SourcePos[];
}

export function createInstrumenter(opts: InstrumentOptions, tables: InstrumentTables): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => new Instrumenter(context, sf, opts, tables).run();
}

type FunctionWithBody =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.SetAccessorDeclaration
  | ts.GetAccessorDeclaration;

class Instrumenter {
  private readonly f: ts.NodeFactory;
  private readonly torch: ReturnType<typeof collectTorchImports>;

  constructor(
    private readonly context: ts.TransformationContext,
    private readonly sf: ts.SourceFile,
    private readonly opts: InstrumentOptions,
    private readonly tables: InstrumentTables,
  ) {
    this.f = context.factory;
    this.torch = collectTorchImports(sf);
  }

  run(): ts.SourceFile {
    return ts.visitEachChild(this.sf, this.visit, this.context);
  }

  // ---- positions and hook calls -------------------------------------------------------------

  private pos(node: ts.Node): SourcePos {
    const start = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
    const end = this.sf.getLineAndCharacterOfPosition(node.getEnd());
    return { line: start.line + 1, column: start.character, endLine: end.line + 1, endColumn: end.character };
  }

  private site(id: ts.Identifier): number {
    this.tables.sites.push({ name: id.text, ...this.pos(id) });
    return this.tables.sites.length - 1;
  }

  private hook(name: string, args: ts.Expression[]): ts.CallExpression {
    const callee = this.f.createPropertyAccessExpression(this.f.createIdentifier(HOOK), name);
    return this.f.createCallExpression(callee, undefined, args);
  }

  private num(n: number): ts.NumericLiteral {
    return this.f.createNumericLiteral(n);
  }

  private rec(value: ts.Expression, id: ts.Identifier): ts.Expression {
    return this.hook("rec", [value, this.num(this.site(id))]);
  }

  /**
   * `__gi.m(site, name, ...)`, or null when there is nothing to record. Exported names have no
   * local binding in CommonJS output (`export const {a} = o` becomes `exports.a = o.a`).
   */
  private recordNames(ids: ts.Identifier[], exported = false): ts.Expression | null {
    if (!this.opts.record || ids.length === 0) return null;
    const args: ts.Expression[] = [];
    for (const id of ids) {
      const read = exported
        ? this.f.createPropertyAccessExpression(this.f.createIdentifier("exports"), id.text)
        : this.f.createIdentifier(id.text);
      args.push(this.num(this.site(id)), read);
    }
    return this.hook("m", args);
  }

  // ---- the visitor -------------------------------------------------------------------------

  private readonly visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
    if (ts.isVariableStatement(node)) return this.variableStatement(node);
    if (ts.isVariableDeclaration(node)) return this.variableDeclaration(node);
    if (ts.isBinaryExpression(node)) return this.binary(node);
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return this.forOfIn(node);
    if (ts.isForStatement(node)) return this.forStatement(node);
    if (ts.isWhileStatement(node)) {
      return this.f.updateWhileStatement(node, this.expr(node.expression), this.loopBody(node.statement, []));
    }
    if (ts.isDoStatement(node)) {
      return this.f.updateDoStatement(node, this.loopBody(node.statement, []), this.expr(node.expression));
    }
    if (ts.isCatchClause(node)) return this.catchClause(node);
    if (ts.isThrowStatement(node)) {
      this.tables.throwSites.push(this.pos(node));
      const site = this.num(this.tables.throwSites.length - 1);
      return this.f.updateThrowStatement(node, this.hook("th", [this.expr(node.expression), site]));
    }
    if (
      ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node)
    ) {
      return this.functionLike(node);
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isFactoryCall(node, this.torch)) {
      const visited = ts.visitEachChild(node, this.visit, this.context);
      return wrapFloatArgs(visited, this.sf, (lit) => this.hook("f", [lit]));
    }
    return ts.visitEachChild(node, this.visit, this.context);
  };

  private expr<T extends ts.Expression>(node: T): T;
  private expr<T extends ts.Expression>(node: T | undefined): T | undefined;
  private expr<T extends ts.Expression>(node: T | undefined): T | undefined {
    return node === undefined ? undefined : (ts.visitNode(node, this.visit) as T);
  }

  // ---- declarations ------------------------------------------------------------------------

  private variableStatement(node: ts.VariableStatement): ts.VisitResult<ts.Node> {
    if (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return node;
    const visited = ts.visitEachChild(node, this.visit, this.context);
    // Destructuring declarators cannot wrap a value per name: record the names right after.
    const ids: ts.Identifier[] = [];
    for (const d of node.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) collectBindingNames(d.name, ids);
    }
    const exported = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    // Exported from a namespace: the names live on the namespace object; not worth the rewrite.
    if (exported && !ts.isSourceFile(node.parent)) return visited;
    const rec = this.recordNames(ids, exported);
    return rec ? [visited, this.f.createExpressionStatement(rec)] : visited;
  }

  private variableDeclaration(node: ts.VariableDeclaration): ts.Node {
    const init = this.expr(node.initializer);
    if (!this.opts.record || !init || !ts.isIdentifier(node.name) || !mayHoldTensor(node.initializer)) {
      return this.f.updateVariableDeclaration(node, node.name, node.exclamationToken, node.type, init);
    }
    return this.f.updateVariableDeclaration(node, node.name, node.exclamationToken, node.type, this.rec(init, node.name));
  }

  // ---- assignments -------------------------------------------------------------------------

  private binary(node: ts.BinaryExpression): ts.Node {
    const op = node.operatorToken.kind;
    if (!isAssignmentOperator(op)) return ts.visitEachChild(node, this.visit, this.context);
    const left = node.left;
    if (op === ts.SyntaxKind.EqualsToken && (ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left))) {
      const target = this.target(left);
      const assign = this.f.updateBinaryExpression(node, target, node.operatorToken, this.expr(node.right));
      const ids: ts.Identifier[] = [];
      collectTargetNames(left, ids);
      if (!this.opts.record || ids.length === 0) return assign;
      const args: ts.Expression[] = [assign];
      for (const id of ids) args.push(this.num(this.site(id)), this.f.createIdentifier(id.text));
      return this.hook("d", args);
    }
    if (!this.opts.record || !ts.isIdentifier(left)) return ts.visitEachChild(node, this.visit, this.context);
    const right = this.expr(node.right);
    if (op === ts.SyntaxKind.EqualsToken || isLogicalAssignment(op)) {
      // `x = v`, `x ??= v`: record the value actually stored (logical ones only when they store).
      if (!mayHoldTensor(node.right)) return this.f.updateBinaryExpression(node, left, node.operatorToken, right);
      return this.f.updateBinaryExpression(node, left, node.operatorToken, this.rec(right, left));
    }
    // Compound (`x += v`): the expression's value is the new value of x.
    return this.rec(this.f.updateBinaryExpression(node, left, node.operatorToken, right), left);
  }

  /** Visits a destructuring-assignment target: defaults are expressions, names are not assignments. */
  private target(node: ts.Expression): ts.Expression {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return this.f.updateBinaryExpression(node, this.target(node.left), node.operatorToken, this.expr(node.right));
    }
    if (ts.isArrayLiteralExpression(node)) {
      return this.f.updateArrayLiteralExpression(node, node.elements.map((e) => this.target(e)));
    }
    if (ts.isObjectLiteralExpression(node)) {
      return this.f.updateObjectLiteralExpression(node, node.properties.map((p) => {
        if (ts.isPropertyAssignment(p)) {
          const name = ts.isComputedPropertyName(p.name) ? (ts.visitNode(p.name, this.visit) as ts.PropertyName) : p.name;
          return this.f.updatePropertyAssignment(p, name, this.target(p.initializer));
        }
        if (ts.isShorthandPropertyAssignment(p)) {
          return this.f.updateShorthandPropertyAssignment(p, p.name, this.expr(p.objectAssignmentInitializer));
        }
        if (ts.isSpreadAssignment(p)) return this.f.updateSpreadAssignment(p, this.target(p.expression));
        return p;
      }));
    }
    if (ts.isSpreadElement(node)) return this.f.updateSpreadElement(node, this.target(node.expression));
    if (ts.isParenthesizedExpression(node)) return this.f.updateParenthesizedExpression(node, this.target(node.expression));
    if (ts.isIdentifier(node)) return node;
    return this.expr(node);
  }

  // ---- loops -------------------------------------------------------------------------------

  private loopBody(body: ts.Statement, prefix: ts.Expression[]): ts.Statement {
    const visited = ts.visitNode(body, this.visit, ts.isStatement);
    const first = [this.hook("t", []), ...prefix].map((e) => this.f.createExpressionStatement(e));
    if (ts.isBlock(visited)) return this.f.updateBlock(visited, [...first, ...visited.statements]);
    return this.f.createBlock([...first, visited], true);
  }

  private forOfIn(node: ts.ForOfStatement | ts.ForInStatement): ts.Node {
    const ids: ts.Identifier[] = [];
    let init: ts.ForInitializer;
    if (ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) collectBindingNames(d.name, ids);
      init = ts.visitNode(node.initializer, this.visit) as ts.ForInitializer;
    } else {
      collectTargetNames(node.initializer, ids);
      init = this.target(node.initializer);
    }
    const rec = this.recordNames(ids);
    const body = this.loopBody(node.statement, rec ? [rec] : []);
    const expression = this.expr(node.expression);
    return ts.isForOfStatement(node)
      ? this.f.updateForOfStatement(node, node.awaitModifier, init, expression, body)
      : this.f.updateForInStatement(node, init, expression, body);
  }

  private forStatement(node: ts.ForStatement): ts.Node {
    const ids: ts.Identifier[] = [];
    if (node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) if (!ts.isIdentifier(d.name)) collectBindingNames(d.name, ids);
    }
    const rec = this.recordNames(ids);
    const init = node.initializer ? (ts.visitNode(node.initializer, this.visit) as ts.ForInitializer) : undefined;
    return this.f.updateForStatement(node, init, this.expr(node.condition), this.expr(node.incrementor),
      this.loopBody(node.statement, rec ? [rec] : []));
  }

  // ---- catch and functions -----------------------------------------------------------------

  private catchClause(node: ts.CatchClause): ts.Node {
    const block = ts.visitNode(node.block, this.visit, ts.isBlock);
    const ids: ts.Identifier[] = [];
    if (node.variableDeclaration) collectBindingNames(node.variableDeclaration.name, ids);
    const rec = this.recordNames(ids);
    const decl = node.variableDeclaration
      ? this.f.updateVariableDeclaration(node.variableDeclaration, node.variableDeclaration.name, undefined,
        node.variableDeclaration.type, undefined)
      : undefined;
    const body = rec ? this.f.updateBlock(block, [this.f.createExpressionStatement(rec), ...block.statements]) : block;
    return this.f.updateCatchClause(node, decl, body);
  }

  private functionLike(node: FunctionWithBody): ts.Node {
    const visited = ts.visitEachChild(node, this.visit, this.context) as FunctionWithBody;
    if (!visited.body) return visited;
    const ids: ts.Identifier[] = [];
    for (const p of node.parameters) {
      if (ts.isIdentifier(p.name) && p.name.text === "this") continue;
      collectBindingNames(p.name, ids);
    }
    const rec = this.recordNames(ids);
    if (!rec) return visited;
    if (ts.isArrowFunction(visited) && !ts.isBlock(visited.body)) {
      const body = this.f.createParenthesizedExpression(this.f.createComma(rec, visited.body));
      return this.f.updateArrowFunction(visited, visited.modifiers, visited.typeParameters, visited.parameters,
        visited.type, visited.equalsGreaterThanToken, body);
    }
    const block = visited.body as ts.Block;
    // Directive prologues ("use strict") must stay first.
    let at = 0;
    while (at < block.statements.length && isDirective(block.statements[at])) at++;
    const statements = [...block.statements.slice(0, at), this.f.createExpressionStatement(rec), ...block.statements.slice(at)];
    return replaceBody(this.f, visited, this.f.updateBlock(block, statements));
  }
}

function replaceBody(f: ts.NodeFactory, n: FunctionWithBody, body: ts.Block): ts.Node {
  if (ts.isFunctionDeclaration(n)) {
    return f.updateFunctionDeclaration(n, n.modifiers, n.asteriskToken, n.name, n.typeParameters, n.parameters, n.type, body);
  }
  if (ts.isFunctionExpression(n)) {
    return f.updateFunctionExpression(n, n.modifiers, n.asteriskToken, n.name, n.typeParameters, n.parameters, n.type, body);
  }
  if (ts.isArrowFunction(n)) {
    return f.updateArrowFunction(n, n.modifiers, n.typeParameters, n.parameters, n.type, n.equalsGreaterThanToken, body);
  }
  if (ts.isMethodDeclaration(n)) {
    return f.updateMethodDeclaration(n, n.modifiers, n.asteriskToken, n.name, n.questionToken, n.typeParameters,
      n.parameters, n.type, body);
  }
  if (ts.isConstructorDeclaration(n)) return f.updateConstructorDeclaration(n, n.modifiers, n.parameters, body);
  if (ts.isSetAccessorDeclaration(n)) return f.updateSetAccessorDeclaration(n, n.modifiers, n.name, n.parameters, body);
  return f.updateGetAccessorDeclaration(n, n.modifiers, n.name, n.parameters, n.type, body);
}

function isDirective(s: ts.Statement): boolean {
  return ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
}

function isAssignmentOperator(op: ts.SyntaxKind): boolean {
  return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
}

function isLogicalAssignment(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken ||
    op === ts.SyntaxKind.QuestionQuestionEqualsToken;
}

/**
 * False for values that can never be a tensor. Wrapping a function or class expression would also
 * lose the name JavaScript infers from the binding (`const Net = class ...` prints as `Net`).
 */
function mayHoldTensor(node: ts.Expression | undefined): boolean {
  let e = node;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e))) {
    e = e.expression;
  }
  if (!e) return false;
  switch (e.kind) {
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.ObjectLiteralExpression:
      return false;
    default:
      return true;
  }
}

/** Names bound by a declaration's name (identifier or nested pattern, with defaults and rest). */
export function collectBindingNames(name: ts.BindingName, out: ts.Identifier[]): void {
  if (ts.isIdentifier(name)) {
    out.push(name);
    return;
  }
  for (const el of name.elements) {
    if (ts.isBindingElement(el)) collectBindingNames(el.name, out);
  }
}

/** Plain names assigned by a destructuring-assignment target (property targets are not bindings). */
export function collectTargetNames(node: ts.Node, out: ts.Identifier[]): void {
  if (ts.isIdentifier(node)) {
    out.push(node);
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    collectTargetNames(node.left, out);
  } else if (ts.isArrayLiteralExpression(node)) {
    for (const e of node.elements) collectTargetNames(e, out);
  } else if (ts.isObjectLiteralExpression(node)) {
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p)) collectTargetNames(p.initializer, out);
      else if (ts.isShorthandPropertyAssignment(p)) out.push(p.name);
      else if (ts.isSpreadAssignment(p)) collectTargetNames(p.expression, out);
    }
  } else if (ts.isSpreadElement(node) || ts.isParenthesizedExpression(node)) {
    collectTargetNames(node.expression, out);
  } else if (ts.isVariableDeclarationList(node)) {
    for (const d of node.declarations) collectBindingNames(d.name, out);
  }
}
