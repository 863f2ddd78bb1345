/**
 * Prisma Client calls → the query model: `<client>.<model>.findMany({ where, orderBy, cursor, take, skip, select,
 * include })` and the other read, update and delete methods, as the SQL Prisma sends for them:
 * - `where`: `field: value` and `equals` → `=` (`null` → `IS NULL`), `in`/`notIn`, `lt`/`lte`/`gt`/`gte`,
 *   `startsWith` → `LIKE 'x%'` (a prefix range), `contains`/`endsWith` → `LIKE '%x%'`/`'%x'`, `mode: 'insensitive'`
 *   → `ILIKE` (PostgreSQL), `not`, `AND`/`OR`/`NOT`; relation filters (`some`/`every`/`none`, `is`/`isNot`, or a
 *   nested where on a to-one relation) join the related table on the foreign key; a compound unique
 *   (`userId_postId: { userId, postId }`) is its fields' equalities.
 * - `orderBy` (an object or an array of them; `{ sort, nulls }`; a to-one relation's field, joined) → sort keys;
 *   `take`/`skip` → limit/offset (`findFirst`/`findUnique` read one row); `cursor` → a range on its fields.
 * - `include`, and relations in `select`, each a query of its own (Prisma loads them by the parents' keys:
 *   `WHERE "authorId" IN (…)`), with their nested `where`, `orderBy`, `take`, `include`; `_count` likewise.
 * - The columns read: every scalar field, or those `select` names; `groupBy`'s `by`; aggregated fields.
 * - `distinct` changes nothing here: Prisma de-duplicates the rows in its query engine (SQL `DISTINCT ON` only under
 *   the `nativeDistinct` preview), so the query it sends is the call's where, order and paging.
 */
import type * as TS from 'typescript';
import type { QueryDef, Span } from '../model/types';
import type { QExpr, QSelect } from './query';
import type { OrmModel, OrmRelation } from './app-queries-models';
import { equality, keyEquality, list, nullTest, props, prop, unwrap, type FindBuilder, type FindQuery, type Scope } from './app-queries-find';

export const PRISMA_METHODS: ReadonlyMap<string, QSelect['kind']> = new Map(
  Object.entries({
    findMany: 'select',
    findFirst: 'select',
    findFirstOrThrow: 'select',
    findUnique: 'select',
    findUniqueOrThrow: 'select',
    count: 'select',
    aggregate: 'select',
    groupBy: 'select',
    update: 'update',
    updateMany: 'update',
    upsert: 'update',
    delete: 'delete',
    deleteMany: 'delete',
  }) as [string, QSelect['kind']][],
);

/** Reads of a single row: Prisma sends them with `LIMIT 1`. */
const ONE_ROW = new Set(['findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow']);
const AGGREGATES = ['_sum', '_avg', '_min', '_max', '_count'];

/**
 * The query of `<client>.<delegate>.<method>(arg)`. `callee` is `prisma.user.findMany` (the table reference), `call`
 * the whole call (the block), `methodSpan` the method name (where the implicit `LIMIT 1` of a single-row read points).
 */
