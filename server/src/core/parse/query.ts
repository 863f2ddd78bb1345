/**
 * Queries → the model's QueryDef. Each dialect's walker (postgres-query.ts over libpg-query's AST, nsp-query.ts
 * over node-sql-parser's) translates its syntax tree into the small neutral tree below, with file offsets; the
 * meaning (which comparisons an index can seek on, what is a range, what wraps a column) is decided once, here.
 */
import type {
  ColumnUse,
  Disjunction,
  Predicate,
  PredicateOp,
  PredicateValue,
  QName,
  QueryBlock,
  QueryDef,
  SortKey,
  Span,
  TableRef,
} from '../model/types';
import { normSql } from '../model/indexes';

export type QExpr =
  | { k: 'col'; qualifier?: string; name: string; span: Span }
  | { k: 'star'; qualifier?: string; span: Span }
  | { k: 'param'; span: Span }
  | { k: 'lit'; type: 'string' | 'number' | 'bool' | 'null'; value: string; span: Span }
  /**
   * Operators, upper-case: `=` `<>` `<` `<=` `>` `>=` `AND` `OR` `NOT` `LIKE` `ILIKE` `NOT LIKE` `NOT ILIKE`
   * `IS NULL` `IS NOT NULL` `BETWEEN` `NOT BETWEEN` `IN` `NOT IN` `+` `-` `*` `/` `%` `||` `EXISTS`; others as written.
   * `IN` takes [expr, list | sub]; `BETWEEN` [expr, low, high].
   */
  | { k: 'op'; op: string; args: QExpr[]; span: Span }
  | { k: 'fn'; name: string; args: QExpr[]; span: Span }
  | { k: 'cast'; arg: QExpr; type: string; span: Span }
  | { k: 'list'; items: QExpr[]; span: Span }
  | { k: 'sub'; query: QSelect; span: Span }
  /** CASE, arrays, anything else: its children are still searched for columns and subqueries. */
  | { k: 'other'; args: QExpr[]; span: Span };

export type QFrom =
  | { k: 'table'; name: QName; alias?: string; span: Span; join?: QJoin }
  | { k: 'sub'; query: QSelect; alias?: string; span: Span; join?: QJoin };

export interface QJoin {
  type: 'inner' | 'left' | 'right' | 'full' | 'cross';
  on?: QExpr;
  using?: string[];
}

export interface QSelect {
  kind: 'select' | 'update' | 'delete' | 'insert';
  span: Span;
  with: { name: string; query: QSelect }[];
  /** For UPDATE/DELETE the target table comes first; INSERT has its target only (its source is `source`). */
  from: QFrom[];
  where?: QExpr;
  groupBy: QExpr[];
  having?: QExpr;
  orderBy: { expr: QExpr; desc: boolean; nulls?: 'first' | 'last'; span: Span }[];
  limit?: QExpr;
  offset?: QExpr;
  /** Select list (or SET values / RETURNING). */
  columns: QExpr[];
  /** The other arms of UNION / INTERSECT / EXCEPT. */
  setOps: QSelect[];
  /** INSERT … SELECT: the SELECT. */
  source?: QSelect;
}

/** The neutral tree → QueryDef. `text` is the statement, `base` its file offset (for the comparison texts). */
export function lowerQuery(q: QSelect, text: string, base: number): QueryDef {
  const blocks: QueryBlock[] = [];
  const ctx = { text, base, blocks };
  const kind = q.kind;
  if (q.kind === 'insert') {
    // The target of INSERT … SELECT is written, not read: only its source is workload.
    if (q.source) lowerBlock(ctx, q.source, [], new Set(), 'main');
  } else lowerBlock(ctx, q, [], new Set(), 'main');
  const def: QueryDef = { kind, span: q.span, blocks };
  if (hasParameter(q)) def.parameters = true;
  return def;
}

function hasParameter(q: QSelect): boolean {
  let found = false;
  const expr = (e: QExpr | undefined) => {
    if (e && !found)
      walkExpr(e, (x) => {
        if (x.k === 'param') found = true;
        else if (x.k === 'sub' && hasParameter(x.query)) found = true;
      });
  };
  const sel = (s: QSelect | undefined) => {
    if (!s || found) return;
    for (const w of s.with) sel(w.query);
    for (const f of s.from) {
      if (f.k === 'sub') sel(f.query);
      expr(f.join?.on);
    }
    [s.where, s.having, s.limit, s.offset, ...s.groupBy, ...s.columns, ...s.orderBy.map((o) => o.expr)].forEach(expr);
    s.setOps.forEach(sel);
    sel(s.source);
  };
  sel(q);
  return found;
}

