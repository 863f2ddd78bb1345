/**
 * The query tree of an ORM find call (Prisma's `findMany({ where, orderBy, … })`, TypeORM's `find({ where, order,
 * … })`), built from the call's object literals into the neutral tree of parse/query.ts. Each node's SQL is written
 * as it is built (see app-queries-sql.ts), so `lowerQuery` gives the comparisons their SQL text and every span is
 * carried back to the script: a comparison to its `field: value` property, a sort key to its `orderBy` entry.
 */
import type * as TS from 'typescript';
import type { Dialect, QueryDef, Span } from '../model/types';
import { lowerQuery, type QExpr, type QFrom, type QSelect } from './query';
import type { OrmModel, OrmRelation } from './app-queries-models';
import { SqlWriter, tsApi } from './app-queries-sql';

/** A table of the block being built: a model under an alias. */
export interface Scope {
  model: OrmModel;
  alias: string;
  /** Its table reference in the script (the callee, a relation property). */
  at: Span;
}

/** Strips what does not change a value: parentheses, `as`, `!`, `satisfies`. */
export function unwrap(ts: typeof TS, n: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}

/** A property's name when it is written as a name or a string (`email`, `'email'`); undefined when computed. */
function keyOf(ts: typeof TS, p: TS.ObjectLiteralElementLike): string | undefined {
  const n = p.name;
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return undefined;
}

/** The value of a property: `key: value`, or the name itself for the shorthand `{ email }`. */
function valueOf(ts: typeof TS, p: TS.ObjectLiteralElementLike): TS.Expression | undefined {
  if (ts.isPropertyAssignment(p)) return unwrap(ts, p.initializer);
  if (ts.isShorthandPropertyAssignment(p)) return p.name;
  return undefined;
}

/** The `key: value` properties of an object literal, in order (spreads and methods skipped). */
export function props(ts: typeof TS, o: TS.Node | undefined): { key: string; value: TS.Expression; node: TS.ObjectLiteralElementLike }[] {
  if (!o || !ts.isObjectLiteralExpression(o)) return [];
  const out: { key: string; value: TS.Expression; node: TS.ObjectLiteralElementLike }[] = [];
  for (const p of o.properties) {
    const key = keyOf(ts, p);
    const value = valueOf(ts, p);
    if (key !== undefined && value) out.push({ key, value, node: p });
  }
  return out;
}

export function prop(ts: typeof TS, o: TS.Node | undefined, key: string): { key: string; value: TS.Expression; node: TS.ObjectLiteralElementLike } | undefined {
  return props(ts, o).find((p) => p.key === key);
}

/** Builds the tree of one call: its tables, its comparisons and sort keys, its SQL as it goes. */
export class FindBuilder {
  readonly ts = tsApi();
  readonly w: SqlWriter;
  private aliases = 0;

  constructor(
    readonly sf: TS.SourceFile,
    /** The models the call's relations name their targets in (Prisma's or TypeORM's). */
    readonly byName: Map<string, OrmModel>,
    readonly dialect: Dialect,
    call: Span,
  ) {
    this.w = new SqlWriter(dialect, call);
  }

  span(n: TS.Node): Span {
    return { start: n.getStart(this.sf), end: n.end };
  }

  alias(): string {
    return `t${this.aliases++}`;
  }

  /** A new query over `model`, its table reference at `at` (the callee of the call). */
  query(kind: QSelect['kind'], model: OrmModel, at: Span): FindQuery {
    return new FindQuery(this, kind, { model, alias: this.alias(), at });
  }

  /** A column of a scope; its SQL stands for `file`. */
  col(scope: Scope, column: string, file: Span): QExpr {
    // A query builder's update or delete may have no alias: its columns are then unqualified.
    const span = this.w.emit(scope.alias ? `${this.w.quote(scope.alias)}.${this.w.quote(column)}` : this.w.quote(column), file);
    this.w.tie(span, file);
    return scope.alias ? { k: 'col', qualifier: scope.alias, name: column, span } : { k: 'col', name: column, span };
  }