export function prismaQuery(b: FindBuilder, model: OrmModel, method: string, arg: TS.Expression | undefined, callee: Span, call: Span, methodSpan: Span): QueryDef {
  const ts = b.ts;
  const kind = PRISMA_METHODS.get(method) ?? 'select';
  const q = b.query(kind, model, callee);
  const o = arg && ts.isObjectLiteralExpression(unwrap(ts, arg)) ? unwrap(ts, arg) : undefined;
  const where = prop(ts, o, 'where');
  if (where) q.and(filter(b, q, q.main, where.value, ''));
  const cursor = prop(ts, o, 'cursor');
  if (cursor) for (const p of props(ts, cursor.value)) q.and(cursorRange(b, q.main, p));
  order(b, q, q.main, prop(ts, o, 'orderBy')?.value);
  q.amounts(o);
  if (!q.limit && ONE_ROW.has(method)) q.limit = { k: 'lit', type: 'number', value: '1', span: b.place(methodSpan) };
  if (kind === 'select' && (method === 'count' || method === 'aggregate' || method === 'groupBy')) {
    for (const key of AGGREGATES) for (const p of props(ts, prop(ts, o, key)?.value)) column(b, q, q.main, p.key, b.span(p.node), p.value);
    if (method === 'groupBy') {
      const by = prop(ts, o, 'by')?.value;
      for (const item of by && ts.isArrayLiteralExpression(by) ? by.elements : by ? [by] : []) {
        const c = ts.isStringLiteral(item) ? model.fields.get(item.text) : undefined;
        if (c) {
          const col = b.col(q.main, c, b.span(item));
          q.groupBy.push(col);
          q.columns.push(col);
        }
      }
      const having = prop(ts, o, 'having');
      if (having) q.and(filter(b, q, q.main, having.value, ''));
    }
  } else {
    selection(b, q, q.main, prop(ts, o, 'select')?.value, prop(ts, o, 'include')?.value, kind === 'select');
  }
  return b.lower(q.select(call));
}

/** A where object (Prisma's `WhereInput`) on `scope`: the AND of its properties. */
function filter(b: FindBuilder, q: FindQuery, scope: Scope, node: TS.Expression, path: string): QExpr | undefined {
  const ts = b.ts;
  return b.where(node, 'AND', (p, file) => {
    if (p.key === 'AND') return filter(b, q, scope, p.value, path);
    if (p.key === 'OR') {
      const arms = ts.isArrayLiteralExpression(p.value) ? [...p.value.elements] : [p.value];
      return b.group('OR', file, arms.map((e) => () => filter(b, q, scope, e, path)));
    }
    if (p.key === 'NOT') return b.not(file, () => filter(b, q, scope, p.value, path));
    const rel = scope.model.relations.get(p.key);
    if (rel) return relationFilter(b, q, scope, rel, p.value, file, `${path}.${p.key}@${file.start}`);
    const column = scope.model.fields.get(p.key);
    if (column) return fieldFilter(b, scope, column, p.value, file);
    // `userId_postId: { userId, postId }`: a compound unique (or id) by its fields.
    const inner = props(ts, p.value);
    if (inner.length && inner.every((x) => scope.model.fields.has(x.key))) return b.group('AND', file, inner.map((x) => () => fieldFilter(b, scope, scope.model.fields.get(x.key)!, x.value, b.span(x.node))));
    return undefined;
  });
}

/** One field's filter: a value (equality), or an object of operators (`{ gte: a, lt: b }`, `{ contains: 'x' }`). */
function fieldFilter(b: FindBuilder, scope: Scope, column: string, node: TS.Expression, file: Span): QExpr | undefined {
  const ts = b.ts;
  const col = () => b.col(scope, column, file);
  if (!ts.isObjectLiteralExpression(node)) return equality(b, col, node, file, false);
  const insensitive = props(ts, node).some((p) => p.key === 'mode' && ts.isStringLiteral(p.value) && p.value.text === 'insensitive');
  return b.group(
    'AND',
    file,
    props(ts, node).map((p) => () => {
      const at = b.span(p.node);
      switch (p.key) {
        case 'equals':
          return equality(b, col, p.value, at, insensitive);
        case 'not':
          if (ts.isObjectLiteralExpression(p.value)) return b.not(at, () => fieldFilter(b, scope, column, p.value, file));
          if (p.value.kind === ts.SyntaxKind.NullKeyword) return nullTest(b, 'IS NOT NULL', col, at);
          return b.compare('<>', col, p.value, at);
        case 'in':
        case 'notIn':
          return list(b, p.key === 'in' ? 'IN' : 'NOT IN', col, p.value, at);
        case 'lt':
        case 'lte':
        case 'gt':
        case 'gte':
          return b.compare({ lt: '<', lte: '<=', gt: '>', gte: '>=' }[p.key], col, p.value, at);
        case 'contains':
        case 'startsWith':
        case 'endsWith':
          return like(b, col, p.value, at, p.key, insensitive);
        default:
          return undefined; // mode, search, has*, JSON paths: nothing an index seeks on
      }
    }),
  );
}