interface Ctx {
  text: string;
  base: number;
  blocks: QueryBlock[];
}

interface Scope {
  tables: TableRef[];
  /** alias or bare table name → ref */
  names: Map<string, number>;
}

function lowerBlock(ctx: Ctx, q: QSelect, outer: Scope[], ctes: Set<string>, role: QueryBlock['role']): void {
  const cteNames = new Set(ctes);
  for (const c of q.with) cteNames.add(c.name.toLowerCase());
  const block: QueryBlock = { role, span: q.span, tables: [], predicates: [], disjunctions: [], sort: [], groupBy: [], selected: [] };
  if (role === 'nested') block.nested = true;
  // The block first, then its CTEs' (a CTE may read the ones before it: every name is known to all of them).
  ctx.blocks.push(block);
  for (const c of q.with) lowerBlock(ctx, c.query, outer, cteNames, 'cte');
  const scope: Scope = { tables: block.tables, names: new Map() };
  const later: (() => void)[] = [];
  const conjuncts: { e: QExpr }[] = [];
  for (const f of q.from) {
    if (f.k === 'table') {
      // A CTE (or an unknown derived name) is not a table of the model: its own block carries its predicates.
      if (!f.name.schema && cteNames.has(f.name.name.toLowerCase())) {
        if (f.alias) scope.names.set(f.alias.toLowerCase(), -1);
        scope.names.set(f.name.name.toLowerCase(), -1);
      } else {
        const ref = block.tables.length;
        block.tables.push({ table: f.name, alias: f.alias, span: f.span });
        scope.names.set((f.alias ?? f.name.name).toLowerCase(), ref);
        if (!f.alias) scope.names.set(f.name.name.toLowerCase(), ref);
      }
    } else {
      later.push(() => lowerBlock(ctx, f.query, [scope, ...outer], cteNames, 'derived'));
      if (f.alias) scope.names.set(f.alias.toLowerCase(), -1);
    }
    if (f.join?.on) conjuncts.push({ e: f.join.on });
    if (f.join?.using?.length && block.tables.length >= 2 && f.k === 'table') {
      // USING (a): equality of the column in this table and the one before.
      const r = block.tables.length - 1;
      for (const c of f.join.using) {
        const left: ColumnUse = { ref: r - 1, column: c, span: f.span };
        const right: ColumnUse = { ref: r, column: c, span: f.span };
        block.predicates.push(joinPredicate(left, right, f.span, c));
        block.predicates.push(joinPredicate(right, left, f.span, c));
      }
    }
  }
  const env: Env = { ctx, scope, outer, ctes: cteNames, block };
  if (q.where) conjuncts.push({ e: q.where });
  for (const c of conjuncts) conjunction(env, c.e);
  for (const g of q.groupBy) {
    const col = plainColumn(env, g);
    if (col) block.groupBy.push(col);
    else visit(env, g);
  }
  if (q.having) visit(env, q.having);
  for (const o of q.orderBy) {
    const key = sortKey(env, o.expr, o.desc, o.nulls, o.span);
    if (key) block.sort.push(key);
    else visit(env, o.expr);
  }
  for (const c of q.columns) {
    if (c.k === 'star') {
      if (!block.star) {
        block.star = c.span;
        if (c.qualifier !== undefined) block.starQualifier = c.qualifier;
      }
      continue;
    }
    readColumns(env, c, block.selected);
  }
  if (q.limit) block.limit = amount(q.limit);
  if (q.offset) block.offset = amount(q.offset);
  for (const arm of q.setOps) lowerBlock(ctx, arm, outer, cteNames, role === 'main' ? 'union' : role);
  for (const f of later) f();
}

interface Env {
  ctx: Ctx;
  scope: Scope;
  outer: Scope[];
  ctes: Set<string>;
  block: QueryBlock;
}

function amount(e: QExpr): { span: Span; value?: number; param?: boolean } {
  if (e.k === 'param') return { span: e.span, param: true };
  if (e.k === 'lit' && e.type === 'number') return { span: e.span, value: Number(e.value) };
  return { span: e.span };
}

