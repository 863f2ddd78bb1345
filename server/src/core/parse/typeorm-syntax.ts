/**
 * TypeORM entity files, syntax only: the TypeScript parser (`ts.createSourceFile`, no Program, no type checker)
 * reads classes, their decorators and properties, enums and imports into plain data. Decorator arguments become
 * static values (literals, arrays, object literals, arrow functions, names): nothing is evaluated, imported or
 * run. Lowering to facts (which needs the other files of the project) is `typeorm.ts`'s.
 */
import * as ts from 'typescript';
import type { Span } from '../model/types';
import { collectComments } from './ts-comments';

/** A decorator argument or option value, as written. */
export type Value =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: number; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'null'; span: Span }
  /**
   * `Customer`, `OrderType.Regular`, `c.orders`: a name or a property access chain. `from`: the module of a
   * `require(<module>).Customer` written to break an import cycle (read, never run).
   */
  | { kind: 'ref'; path: string[]; from?: string; span: Span }
  | { kind: 'array'; items: Value[]; span: Span }
  | { kind: 'object'; props: Prop[]; span: Span }
  /** `() => Customer`, `type => Customer`, `(c) => c.orders`, `() => 'now()'`, `function () { return X; }`. */
  | { kind: 'arrow'; params: string[]; body: Value; span: Span }
  | { kind: 'other'; span: Span };

export interface Prop {
  key: string;
  value: Value;
  /** The whole `key: value` (for `nullable: true` as a part). */
  span: Span;
}

/**
 * What `emitDecoratorMetadata` would record as the property's `design:type` (TypeORM's type when none is given):
 * a constructor name, or a type name to look up (an enum is a String or a Number, anything else an Object).
 */
export type Reflected = 'String' | 'Number' | 'Boolean' | 'Date' | 'Buffer' | 'Array' | 'Object' | { ref: string; qualifier?: string };

export interface Decorator {
  /** The imported name (`import { Column as C }` → `Column`; `@orm.Column()` → `Column`). */
  name: string;
  /** Imported from `typeorm` (or not imported at all): a TypeORM decorator when its name is one. */
  typeorm: boolean;
  args: Value[];
  /** `@` to the closing parenthesis. */
  span: Span;
}

export interface Member {
  name: string;
  nameSpan: Span;
  /** The declaration with its decorators. */
  span: Span;
  decorators: Decorator[];
  type?: { span: Span; reflected: Reflected };
}

export interface ClassDecl {
  name: string;
  nameSpan: Span;
  /** The declaration with its decorators. */
  span: Span;
  exported: boolean;
  exportedDefault: boolean;
  /** The base class as written in `extends Base<T>` / `extends ns.Base` (a mixin call is not followed). */
  extends?: string[];
  decorators: Decorator[];
  members: Member[];
  /** The closing brace is missing: the class is being typed and more members may follow. */
  unclosed: boolean;
}

export interface EnumDecl {
  name: string;
  exported: boolean;
  /** Member name → value; undefined when a member's value is computed. */
  members?: { name: string; value: string | number }[];
}

export interface ImportBinding {
  /** The module specifier as written. */
  from: string;
  /** The exported name, `default`, or `*` for a namespace import. */
  imported: string;
}

export interface ReExport {
  from: string;
  /** exported name → name in `from`; undefined for `export * from`. */
  names?: Map<string, string>;
}

export interface EntityFile {
  path: string;
  text: string;
  classes: ClassDecl[];
  enums: EnumDecl[];
  /** Local name → where it comes from. */
  imports: Map<string, ImportBinding>;
  /** `export { A as B }` of local declarations: exported name → local name. */
  localExports: Map<string, string>;
  reExports: ReExport[];
  /** Every line and block comment. */
  comments: Span[];
}

/** A NUL in the first 8 KB: a binary file, which TypeScript would read as noise. */
const BINARY_PROBE = 8192;

/** Reads an entity file. Never throws: what cannot be read is left out. */
export function parseEntityFile(path: string, text: string): EntityFile {
  const file: EntityFile = { path, text, classes: [], enums: [], imports: new Map(), localExports: new Map(), reExports: [], comments: [] };
  if (text.slice(0, BINARY_PROBE).includes('\0')) return file;
  try {
    new Reader(sourceFile(path, text), file).read();
  } catch {
    // The parser recovers from any text; this guards the walk over what it made of it.
  }
  return file;
}

function scriptKind(path: string): ts.ScriptKind {
  const p = path.toLowerCase();
  if (p.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?js$/.test(p)) return ts.ScriptKind.JS;
  if (p.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.TS;
}

/** The syntax tree of `text` alone: no Program, no type checker, no other file read. */
export function sourceFile(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind(path));
}