  /**
   * A value of the script: a literal as itself, anything else (a variable, a call, an enum member) as the
   * parameter the ORM sends for it; undefined for `undefined` (both ORMs skip the filter then).
   */
  value(node: TS.Expression): QExpr | undefined {
    const ts = this.ts;
    const n = unwrap(ts, node);
    const file = this.span(n);
    const lit = (type: 'string' | 'number' | 'bool' | 'null', value: string, sql: string): QExpr => {
      const span = this.w.emit(sql, file);
      this.w.tie(span, file);
      return { k: 'lit', type, value, span };
    };
    if (ts.isIdentifier(n) && n.text === 'undefined') return undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return lit('string', n.text, this.w.literal(n.text));
    if (ts.isNumericLiteral(n)) return lit('number', n.text, n.text);
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(n.operand)) return lit('number', `-${n.operand.text}`, `-${n.operand.text}`);
    if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword) {
      const v = n.kind === ts.SyntaxKind.TrueKeyword ? 'true' : 'false';
      return lit('bool', v, v);
    }
    if (n.kind === ts.SyntaxKind.NullKeyword) return lit('null', 'NULL', 'NULL');
    const span = this.w.param(file);
    this.w.tie(span, file);
    return { k: 'param', span };
  }

  /**
   * A LIKE pattern of the script: a template literal (`\`%${q}%\``) as the concatenation of its text and its
   * substitutions (so a pattern that starts with `%` is seen to), anything else as a value.
   */
  pattern(node: TS.Expression): QExpr | undefined {
    const ts = this.ts;
    const n = unwrap(ts, node);
    if (!ts.isTemplateExpression(n)) return this.value(n);
    const file = this.span(n);
    const concat = this.dialect === 'mysql';
    const start = this.w.pos;
    if (concat) this.w.emit('CONCAT(');
    const parts: QExpr[] = [];
    const add = (e: QExpr) => {
      if (parts.length) this.w.emit(concat ? ', ' : ' || ');
      parts.push(e);
    };
    if (n.head.text) add(this.text('string', n.head.text, file));
    for (const span of n.templateSpans) {
      add({ k: 'param', span: this.w.param(this.span(span.expression)) });
      if (span.literal.text) add(this.text('string', span.literal.text, file));
    }
    if (concat) this.w.emit(')');
    const span = { start, end: this.w.pos };
    return concat ? { k: 'fn', name: 'CONCAT', args: parts, span } : { k: 'op', op: '||', args: parts, span };
  }

  /** A literal the ORM writes itself (Prisma's `%` around a `contains` parameter). */
  text(type: 'string', value: string, file: Span): QExpr {
    return { k: 'lit', type, value, span: this.w.emit(this.w.literal(value), file) };
  }

  /**
   * `left <op> right`, written in that order; the whole stands for `file`. `build` returns the operands (and may
   * return undefined, writing nothing).
   */
  op(op: string, file: Span, build: (glue: (sql: string) => void) => QExpr[] | undefined): QExpr | undefined {
    const mark = this.w.mark();
    const args = build((sql) => this.w.emit(sql));
    if (!args) {
      this.w.reset(mark);
      return undefined;
    }
    const span = { start: mark.pos, end: this.w.pos };
    this.w.tie(span, file);
    return { k: 'op', op, args, span };
  }

  /**
   * `a <op> b` for a column and a script value (read by `value`, or `pattern` for a LIKE); undefined (nothing
   * written) when the value is `undefined`.
   */
  compare(op: string, left: () => QExpr, right: TS.Expression, file: Span, read: (n: TS.Expression) => QExpr | undefined = (n) => this.value(n)): QExpr | undefined {
    return this.op(op, file, (glue) => {
      const l = left();
      glue(` ${op} `);
      const r = read(right);
      return r ? [l, r] : undefined;
    });
  }

  /** `(a AND b AND …)` / `(a OR b …)` over the parts that yield something; a single part alone. */
  group(op: 'AND' | 'OR', file: Span, parts: (() => QExpr | undefined)[]): QExpr | undefined {
    const mark = this.w.mark();
    this.w.emit('(');
    const args: QExpr[] = [];
    for (const part of parts) {
      const before = this.w.mark();
      if (args.length) this.w.emit(` ${op} `);
      const e = part();
      if (e) args.push(e);
      else this.w.reset(before);
    }
    if (!args.length) {
      this.w.reset(mark);
      return undefined;
    }
    this.w.emit(')');
    if (args.length === 1) return args[0];
    const span = { start: mark.pos, end: this.w.pos };
    this.w.tie(span, file);
    return { k: 'op', op, args, span };
  }

  /**
   * A where object: the AND of what `each` makes of its properties; an array of them: `arrays` (Prisma ANDs them,
   * TypeORM ORs them). Undefined for anything else (a variable holding a filter built elsewhere).
   */
  where(node: TS.Expression, arrays: 'AND' | 'OR', each: (p: { key: string; value: TS.Expression; node: TS.ObjectLiteralElementLike }, file: Span) => QExpr | undefined): QExpr | undefined {
    const ts = this.ts;
    const n = unwrap(ts, node);
    if (ts.isArrayLiteralExpression(n)) return this.group(arrays, this.span(n), n.elements.map((e) => () => this.where(e, arrays, each)));
    if (!ts.isObjectLiteralExpression(n)) return undefined;
    return this.group('AND', this.span(n), props(ts, n).map((p) => () => each(p, this.span(p.node))));
  }

  /** `NOT (…)`. */
  not(file: Span, inner: () => QExpr | undefined): QExpr | undefined {
    return this.op('NOT', file, (glue) => {
      glue('NOT ');
      const e = inner();
      return e ? [e] : undefined;
    });
  }

  /** A placeholder standing for a script range (a table reference, a whole call): its SQL span. */
  place(file: Span, sql = ''): Span {
    const span = this.w.emit(sql || ' ', file);
    this.w.tie(span, file);
    return span;
  }

  /** Comparisons that are a prefix `LIKE` whatever the value (Prisma's `startsWith` of a variable), by script range. */
  private prefixes: Span[] = [];

  prefix(file: Span): void {
    this.prefixes.push(file);
  }

  /** The lowered query, spans in the script. */
  lower(q: QSelect): QueryDef {
    const def = this.w.remap(lowerQuery(q, this.w.sql, 0));
    // `x LIKE $1 || '%'` has no literal prefix for parse/query.ts to see; the ORM's own pattern is one.
    for (const block of def.blocks) {
      for (const p of block.predicates) if (p.op === 'like' && !p.leadingWildcard && this.prefixes.some((s) => s.start === p.span.start && s.end === p.span.end)) p.op = 'range';
    }
    return def;
  }
}