/** Resolves a column reference in this block (ref) or an enclosing one (outer); undefined for CTE/derived columns. */
function columnUse(env: Env, e: Extract<QExpr, { k: 'col' }>): ColumnUse | undefined {
  if (e.qualifier !== undefined) {
    const q = e.qualifier.toLowerCase();
    const ref = env.scope.names.get(q);
    if (ref !== undefined) return ref < 0 ? undefined : { ref, column: e.name, span: e.span };
    for (const s of env.outer) {
      const r = s.names.get(q);
      if (r !== undefined) return r < 0 ? undefined : { ref: r, outer: true, column: e.name, span: e.span };
    }
    return undefined;
  }
  const real = [...env.scope.names.values()].filter((r) => r >= 0);
  const derived = [...env.scope.names.values()].some((r) => r < 0);
  if (env.block.tables.length === 1 && !derived) return { ref: 0, column: e.name, span: e.span };
  if (env.block.tables.length === 0) return undefined;
  // Several tables (or a derived one): the schema decides later which table has the column.
  return real.length ? { column: e.name, span: e.span } : undefined;
}

function plainColumn(env: Env, e: QExpr): ColumnUse | undefined {
  return e.k === 'col' ? columnUse(env, e) : undefined;
}

/** The single column of this block inside a wrapping expression (`lower(u.email)`, `price * 2`), with its form. */
function wrapped(env: Env, e: QExpr): { col: ColumnUse; form: 'function' | 'arithmetic' | 'cast'; fn?: string } | undefined {
  let form: 'function' | 'arithmetic' | 'cast';
  let fn: string | undefined;
  if (e.k === 'fn') {
    form = 'function';
    fn = e.name.toLowerCase();
  } else if (e.k === 'cast') {
    form = 'cast';
    // With the type as `fn`: the model decides whether the cast is a no-op for the column's type.
    fn = e.type.toLowerCase();
  }
  else if (e.k === 'op' && ['+', '-', '*', '/', '%', '||'].includes(e.op)) form = 'arithmetic';
  else return undefined;
  const cols: ColumnUse[] = [];
  let other = false;
  walkExpr(e, (x) => {
    if (x.k === 'col') {
      const c = columnUse(env, x);
      if (c && !c.outer) cols.push(c);
      else other = true;
    } else if (x.k === 'sub') other = true;
  });
  if (other || cols.length !== 1) return undefined;
  return { col: cols[0], form, fn };
}

function walkExpr(e: QExpr, f: (x: QExpr) => void): void {
  f(e);
  switch (e.k) {
    case 'op':
    case 'fn':
    case 'other':
      for (const a of e.args) walkExpr(a, f);
      break;
    case 'cast':
      walkExpr(e.arg, f);
      break;
    case 'list':
      for (const a of e.items) walkExpr(a, f);
      break;
    default:
  }
}

/** `a AND b AND …` → each conjunct. */
function conjunction(env: Env, e: QExpr): void {
  if (e.k === 'op' && e.op === 'AND') {
    for (const a of e.args) conjunction(env, a);
    return;
  }
  if (e.k === 'op' && e.op === 'OR') {
    disjunction(env, e);
    return;
  }
  if (e.k === 'op' && e.op === 'NOT') {
    // Recorded (a wrapped column under NOT is still wrapped) but never sought on: marked like an OR's arms.
    const n = env.block.predicates.length;
    for (const a of e.args) conjunction(env, a);
    for (let i = n; i < env.block.predicates.length; i++) env.block.predicates[i].inOr = true;
    return;
  }
  comparison(env, e, false);
}

/** An OR: over one column (`a = 1 OR a = 2`) it is an IN; over different columns no single seek serves it. */
function disjunction(env: Env, e: QExpr): void {
  const arms: QExpr[] = [];
  const flat = (x: QExpr) => (x.k === 'op' && x.op === 'OR' ? x.args.forEach(flat) : arms.push(x));
  flat(e);
  const n = env.block.predicates.length;
  for (const a of arms) {
    if (a.k === 'op' && a.op === 'AND') {
      // (a = 1 AND b = 2) OR …: record the inner comparisons, none seekable alone.
      const m = env.block.predicates.length;
      conjunction(env, a);
      for (let i = m; i < env.block.predicates.length; i++) env.block.predicates[i].inOr = true;
    } else comparison(env, a, true);
  }
  const inner = env.block.predicates.slice(n);
  const cols = new Map<string, ColumnUse>();
  for (const p of inner) cols.set(`${p.target.ref ?? '?'}.${p.target.column.toLowerCase()}.${p.expression ?? ''}`, p.target);
  const sameColumn = inner.length === arms.length && cols.size === 1 && inner.every((p) => p.op === 'eq' || p.op === 'in' || p.op === 'null') && inner.every((p) => p.value.kind !== 'column' || p.value.column?.outer);
  if (sameColumn) {
    // `a = 1 OR a = 2 [OR a IS NULL]` is `a IN (1, 2)`: one predicate over the whole OR.
    const first = inner[0];
    env.block.predicates.length = n;
    env.block.predicates.push({
      ...first,
      op: 'in',
      value: { kind: 'list' },
      span: e.span,
      inOr: undefined,
      text: normText(env, e.span),
    });
    return;
  }
  for (const p of inner) p.inOr = true;
  if (cols.size > 1) env.block.disjunctions.push({ columns: [...cols.values()], span: e.span });
}