/**
 * `contains` / `startsWith` / `endsWith` as the `LIKE` Prisma writes: around a literal, the pattern itself
 * (`'%x%'`, `'x%'`); around a variable, the parameter with the wildcards joined to it. A prefix is a range an index
 * seeks on, literal or not (Prisma escapes the value's own wildcards).
 */
function like(b: FindBuilder, col: () => QExpr, node: TS.Expression, file: Span, kind: 'contains' | 'startsWith' | 'endsWith', insensitive: boolean): QExpr | undefined {
  const ts = b.ts;
  const v = unwrap(ts, node);
  const op = insensitive && b.dialect === 'postgresql' ? 'ILIKE' : 'LIKE';
  const before = kind === 'startsWith' ? '' : '%';
  const after = kind === 'endsWith' ? '' : '%';
  if (ts.isIdentifier(v) && v.text === 'undefined') return undefined;
  const e = b.op(op, file, (glue) => {
    const c = col();
    glue(` ${op} `);
    if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v)) {
      const value = before + v.text + after;
      const span = b.w.emit(b.w.literal(value), b.span(v));
      return [c, { k: 'lit', type: 'string', value, span }];
    }
    // MySQL joins strings with CONCAT (its `||` is OR); the others with `||`.
    const at = b.span(v);
    const concat = b.dialect === 'mysql';
    const start = b.w.pos;
    if (concat) glue('CONCAT(');
    const parts: QExpr[] = [];
    for (const part of [before, undefined, after]) {
      if (part === '') continue;
      if (parts.length) glue(concat ? ', ' : ' || ');
      parts.push(part === undefined ? { k: 'param', span: b.w.param(at) } : b.text('string', part, at));
    }
    if (concat) glue(')');
    const span = { start, end: b.w.pos };
    return [c, concat ? { k: 'fn', name: 'CONCAT', args: parts, span } : { k: 'op', op: '||', args: parts, span }];
  });
  if (e && kind === 'startsWith' && op === 'LIKE') b.prefix(file);
  return e;
}

/**
 * A relation filter: `some`/`is` (and a to-one relation's nested where) join the related rows that match;
 * `every`/`none`/`isNot` the rows that do not (a NOT around their filter: no seek on it). A to-one filter on the
 * related key alone (`author: { id }`) is the foreign key's own equality: no join.
 */
function relationFilter(b: FindBuilder, q: FindQuery, scope: Scope, rel: OrmRelation, node: TS.Expression, file: Span, path: string): QExpr | undefined {
  const ts = b.ts;
  const v = unwrap(ts, node);
  if (!ts.isObjectLiteralExpression(v)) return undefined;
  const ops = props(ts, v).filter((p) => ['some', 'every', 'none', 'is', 'isNot'].includes(p.key));
  const arms = ops.length ? ops.map((p) => ({ op: p.key, value: p.value, file: b.span(p.node) })) : [{ op: 'is', value: v as TS.Expression, file }];
  return b.group(
    'AND',
    file,
    arms.map((arm) => () => {
      if (!rel.many && !rel.through && (arm.op === 'is' || arm.op === 'isNot')) {
        const direct = keyEquality(b, scope, rel, arm.value, (col, value, at) => equality(b, col, value, at, false));
        if (direct) return arm.op === 'is' ? direct() : b.not(arm.file, direct);
      }
      const negated = arm.op === 'every' || arm.op === 'none' || arm.op === 'isNot';
      const target = q.join(scope, rel, arm.file, negated ? 'left' : 'inner', path + arm.op);
      if (!target) return undefined;
      return negated ? b.not(arm.file, () => filter(b, q, target, arm.value, path)) : filter(b, q, target, arm.value, path);
    }),
  );
}


/** `cursor: { id: x }`: Prisma reads from the cursor row on, a range on the cursor's fields. */
function cursorRange(b: FindBuilder, scope: Scope, p: { key: string; value: TS.Expression; node: TS.Node }): QExpr | undefined {
  const column = scope.model.fields.get(p.key);
  return column ? b.compare('>=', () => b.col(scope, column, b.span(p.node)), p.value, b.span(p.node)) : undefined;
}