/** One SELECT / UPDATE / DELETE being built: its tables (the model, then joined relations), filters, sort, limits. */
export class FindQuery {
  readonly from: QFrom[] = [];
  readonly where: QExpr[] = [];
  readonly orderBy: QSelect['orderBy'] = [];
  readonly columns: QExpr[] = [];
  readonly groupBy: QExpr[] = [];
  /** Relations loaded by queries of their own (Prisma `include`): more blocks of the same call. */
  readonly loads: QSelect[] = [];
  limit?: QExpr;
  offset?: QExpr;
  private readonly joined = new Map<string, Scope>();

  constructor(
    readonly b: FindBuilder,
    readonly kind: QSelect['kind'],
    readonly main: Scope,
  ) {
    this.from.push(this.table(main));
  }

  private table(s: Scope, join?: QFrom['join']): QFrom {
    const f: QFrom = { k: 'table', name: s.model.table, alias: s.alias, span: this.b.place(s.at) };
    if (join) f.join = join;
    return f;
  }

  /**
   * Joins a relation of `from` (its foreign key: `target.remote = from.local`, through the join table of a
   * many-to-many), once per path: a relation named twice (in `relations` and in `where`) is one join.
   */
  join(from: Scope, rel: OrmRelation, at: Span, type: 'inner' | 'left', path: string): Scope | undefined {
    const known = this.joined.get(path);
    if (known) return known;
    const model = this.b.byName.get(rel.target);
    if (!model || !rel.local.length || rel.local.length !== rel.remote.length) return undefined;
    const b = this.b;
    const on = (left: Scope, lcols: string[], right: Scope, rcols: string[]): QExpr | undefined =>
      b.group(
        'AND',
        at,
        lcols.map((c, i) => () => b.op('=', at, (glue) => {
          const l = b.col(right, rcols[i], at);
          glue(' = ');
          return [l, b.col(left, c, at)];
        })),
      );
    let near = from;
    let nearCols = rel.local;
    if (rel.through) {
      const mid: Scope = { model: { name: '', table: rel.through.table, fields: new Map(), columns: [], primaryKey: [], relations: new Map() }, alias: b.alias(), at };
      this.from.push(this.table(mid, { type, on: on(from, rel.local, mid, rel.through.local) }));
      near = mid;
      nearCols = rel.through.remote;
    }
    const target: Scope = { model, alias: b.alias(), at };
    this.from.push(this.table(target, { type, on: on(near, nearCols, target, rel.remote) }));
    this.joined.set(path, target);
    return target;
  }

  /**
   * A relation read by a query of its own, as Prisma runs `include`: the target's rows whose key is among the
   * parents' (`remote IN (…)`; through the join table first for a many-to-many). Returns the load's query to fill
   * (its nested where, orderBy, take), or undefined.
   */
  load(rel: OrmRelation, at: Span): FindQuery | undefined {
    const model = this.b.byName.get(rel.target);
    if (!model || !rel.remote.length) return undefined;
    const b = this.b;
    const keyed = (q: FindQuery, cols: string[]) => {
      const e = b.group(
        'AND',
        at,
        cols.map((c) => () => b.op('IN', at, (glue) => {
          const l = b.col(q.main, c, at);
          glue(' IN (');
          const p = b.w.param(at);
          glue(')');
          return [l, { k: 'list', items: [{ k: 'param', span: p }], span: p }];
        })),
      );
      if (e) q.where.push(e);
    };
    if (rel.through) {
      const mid = new FindQuery(b, 'select', { model: { name: '', table: rel.through.table, fields: new Map(), columns: [], primaryKey: [], relations: new Map() }, alias: b.alias(), at });
      keyed(mid, rel.through.local);
      for (const c of rel.through.remote) mid.columns.push(b.col(mid.main, c, at));
      this.loads.push(mid.select(at));
    }
    const q = new FindQuery(b, 'select', { model, alias: b.alias(), at });
    keyed(q, rel.remote);
    return q;
  }