const RANGE_OPS = new Set(['<', '<=', '>', '>=']);
const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** One comparison: a predicate when one side is a column of this block (possibly wrapped) and the other a value. */
function comparison(env: Env, e: QExpr, inOr: boolean): void {
  if (e.k === 'op') {
    const op = e.op;
    if ((op === '=' || op === '<>' || op === '!=' || op === '<=>' || RANGE_OPS.has(op)) && e.args.length === 2) {
      const [l, r] = e.args;
      if (side(env, l) && !side(env, r)) addPredicate(env, e, l, r, op, inOr);
      else if (side(env, r) && !side(env, l)) addPredicate(env, e, r, l, FLIP[op] ?? op, inOr);
      else if (side(env, l) && side(env, r)) {
        // Column = column: a join (or a comparison within one table, which no index seeks on).
        addPredicate(env, e, l, r, op, inOr);
        addPredicate(env, e, r, l, FLIP[op] ?? op, inOr);
      } else visit(env, e);
      visitValues(env, e.args);
      return;
    }
    if ((op === 'IS NULL' || op === 'IS NOT NULL') && e.args.length === 1 && side(env, e.args[0])) {
      addPredicate(env, e, e.args[0], { k: 'lit', type: 'null', value: 'NULL', span: e.span }, op, inOr);
      return;
    }
    if ((op === 'IN' || op === 'NOT IN') && e.args.length === 2 && side(env, e.args[0])) {
      addPredicate(env, e, e.args[0], e.args[1], op, inOr);
      visitValues(env, [e.args[1]]);
      return;
    }
    if ((op === 'BETWEEN' || op === 'NOT BETWEEN') && e.args.length === 3 && side(env, e.args[0])) {
      addPredicate(env, e, e.args[0], e.args[1], op, inOr);
      visitValues(env, e.args.slice(1));
      return;
    }
    if (/^(NOT )?I?LIKE$/.test(op) && e.args.length >= 2 && side(env, e.args[0])) {
      addPredicate(env, e, e.args[0], e.args[1], op, inOr);
      visitValues(env, e.args.slice(1));
      return;
    }
  }
  // A bare boolean column (`WHERE active`) is `active = true`.
  if (e.k === 'col') {
    const col = columnUse(env, e);
    if (col && !col.outer) {
      env.block.predicates.push({ target: col, op: 'eq', value: { kind: 'bool', text: 'true' }, span: e.span, targetSpan: e.span, text: normText(env, e.span), ...(inOr ? { inOr } : {}) });
      return;
    }
  }
  visit(env, e);
}

/** Is this side a column of this block, plain or wrapped? */
function side(env: Env, e: QExpr): boolean {
  if (e.k === 'col') {
    const c = columnUse(env, e);
    return !!c && !c.outer;
  }
  return !!wrapped(env, e);
}

function addPredicate(env: Env, whole: QExpr, target: QExpr, value: QExpr, op: string, inOr: boolean): void {
  let col: ColumnUse | undefined;
  let expression: string | undefined;
  let form: Predicate['form'];
  let fn: string | undefined;
  if (target.k === 'col') col = columnUse(env, target);
  else {
    const w = wrapped(env, target);
    if (!w) return;
    col = w.col;
    form = w.form;
    fn = w.fn;
    expression = normText(env, target.span);
  }
  if (!col) return;
  const v = valueOf(env, value);
  let kind: PredicateOp;
  let leadingWildcard: boolean | undefined;
  let ilike: boolean | undefined;
  switch (op) {
    case '=':
    case '<=>':
      kind = v.kind === 'null' ? 'other' : 'eq';
      break;
    case 'IS NULL':
      kind = 'null';
      break;
    case 'IN':
      kind = 'in';
      break;
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'BETWEEN':
      kind = 'range';
      break;
    case 'LIKE':
    case 'ILIKE': {
      ilike = op === 'ILIKE' || undefined;
      const pattern = likePattern(value);
      if (pattern !== undefined && /^[%_]/.test(pattern)) {
        kind = 'like';
        leadingWildcard = true;
      } else if (pattern !== undefined && !ilike && !/[%_]/.test(pattern.replace(/%$/, ''))) kind = pattern.endsWith('%') ? 'range' : 'eq';
      else kind = 'like';
      break;
    }
    default:
      kind = 'other';
  }
  const p: Predicate = {
    target: col,
    op: kind,
    value: v,
    span: whole.span,
    targetSpan: target.span,
    text: normText(env, whole.span),
  };
  if (expression !== undefined) Object.assign(p, { expression, form, ...(fn ? { fn } : {}) });
  if (ilike) p.ilike = true;
  if (leadingWildcard) p.leadingWildcard = true;
  if (inOr) p.inOr = true;
  env.block.predicates.push(p);
}