/** `orderBy`: `{ a: 'desc' }`, `[{ a: 'asc' }, { b: 'desc' }]`, `{ a: { sort: 'desc', nulls: 'last' } }`, `{ author: { name: 'asc' } }`. */
function order(b: FindBuilder, q: FindQuery, scope: Scope, node: TS.Expression | undefined): void {
  const ts = b.ts;
  if (!node) return;
  const n = unwrap(ts, node);
  if (ts.isArrayLiteralExpression(n)) {
    for (const e of n.elements) order(b, q, scope, e);
    return;
  }
  for (const p of props(ts, n)) {
    const file = b.span(p.node);
    const rel = scope.model.relations.get(p.key);
    if (rel) {
      const target = !rel.many ? q.join(scope, rel, file, 'left', `order.${p.key}`) : undefined;
      if (target) order(b, q, target, p.value);
      continue;
    }
    const column = scope.model.fields.get(p.key);
    if (!column) continue;
    const dir = ts.isObjectLiteralExpression(p.value) ? prop(ts, p.value, 'sort')?.value : p.value;
    const nulls = ts.isObjectLiteralExpression(p.value) ? prop(ts, p.value, 'nulls')?.value : undefined;
    const expr = b.col(scope, column, file);
    const key: QSelect['orderBy'][number] = { expr, desc: !!dir && ts.isStringLiteral(dir) && dir.text.toLowerCase() === 'desc', span: expr.span };
    if (nulls && ts.isStringLiteral(nulls) && (nulls.text === 'first' || nulls.text === 'last')) key.nulls = nulls.text;
    q.orderBy.push(key);
  }
}

/** A field the call reads (`select: { email: true }`, `_sum: { amount: true }`). */
function column(b: FindBuilder, q: FindQuery, scope: Scope, field: string, file: Span, value: TS.Expression): void {
  const c = scope.model.fields.get(field);
  if (c && value.kind !== b.ts.SyntaxKind.FalseKeyword) q.columns.push(b.col(scope, c, file));
}

/**
 * What the call reads: `select`'s scalar fields (else every one), and each relation of `select`/`include` (and
 * `_count`'s) as a query of its own with its nested arguments.
 */
function selection(b: FindBuilder, q: FindQuery, scope: Scope, select: TS.Expression | undefined, include: TS.Expression | undefined, reads: boolean): void {
  const ts = b.ts;
  const selected = select && ts.isObjectLiteralExpression(select) ? props(ts, select) : undefined;
  if (reads && !selected) q.selectAll(scope);
  for (const p of [...(selected ?? []), ...props(ts, include)]) {
    if (p.value.kind === ts.SyntaxKind.FalseKeyword) continue;
    const file = b.span(p.node);
    if (p.key === '_count') {
      const counted = prop(ts, p.value, 'select')?.value;
      for (const c of props(ts, counted)) {
        const rel = scope.model.relations.get(c.key);
        const load = rel && c.value.kind !== ts.SyntaxKind.FalseKeyword ? q.load(rel, b.span(c.node)) : undefined;
        if (!load) continue;
        const w = prop(ts, c.value, 'where');
        if (w) load.and(filter(b, load, load.main, w.value, ''));
        q.loads.push(load.select(b.span(c.node)));
      }
      continue;
    }
    const rel = scope.model.relations.get(p.key);
    if (!rel) {
      if (selected?.includes(p)) column(b, q, scope, p.key, file, p.value);
      continue;
    }
    const load = q.load(rel, file);
    if (!load) continue;
    const args = ts.isObjectLiteralExpression(p.value) ? p.value : undefined;
    const where = prop(ts, args, 'where');
    if (where) load.and(filter(b, load, load.main, where.value, ''));
    order(b, load, load.main, prop(ts, args, 'orderBy')?.value);
    load.amounts(args);
    selection(b, load, load.main, prop(ts, args, 'select')?.value, prop(ts, args, 'include')?.value, true);
    q.loads.push(load.select(file));
  }
}