  /** Adds a filter, when there is one. */
  and(e: QExpr | undefined): void {
    if (e) this.where.push(e);
  }

  /** `take` / `skip` of an options object → limit / offset (a negative Prisma `take` reads backwards: as many rows). */
  amounts(o: TS.Node | undefined): void {
    const b = this.b;
    const ts = b.ts;
    for (const key of ['take', 'skip'] as const) {
      const p = prop(ts, o, key);
      if (!p) continue;
      const v = ts.isPrefixUnaryExpression(p.value) && p.value.operator === ts.SyntaxKind.MinusToken ? p.value.operand : p.value;
      const e = b.value(v);
      if (!e) continue;
      b.w.tie(e.span, b.span(p.node));
      if (key === 'take') this.limit = e;
      else this.offset = e;
    }
  }

  /** The model's columns as the ORM reads them when nothing is selected: all of them. */
  selectAll(scope: Scope = this.main): void {
    for (const c of scope.model.columns) this.columns.push(this.b.col(scope, c, scope.at));
  }

  /** The finished tree; `span` is the script range it stands for (the call, or an include property). */
  select(span: Span): QSelect {
    const where = this.where.length > 1 ? ({ k: 'op', op: 'AND', args: this.where, span: this.b.place(span) } as QExpr) : this.where[0];
    const q: QSelect = { kind: this.kind, span: this.b.place(span), with: [], from: this.from, groupBy: this.groupBy, orderBy: this.orderBy, columns: this.columns, setOps: this.loads };
    if (where) q.where = where;
    if (this.limit) q.limit = this.limit;
    if (this.offset) q.offset = this.offset;
    return q;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons both ORMs write alike.

/** `= value`; `null` → `IS NULL`; case-insensitive equality is an `ILIKE` on PostgreSQL. */
export function equality(b: FindBuilder, col: () => QExpr, node: TS.Expression, file: Span, insensitive: boolean): QExpr | undefined {
  const ts = b.ts;
  const v = unwrap(ts, node);
  if (v.kind === ts.SyntaxKind.NullKeyword) return nullTest(b, 'IS NULL', col, file);
  if (insensitive && b.dialect === 'postgresql') return b.compare('ILIKE', col, v, file);
  return b.compare('=', col, v, file);
}

export function nullTest(b: FindBuilder, op: 'IS NULL' | 'IS NOT NULL', col: () => QExpr, file: Span): QExpr | undefined {
  return b.op(op, file, (glue) => {
    const c = col();
    glue(` ${op}`);
    return [c];
  });
}

/** `IN (…)`: an array literal's items, or one parameter for a variable holding the list. */
export function list(b: FindBuilder, op: 'IN' | 'NOT IN', col: () => QExpr, node: TS.Expression, file: Span): QExpr | undefined {
  const ts = b.ts;
  const v = unwrap(ts, node);
  return b.op(op, file, (glue) => {
    const c = col();
    glue(` ${op} (`);
    const start = b.w.pos;
    const items: QExpr[] = [];
    for (const e of ts.isArrayLiteralExpression(v) ? v.elements : [v]) {
      if (items.length) glue(', ');
      const x = b.value(e);
      if (x) items.push(x);
    }
    if (!items.length) return undefined;
    const span = { start, end: b.w.pos };
    glue(')');
    return [c, { k: 'list', items, span }];
  });
}

/**
 * `author: { id: x }` on a to-one relation: the same comparison on the local key columns (`authorId = x`), with
 * `compare` (the ORM's reading of a value: an equality, a TypeORM operator). Undefined when the filter names
 * anything but the related key, or nests further.
 */
export function keyEquality(
  b: FindBuilder,
  scope: Scope,
  rel: OrmRelation,
  node: TS.Expression,
  compare: (col: () => QExpr, value: TS.Expression, file: Span) => QExpr | undefined,
): (() => QExpr | undefined) | undefined {
  const ts = b.ts;
  const target = b.byName.get(rel.target);
  const ps = props(ts, unwrap(ts, node));
  if (!target || !ps.length) return undefined;
  const pairs = ps.map((p) => ({ p, i: rel.remote.indexOf(target.fields.get(p.key) ?? '\u0000') }));
  if (pairs.some((x) => x.i < 0 || ts.isObjectLiteralExpression(x.p.value))) return undefined;
  return () => b.group('AND', b.span(node), pairs.map((x) => () => compare(() => b.col(scope, rel.local[x.i], b.span(x.p.node)), x.p.value, b.span(x.p.node))));
}