class Reader {
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly out: EntityFile,
  ) {}

  read(): void {
    for (const st of this.sf.statements) {
      if (ts.isImportDeclaration(st)) this.importDecl(st);
      else if (ts.isExportDeclaration(st)) this.exportDecl(st);
      else if (ts.isClassDeclaration(st)) this.classDecl(st);
      else if (ts.isEnumDeclaration(st)) this.enumDecl(st);
    }
    this.out.comments = collectComments(this.sf);
  }

  private span(n: ts.Node): Span {
    return { start: n.getStart(this.sf), end: n.end };
  }

  private importDecl(st: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(st.moduleSpecifier)) return;
    const from = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (!clause) return;
    if (clause.name) this.out.imports.set(clause.name.text, { from, imported: 'default' });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) this.out.imports.set(nb.name.text, { from, imported: '*' });
    else if (nb) for (const el of nb.elements) this.out.imports.set(el.name.text, { from, imported: (el.propertyName ?? el.name).text });
  }

  private exportDecl(st: ts.ExportDeclaration): void {
    const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
    const clause = st.exportClause;
    if (from !== undefined) {
      if (!clause) this.out.reExports.push({ from });
      else if (ts.isNamedExports(clause)) this.out.reExports.push({ from, names: new Map(clause.elements.map((e) => [e.name.text, (e.propertyName ?? e.name).text])) });
      return;
    }
    if (clause && ts.isNamedExports(clause)) for (const e of clause.elements) this.out.localExports.set(e.name.text, (e.propertyName ?? e.name).text);
  }

  private classDecl(c: ts.ClassDeclaration): void {
    if (!c.name) return;
    const mods = c.modifiers ?? [];
    const exported = mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const heritage = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const decl: ClassDecl = {
      name: c.name.text,
      nameSpan: this.span(c.name),
      span: this.span(c),
      exported,
      exportedDefault: exported && mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword),
      decorators: this.decorators(c),
      members: [],
      unclosed: !this.closed(c),
    };
    const base = heritage && refPath(heritage);
    if (base) decl.extends = base;
    for (const m of c.members) {
      if (!ts.isPropertyDeclaration(m)) continue;
      const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
      if (name === undefined) continue;
      const member: Member = { name, nameSpan: this.span(m.name), span: this.span(m), decorators: this.decorators(m) };
      if (m.type) member.type = { span: this.span(m.type), reflected: reflect(m.type) };
      decl.members.push(member);
    }
    this.out.classes.push(decl);
  }

  /** Did the parser find the class's closing brace? A brace it had to make up is empty. */
  private closed(c: ts.ClassDeclaration): boolean {
    const kids = c.getChildren(this.sf);
    const last = kids[kids.length - 1];
    return !!last && last.kind === ts.SyntaxKind.CloseBraceToken && last.end > last.pos;
  }

  private enumDecl(e: ts.EnumDeclaration): void {
    const exported = (e.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const members: { name: string; value: string | number }[] = [];
    let next: number | undefined = 0;
    let computed = false;
    for (const m of e.members) {
      const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
      if (name === undefined) {
        computed = true;
        break;
      }
      const v = m.initializer ? this.value(m.initializer) : undefined;
      if (!m.initializer && next !== undefined) {
        members.push({ name, value: next++ });
      } else if (v?.kind === 'string') {
        members.push({ name, value: v.value });
        next = undefined; // a member after a string one needs its own initializer
      } else if (v?.kind === 'number') {
        members.push({ name, value: v.value });
        next = v.value + 1;
      } else {
        computed = true;
        break;
      }
    }
    this.out.enums.push({ name: e.name.text, exported, members: computed ? undefined : members });
  }

  private decorators(n: ts.HasDecorators): Decorator[] {
    const out: Decorator[] = [];
    for (const d of ts.getDecorators(n) ?? []) {
      let callee: ts.Expression = d.expression;
      let args: readonly ts.Expression[] = [];
      if (ts.isCallExpression(callee)) {
        args = callee.arguments;
        callee = callee.expression;
      }
      let local: string | undefined;
      let typeorm: boolean;
      if (ts.isIdentifier(callee)) {
        local = callee.text;
        const b = this.out.imports.get(local);
        typeorm = !b || isTypeormModule(b.from);
        if (b && b.imported !== '*' && b.imported !== 'default') local = b.imported;
      } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        local = callee.name.text;
        const b = this.out.imports.get(callee.expression.text);
        typeorm = !!b && b.imported === '*' && isTypeormModule(b.from);
      } else {
        continue;
      }
      out.push({ name: local, typeorm, args: args.map((a) => this.value(a)), span: this.span(d) });
    }
    return out;
  }

  private value(e: ts.Expression): Value {
    const span = this.span(e);
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) {
      return this.value(e.expression);
    }
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'string', value: e.text, span };
    if (ts.isNumericLiteral(e)) return { kind: 'number', value: Number(e.text), span };
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) {
      return { kind: 'number', value: -Number(e.operand.text), span };
    }
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: e.kind === ts.SyntaxKind.TrueKeyword, span };
    if (e.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null', span };
    const path = refPath(e);
    if (path) return { kind: 'ref', path, span };
    const required = requiredName(e);
    if (required) return { kind: 'ref', path: [required.name], from: required.from, span };
    if (ts.isArrayLiteralExpression(e)) return { kind: 'array', items: e.elements.map((x) => this.value(x)), span };
    if (ts.isObjectLiteralExpression(e)) {
      const props: Prop[] = [];
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) {
          const key = propKey(p.name);
          if (key !== undefined) props.push({ key, value: this.value(p.initializer), span: this.span(p) });
        } else if (ts.isShorthandPropertyAssignment(p)) {
          props.push({ key: p.name.text, value: { kind: 'ref', path: [p.name.text], span: this.span(p.name) }, span: this.span(p) });
        }
      }
      return { kind: 'object', props, span };
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      const params = e.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
      const body = functionResult(e.body);
      return { kind: 'arrow', params, body: body ? this.value(body) : { kind: 'other', span }, span };
    }
    return { kind: 'other', span };
  }
}