/** The literal text a LIKE pattern starts with: `'%abc'`, `'%' || $1`, `CONCAT('%', ?)`; undefined when unknown. */
function likePattern(e: QExpr): string | undefined {
  if (e.k === 'lit' && e.type === 'string') return e.value;
  if (e.k === 'op' && e.op === '||' && e.args.length) {
    const first = likePattern(e.args[0]);
    return first === undefined ? undefined : first + (first.endsWith('%') ? '' : '%');
  }
  if (e.k === 'fn' && e.name.toLowerCase() === 'concat' && e.args.length) {
    const first = likePattern(e.args[0]);
    return first === undefined ? undefined : first + '%';
  }
  if (e.k === 'cast') return likePattern(e.arg);
  // PostgreSQL reads `LIKE p ESCAPE e` as `LIKE like_escape(p, e)`.
  if (e.k === 'fn' && e.name.toLowerCase() === 'like_escape' && e.args.length) return likePattern(e.args[0]);
  return undefined;
}

function valueOf(env: Env, e: QExpr): PredicateValue {
  switch (e.k) {
    case 'param':
      return { kind: 'param' };
    case 'lit':
      return { kind: e.type, text: e.value };
    case 'col': {
      const c = columnUse(env, e);
      return c ? { kind: 'column', column: c } : { kind: 'expression' };
    }
    case 'sub':
      return { kind: 'subquery' };
    case 'list':
      return { kind: 'list' };
    case 'cast':
      return valueOf(env, e.arg).kind === 'param' ? { kind: 'param' } : { kind: 'expression' };
    default:
      return { kind: 'expression' };
  }
}

function joinPredicate(target: ColumnUse, other: ColumnUse, span: Span, column: string): Predicate {
  return { target, op: 'eq', value: { kind: 'column', column: other }, span, targetSpan: span, text: column.toLowerCase() };
}

/** Visits an expression for nested subqueries (their own blocks) only. */
function visit(env: Env, e: QExpr): void {
  walkExpr(e, (x) => {
    if (x.k === 'sub') lowerBlock(env.ctx, x.query, [env.scope, ...env.outer], env.ctes, 'nested');
  });
}

function visitValues(env: Env, es: QExpr[]): void {
  for (const e of es) visit(env, e);
}

function readColumns(env: Env, e: QExpr, out: ColumnUse[]): void {
  walkExpr(e, (x) => {
    if (x.k === 'col') {
      const c = columnUse(env, x);
      if (c && !c.outer) out.push(c);
    } else if (x.k === 'sub') lowerBlock(env.ctx, x.query, [env.scope, ...env.outer], env.ctes, 'nested');
  });
}

function sortKey(env: Env, e: QExpr, desc: boolean, nulls: 'first' | 'last' | undefined, span: Span): SortKey | undefined {
  let target: ColumnUse | undefined;
  let expression: string | undefined;
  if (e.k === 'col') target = columnUse(env, e);
  else {
    const w = wrapped(env, e);
    if (w) {
      target = w.col;
      expression = normText(env, e.span);
    }
  }
  if (!target || target.outer) return undefined;
  const k: SortKey = { target, desc, span };
  if (expression !== undefined) k.expression = expression;
  if (nulls) k.nulls = nulls;
  return k;
}

/** Source text of a span, normalized for comparison (see normExpr): qualifiers of this block's tables dropped. */
function normText(env: Env, span: Span): string {
  const raw = env.ctx.text.slice(span.start - env.ctx.base, span.end - env.ctx.base);
  return normSql(raw);
}