function isTypeormModule(from: string): boolean {
  return from === 'typeorm' || from.startsWith('typeorm/');
}

function propKey(n: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  return undefined;
}

function refPath(e: ts.Expression): string[] | undefined {
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const head = refPath(e.expression);
    return head ? [...head, e.name.text] : undefined;
  }
  if (e.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  return undefined;
}

/** `require(<string>).Name`: the module and the name. */
function requiredName(e: ts.Expression): { from: string; name: string } | undefined {
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.name) || !ts.isCallExpression(e.expression)) return undefined;
  const call = e.expression;
  const spec = call.arguments[0];
  if (!ts.isIdentifier(call.expression) || call.expression.text !== 'require' || call.arguments.length !== 1 || !ts.isStringLiteral(spec)) return undefined;
  return { from: spec.text, name: e.name.text };
}

/** The expression an arrow or function returns: its expression body, or the single `return x;` of its block. */
function functionResult(body: ts.ConciseBody): ts.Expression | undefined {
  if (!ts.isBlock(body)) return body;
  const ret = body.statements.length === 1 ? body.statements[0] : undefined;
  return ret && ts.isReturnStatement(ret) ? ret.expression : undefined;
}

/**
 * `design:type` as TypeScript emits it, for a property whose type is written: keywords and literals to their
 * constructor, arrays to Array, `T | null | undefined` to T (the rule without strictNullChecks, the only one under
 * which such a property works without a `type`), a union of different types to Object, a name to look up.
 */
function reflect(t: ts.TypeNode): Reflected {
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.TemplateLiteralType:
      return 'String';
    case ts.SyntaxKind.NumberKeyword:
      return 'Number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'Boolean';
    case ts.SyntaxKind.ArrayType:
    case ts.SyntaxKind.TupleType:
      return 'Array';
    case ts.SyntaxKind.ParenthesizedType:
      return reflect((t as ts.ParenthesizedTypeNode).type);
  }
  if (ts.isLiteralTypeNode(t)) {
    const l = t.literal;
    if (ts.isStringLiteral(l) || ts.isNoSubstitutionTemplateLiteral(l)) return 'String';
    if (ts.isNumericLiteral(l) || ts.isPrefixUnaryExpression(l)) return 'Number';
    if (l.kind === ts.SyntaxKind.TrueKeyword || l.kind === ts.SyntaxKind.FalseKeyword) return 'Boolean';
    return 'Object';
  }
  if (ts.isUnionTypeNode(t)) {
    let one: Reflected | undefined;
    for (const m of t.types) {
      if (m.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword)) continue;
      const r = reflect(m);
      if (r === 'Object') return 'Object';
      if (one !== undefined && JSON.stringify(one) !== JSON.stringify(r)) return 'Object';
      one = r;
    }
    return one ?? 'Object';
  }
  if (ts.isTypeReferenceNode(t)) {
    const name = ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
    switch (name) {
      case 'String':
      case 'Number':
      case 'Boolean':
      case 'Date':
      case 'Buffer':
      case 'Array':
        return name;
      case 'ReadonlyArray':
        return 'Array';
    }
    if (ts.isIdentifier(t.typeName)) return { ref: name };
    // `ns.Status`, or an enum member type `Status.Active` (its enum's kind): the qualifier is looked up too.
    const left = t.typeName.left;
    return { ref: name, qualifier: ts.isIdentifier(left) ? left.text : left.right.text };
  }
  return 'Object';
}
