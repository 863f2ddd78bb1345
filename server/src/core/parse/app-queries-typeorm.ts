/**
 * TypeORM calls → the query model.
 * - Repository / EntityManager / active-record finds: `find|findOne|findBy|findOneBy|findAndCount|count|exist…`
 *   with `where` (an object, or an array of them: OR), find operators (`In`, `Not`, `IsNull`, `LessThan`…,
 *   `Between`, `Like`, `ILike`, `Any`, `And`, `Or`), relation wheres (joined on the foreign key; a to-one relation
 *   compared on its key alone is the join column's equality), `order`, `skip`/`take`, `relations` (joined, as
 *   TypeORM loads them), `select`; `update`/`delete`/`softDelete` criteria. An entity with a `@DeleteDateColumn`
 *   is read `WHERE deleted_at IS NULL` unless `withDeleted`.
 * - Query builders: the chain from `createQueryBuilder` (through a variable too) written out as the SQL TypeORM
 *   builds, its string fragments as written (`alias.property` → the column, `:name` / `:...names` → parameters),
 *   then read by the dialect's SQL parser, so every comparison keeps the exact range of its fragment.
 */
import type * as TS from 'typescript';
import type { QueryDef, Span } from '../model/types';
import type { QExpr, QSelect } from './query';
import type { OrmModel } from './app-queries-models';
import { equality, keyEquality, list, nullTest, props, prop, unwrap, type FindBuilder, type FindQuery, type Scope } from './app-queries-find';
import { writeLiteral, writtenQuery, type SqlWriter } from './app-queries-sql';

export interface FindMethod {
  kind: QSelect['kind'];
  /** How the arguments read: find options, a where object, update/delete criteria, `(field, where)` of an aggregate. */
  args: 'options' | 'where' | 'criteria' | 'aggregate' | 'ids';
  one?: boolean;
}

export const TYPEORM_FIND: ReadonlyMap<string, FindMethod> = new Map(
  Object.entries({
    find: { kind: 'select', args: 'options' },
    findOne: { kind: 'select', args: 'options', one: true },
    findOneOrFail: { kind: 'select', args: 'options', one: true },
    findAndCount: { kind: 'select', args: 'options' },
    count: { kind: 'select', args: 'options' },
    exist: { kind: 'select', args: 'options', one: true },
    exists: { kind: 'select', args: 'options', one: true },
    findBy: { kind: 'select', args: 'where' },
    findOneBy: { kind: 'select', args: 'where', one: true },
    findOneByOrFail: { kind: 'select', args: 'where', one: true },
    findAndCountBy: { kind: 'select', args: 'where' },
    countBy: { kind: 'select', args: 'where' },
    existsBy: { kind: 'select', args: 'where', one: true },
    sum: { kind: 'select', args: 'aggregate' },
    average: { kind: 'select', args: 'aggregate' },
    minimum: { kind: 'select', args: 'aggregate' },
    maximum: { kind: 'select', args: 'aggregate' },
    findByIds: { kind: 'select', args: 'ids' },
    update: { kind: 'update', args: 'criteria' },
    delete: { kind: 'delete', args: 'criteria' },
    softDelete: { kind: 'update', args: 'criteria' },
    restore: { kind: 'update', args: 'criteria' },
    increment: { kind: 'update', args: 'criteria' },
    decrement: { kind: 'update', args: 'criteria' },
  }) as [string, FindMethod][],
);

/** The query of a find-style call; `args` without the entity an EntityManager call starts with. */
export function typeormFind(b: FindBuilder, model: OrmModel, method: string, args: readonly TS.Expression[], callee: Span, call: Span, methodSpan: Span): QueryDef | undefined {
  const ts = b.ts;
  const m = TYPEORM_FIND.get(method);
  if (!m) return undefined;
  const q = b.query(m.kind, model, callee);
  const first = args[0] && unwrap(ts, args[0]);
  let withDeleted = false;
  if (m.args === 'options' && first && ts.isObjectLiteralExpression(first)) {
    withDeleted = prop(ts, first, 'withDeleted')?.value.kind === ts.SyntaxKind.TrueKeyword;
    const where = prop(ts, first, 'where');
    if (where) q.and(filter(b, q, q.main, where.value, ''));
    relations(b, q, prop(ts, first, 'relations')?.value);
    order(b, q, q.main, prop(ts, first, 'order')?.value, '');
    q.amounts(first);
    select(b, q, prop(ts, first, 'select')?.value, m.kind === 'select' && method !== 'count');
  } else if (m.args === 'options' && first) {
    // TypeORM 0.2's `findOne(id, options)`.
    q.and(key(b, q.main, first));
    if (m.kind === 'select') q.selectAll();
  } else if (m.args === 'where' || m.args === 'aggregate') {
    const where = m.args === 'where' ? first : args[1] && unwrap(ts, args[1]);
    if (where) q.and(filter(b, q, q.main, where, ''));
    if (m.args === 'aggregate' && first && ts.isStringLiteral(first)) {
      const c = model.fields.get(first.text);
      if (c) q.columns.push(b.col(q.main, c, b.span(first)));
    } else if (method !== 'countBy') q.selectAll();
  } else if (m.args === 'ids' && first) {
    q.and(key(b, q.main, first));
    q.selectAll();
  } else if (m.args === 'criteria' && first) {
    q.and(ts.isObjectLiteralExpression(first) ? filter(b, q, q.main, first, '') : key(b, q.main, first));
  }
  if (m.kind === 'select' && model.softDelete && !withDeleted) {
    const at = methodSpan;
    q.and(nullTest(b, 'IS NULL', () => b.col(q.main, model.softDelete!, at), at));
  }
  if (!q.limit && m.one) q.limit = { k: 'lit', type: 'number', value: '1', span: b.place(methodSpan) };
  return b.lower(q.select(call));
}

/** A primary key value (`findOne(id)`, `delete(id)`) or a list of them (`delete([a, b])`, `findByIds(ids)`). */
function key(b: FindBuilder, scope: Scope, node: TS.Expression): QExpr | undefined {
  const ts = b.ts;
  const pk = scope.model.primaryKey;
  if (pk.length !== 1) return undefined;
  const file = b.span(node);
  const col = () => b.col(scope, pk[0], file);
  if (ts.isArrayLiteralExpression(node)) return list(b, 'IN', col, node, file);
  // A variable may hold a where object as well as an id; a name that says id(s) says which.
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const name = ts.isIdentifier(node) ? node.text : node.name.text;
    if (/ids$/i.test(name)) return list(b, 'IN', col, node, file);
    if (!/(?:^|[a-z_])(?:id|Id|ID)$/.test(name) && !/^id$/i.test(name)) return undefined;
  }
  return ts.isObjectLiteralExpression(node) ? undefined : equality(b, col, node, file, false);
}

/** A where object on `scope` (an array of them: any of them). */
function filter(b: FindBuilder, q: FindQuery, scope: Scope, node: TS.Expression, path: string): QExpr | undefined {
  const ts = b.ts;
  return b.where(node, 'OR', (p, file) => {
    const rel = scope.model.relations.get(p.key);
    if (rel) {
      if (!ts.isObjectLiteralExpression(p.value)) return undefined;
      const direct = !rel.many && !rel.through ? keyEquality(b, scope, rel, p.value, (col, value, at) => operand(b, col, value, at)) : undefined;
      if (direct) return direct();
      const target = q.join(scope, rel, file, 'left', `${path}.${p.key}`);
      return target ? filter(b, q, target, p.value, `${path}.${p.key}`) : undefined;
    }
    const column = scope.model.fields.get(p.key);
    // An embedded object's properties are columns of the same table.
    if (!column) return ts.isObjectLiteralExpression(p.value) ? filter(b, q, scope, p.value, path) : undefined;
    return operand(b, () => b.col(scope, column, file), p.value, file);
  });
}

const OPERATORS: Readonly<Record<string, string>> = { LessThan: '<', LessThanOrEqual: '<=', MoreThan: '>', MoreThanOrEqual: '>=' };

/** A column's condition: a value (equality), or a find operator call (`In([…])`, `Not(IsNull())`, `Between(a, b)` …). */
function operand(b: FindBuilder, col: () => QExpr, node: TS.Expression, file: Span): QExpr | undefined {
  const ts = b.ts;
  const v = unwrap(ts, node);
  if (!ts.isCallExpression(v)) return equality(b, col, v, file, false);
  const callee = ts.isIdentifier(v.expression) ? v.expression.text : ts.isPropertyAccessExpression(v.expression) ? v.expression.name.text : '';
  const [a0, a1] = v.arguments;
  switch (callee) {
    case 'Equal':
      return a0 && equality(b, col, a0, file, false);
    case 'IsNull':
      return nullTest(b, 'IS NULL', col, file);
    case 'Not': {
      const inner = a0 && unwrap(ts, a0);
      if (inner && ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'IsNull') return nullTest(b, 'IS NOT NULL', col, file);
      if (inner && ts.isCallExpression(inner)) return b.not(file, () => operand(b, col, inner, file));
      return inner && b.compare('<>', col, inner, file);
    }
    case 'In':
    case 'Any':
      return a0 && list(b, 'IN', col, a0, file);
    case 'LessThan':
    case 'LessThanOrEqual':
    case 'MoreThan':
    case 'MoreThanOrEqual':
      return a0 && b.compare(OPERATORS[callee], col, a0, file);
    case 'Between':
      return a0 && a1
        ? b.op('BETWEEN', file, (glue) => {
            const c = col();
            glue(' BETWEEN ');
            const low = b.value(a0);
            glue(' AND ');
            const high = b.value(a1);
            return low && high ? [c, low, high] : undefined;
          })
        : undefined;
    case 'Like':
    case 'ILike':
      return a0 && b.compare(callee === 'ILike' && b.dialect === 'postgresql' ? 'ILIKE' : 'LIKE', col, a0, file, (n) => b.pattern(n));
    case 'And':
    case 'Or':
      return b.group(callee === 'And' ? 'AND' : 'OR', file, v.arguments.map((x) => () => operand(b, col, x, file)));
    default:
      return undefined; // Raw(…), ArrayContains(…), JsonContains(…): nothing an index of ours seeks on
  }
}

/** `order: { createdAt: 'DESC' }`, `{ a: { direction: 'desc', nulls: 'last' } }`, `{ author: { name: 'ASC' } }`. */
function order(b: FindBuilder, q: FindQuery, scope: Scope, node: TS.Expression | undefined, path: string): void {
  const ts = b.ts;
  for (const p of props(ts, node && unwrap(ts, node))) {
    const file = b.span(p.node);
    const rel = scope.model.relations.get(p.key);
    if (rel) {
      const target = q.join(scope, rel, file, 'left', `${path}.${p.key}`);
      if (target) order(b, q, target, p.value, `${path}.${p.key}`);
      continue;
    }
    const column = scope.model.fields.get(p.key);
    if (!column) continue;
    const obj = ts.isObjectLiteralExpression(p.value) ? p.value : undefined;
    const dir = obj ? prop(ts, obj, 'direction')?.value : p.value;
    const nulls = obj ? prop(ts, obj, 'nulls')?.value : undefined;
    const text = (x: TS.Expression | undefined) => (x && (ts.isStringLiteral(x) || ts.isNumericLiteral(x)) ? x.text.toLowerCase() : x && ts.isPrefixUnaryExpression(x) ? '-1' : '');
    const expr = b.col(scope, column, file);
    const key: QSelect['orderBy'][number] = { expr, desc: text(dir) === 'desc' || text(dir) === '-1', span: expr.span };
    if (text(nulls) === 'first' || text(nulls) === 'last') key.nulls = text(nulls) as 'first' | 'last';
    q.orderBy.push(key);
  }
}

/** `relations: ['posts', 'posts.comments']` or `{ posts: { comments: true } }`: LEFT JOINs, their columns read too. */
function relations(b: FindBuilder, q: FindQuery, node: TS.Expression | undefined): void {
  const ts = b.ts;
  if (!node) return;
  const n = unwrap(ts, node);
  const paths: { path: string[]; file: Span }[] = [];
  const walk = (o: TS.Expression, prefix: string[]) => {
    for (const p of props(ts, o)) {
      if (p.value.kind === ts.SyntaxKind.FalseKeyword) continue;
      paths.push({ path: [...prefix, p.key], file: b.span(p.node) });
      if (ts.isObjectLiteralExpression(p.value)) walk(p.value, [...prefix, p.key]);
    }
  };
  if (ts.isArrayLiteralExpression(n)) {
    for (const e of n.elements) if (ts.isStringLiteral(e)) paths.push({ path: e.text.split('.'), file: b.span(e) });
  } else walk(n, []);
  for (const { path, file } of paths) {
    let scope: Scope | undefined = q.main;
    for (let i = 0; i < path.length && scope; i++) {
      const rel: ReturnType<typeof scope.model.relations.get> = scope.model.relations.get(path[i]);
      scope = rel && q.join(scope, rel, file, 'left', '.' + path.slice(0, i + 1).join('.'));
      if (scope && i === path.length - 1) q.selectAll(scope);
    }
  }
}

/** `select: { id: true, email: true }` or `['id', 'email']`; else every column of the entity. */
function select(b: FindBuilder, q: FindQuery, node: TS.Expression | undefined, reads: boolean): void {
  const ts = b.ts;
  const n = node && unwrap(ts, node);
  const picked: { key: string; file: Span }[] = [];
  if (n && ts.isArrayLiteralExpression(n)) for (const e of n.elements) if (ts.isStringLiteral(e)) picked.push({ key: e.text, file: b.span(e) });
  if (n && ts.isObjectLiteralExpression(n)) for (const p of props(ts, n)) if (p.value.kind !== ts.SyntaxKind.FalseKeyword) picked.push({ key: p.key, file: b.span(p.node) });
  const cols = picked.flatMap((p) => {
    const c = q.main.model.fields.get(p.key);
    return c ? [{ c, file: p.file }] : [];
  });
  if (cols.length) for (const { c, file } of cols) q.columns.unshift(b.col(q.main, c, file));
  else if (reads) q.columns.unshift(...allColumns(b, q.main));
}

function allColumns(b: FindBuilder, scope: Scope): QExpr[] {
  return scope.model.columns.map((c) => b.col(scope, c, scope.at));
}

// ---------------------------------------------------------------------------------------------------------
// Query builders

/** One method call of a query builder chain. */
export interface BuilderCall {
  name: string;
  node: TS.CallExpression;
}

/** Where a builder starts: the entity and alias `createQueryBuilder` names (or none yet: `.from(User, 'u')` later). */
export interface BuilderStart {
  model?: OrmModel;
  alias?: string;
  /** The `createQueryBuilder` call's callee: the table reference. */
  at: Span;
}

const JOINS: ReadonlyMap<string, 'LEFT' | 'INNER'> = new Map(
  Object.entries({
    leftJoin: 'LEFT',
    leftJoinAndSelect: 'LEFT',
    innerJoin: 'INNER',
    innerJoinAndSelect: 'INNER',
    leftJoinAndMapOne: 'LEFT',
    leftJoinAndMapMany: 'LEFT',
    innerJoinAndMapOne: 'INNER',
    innerJoinAndMapMany: 'INNER',
  }) as [string, 'LEFT' | 'INNER'][],
);
const WHERES = new Set(['where', 'andWhere', 'orWhere', 'whereInIds', 'andWhereInIds', 'orWhereInIds']);
const HAVINGS = new Set(['having', 'andHaving', 'orHaving']);
/** Builder methods that only produce text or parameters (a subquery's SQL): the chain is not run. */
const NOT_RUN = new Set(['getQuery', 'getSql', 'getQueryAndParameters', 'getParameters', 'subQuery']);

/**
 * The query of a builder chain (the SQL TypeORM would build, read back by the SQL parser) and the entity it reads;
 * undefined when it is not a read, update or delete we can write.
 */
export function builderQuery(b: FindBuilder, start: BuilderStart, calls: readonly BuilderCall[]): { query: QueryDef; model: OrmModel } | undefined {
  const ts = b.ts;
  const models = b.byName;
  if (calls.some((c) => NOT_RUN.has(c.name) || c.name === 'insert')) return undefined;
  const w = b.w;
  const aliases = new Map<string, OrmModel>();
  let main = start.model;
  let alias = start.alias;
  const entityOf = (n: TS.Expression | undefined): OrmModel | undefined => {
    const x = n && unwrap(ts, n);
    return x && (ts.isIdentifier(x) || ts.isStringLiteral(x)) ? models.get(x.text) : undefined;
  };
  for (const c of calls) {
    const [a0, a1] = c.node.arguments;
    if (c.name === 'from' || c.name === 'update' || (c.name === 'delete' && a0)) {
      main = entityOf(a0) ?? main;
      if (a1 && ts.isStringLiteral(a1)) alias = a1.text;
    }
  }
  if (!main) return undefined;
  const kind: QSelect['kind'] = calls.some((c) => c.name === 'delete') ? 'delete' : calls.some((c) => c.name === 'update' || c.name === 'softDelete' || c.name === 'restore') ? 'update' : 'select';
  if (alias) aliases.set(alias, main);
  const mainScope: Scope = { model: main, alias: alias ?? '', at: start.at };
  const table = (m: OrmModel, at: Span, as?: string) => {
    w.emit((m.table.schema ? w.quote(m.table.schema) + '.' : '') + w.quote(m.table.name), at);
    if (as) w.emit(` ${w.quote(as)}`, at);
  };
  const frag: Fragment = (n) => !!n && writeLiteral(w, unwrap(ts, n), b.sf, (x, text, at) => fragment(x, text, at, aliases));

  // Joins first: their aliases name columns in every clause.
  const joins: { type: string; call: BuilderCall; target?: { model: OrmModel; rel?: { from: string; name: string } }; alias: string; cond?: TS.Expression; select: boolean }[] = [];
  for (const c of calls) {
    const type = JOINS.get(c.name);
    if (!type) continue;
    const args = /Map(?:One|Many)$/.test(c.name) ? c.node.arguments.slice(1) : c.node.arguments;
    const [what, as, cond] = args;
    if (!as || !ts.isStringLiteral(as)) continue;
    const x = what && unwrap(ts, what);
    let target: (typeof joins)[number]['target'];
    if (x && ts.isStringLiteral(x) && /^[\w$]+\.[\w$]+$/.test(x.text)) {
      const [from, name] = x.text.split('.');
      const rel = aliases.get(from)?.relations.get(name);
      const m = rel && models.get(rel.target);
      if (m) target = { model: m, rel: { from, name } };
    } else {
      const m = entityOf(x);
      if (m) target = { model: m };
    }
    if (target) aliases.set(as.text, target.model);
    joins.push({ type, call: c, target, alias: as.text, cond, select: /AndSelect$|AndMap/.test(c.name) });
  }

  if (kind === 'select') {
    w.emit('SELECT ');
    const picks = calls.filter((c) => c.name === 'select' || c.name === 'addSelect');
    let listed = 0;
    const columnsOf = (as: string, at: Span) => {
      const m = aliases.get(as);
      for (const col of m?.columns ?? []) {
        if (listed++) w.emit(', ');
        w.emit(`${w.quote(as)}.${w.quote(col)}`, at);
      }
    };
    for (const c of picks) {
      if (c.name === 'select') listed = 0;
      const a0 = c.node.arguments[0] && unwrap(ts, c.node.arguments[0]);
      const items = a0 && ts.isArrayLiteralExpression(a0) ? [...a0.elements] : a0 ? [a0] : [];
      for (const item of items) {
        if (ts.isStringLiteral(item) && aliases.has(item.text)) {
          columnsOf(item.text, b.span(item));
          continue;
        }
        const mark = w.mark();
        if (listed) w.emit(', ');
        if (frag(item)) listed++;
        else w.reset(mark);
      }
    }
    if (!listed) {
      columnsOf(alias ?? '', start.at);
      for (const j of joins) if (j.select) columnsOf(j.alias, methodSpan(b, j.call));
    }
    if (!listed) w.emit('1', start.at);
    w.emit(' FROM ');
    table(main, start.at, alias);
  } else if (kind === 'update') {
    w.emit('UPDATE ');
    table(main, start.at, alias && b.dialect !== 'sqlite' ? alias : undefined);
    w.emit(' SET ');
    const set = calls.find((c) => c.name === 'set')?.node.arguments[0];
    const cols = props(ts, set && unwrap(ts, set)).flatMap((p) => {
      const c = main!.fields.get(p.key);
      return c ? [{ c, at: b.span(p.node) }] : [];
    });
    if (!cols.length) cols.push({ c: main.softDelete ?? main.columns[0] ?? 'id', at: start.at });
    cols.forEach((x, i) => {
      if (i) w.emit(', ');
      w.emit(w.quote(x.c), x.at);
      w.emit(' = ');
      w.param(x.at);
    });
  } else {
    w.emit('DELETE FROM ');
    table(main, start.at, alias && b.dialect === 'postgresql' ? alias : undefined);
  }

  for (const j of joins) {
    if (kind !== 'select') break;
    const at = methodSpan(b, j.call);
    w.emit(` ${j.type} JOIN `);
    if (!j.target) {
      w.emit(`(SELECT 1) ${w.quote(j.alias)} ON 1 = 1`);
      continue;
    }
    const rel = j.target.rel && aliases.get(j.target.rel.from)?.relations.get(j.target.rel.name);
    if (rel?.through) {
      // A many-to-many joins its join table, then the target.
      const mid = `${j.alias}_${j.target.rel!.name}`;
      w.emit(`${w.quote(rel.through.table.name)} ${w.quote(mid)} ON `);
      pairs(w, mid, rel.through.local, j.target.rel!.from, rel.local, at);
      w.emit(` ${j.type} JOIN `);
      table(j.target.model, at, j.alias);
      w.emit(' ON ');
      pairs(w, j.alias, rel.remote, mid, rel.through.remote, at);
    } else {
      table(j.target.model, at, j.alias);
      w.emit(' ON ');
      if (rel) pairs(w, j.alias, rel.remote, j.target.rel!.from, rel.local, at);
      else if (!j.cond) w.emit('1 = 1');
    }
    if (j.cond) {
      const mark = w.mark();
      w.emit(rel ? ' AND (' : '(');
      if (frag(j.cond)) w.emit(')');
      else {
        w.reset(mark);
        if (!rel) w.emit('1 = 1');
      }
    }
  }

  // TypeORM reads only the rows not soft-deleted, unless told `withDeleted()`.
  const live = kind === 'select' && main.softDelete && !calls.some((c) => c.name === 'withDeleted') ? main.softDelete : undefined;
  conditions(b, calls, WHERES, 'WHERE', mainScope, frag, live ? () => w.emit(`${alias ? w.quote(alias) + '.' : ''}${w.quote(live)} IS NULL`, start.at) : undefined);
  if (kind === 'select') {
    commaList(w, calls, 'groupBy', 'addGroupBy', ' GROUP BY ', frag);
    conditions(b, calls, HAVINGS, 'HAVING', mainScope, frag);
    orderBy(b, w, calls, frag);
    const amount = (names: readonly string[]) => {
      const c = [...calls].reverse().find((x) => names.includes(x.name));
      const v = c?.node.arguments[0] && unwrap(ts, c.node.arguments[0]);
      return c && v && !(ts.isIdentifier(v) && v.text === 'undefined') ? { c, v } : undefined;
    };
    const limit = amount(['limit', 'take']);
    const offset = amount(['offset', 'skip']);
    // MySQL and SQLite take an OFFSET only after a LIMIT: "no limit" is written as the largest one.
    const noLimit = !limit && offset && b.dialect !== 'postgresql';
    if (noLimit) w.emit(b.dialect === 'mysql' ? ' LIMIT 18446744073709551615' : ' LIMIT -1');
    for (const [x, word] of [[limit, 'LIMIT'], [offset, 'OFFSET']] as const) {
      if (!x) continue;
      w.emit(` ${word} `);
      if (ts.isNumericLiteral(x.v)) w.emit(x.v.text, methodSpan(b, x.c));
      else w.param(methodSpan(b, x.c));
    }
    const query = writtenQuery(w);
    if (query && noLimit) delete query.blocks[0]?.limit;
    return query && { query, model: main };
  }
  const query = writtenQuery(w);
  return query && { query, model: main };
}

/** A builder call from its method name on (`take(10)`, not the chain before it). */
function methodSpan(b: FindBuilder, c: BuilderCall): Span {
  const callee = c.node.expression;
  return { start: (b.ts.isPropertyAccessExpression(callee) ? callee.name : callee).getStart(b.sf), end: c.node.end };
}

/** `"a"."x" = "b"."y" AND …` for a join's key columns. */
function pairs(w: SqlWriter, a: string, acols: string[], bAlias: string, bcols: string[], at: Span): void {
  acols.forEach((c, i) => {
    if (i) w.emit(' AND ');
    w.emit(`${w.quote(a)}.${w.quote(c)}`, at);
    w.emit(' = ');
    w.emit(`${w.quote(bAlias)}.${w.quote(bcols[i] ?? c)}`, at);
  });
}

/**
 * ` WHERE (a) AND (b) OR (c)` (or ` HAVING …`) when any condition can be written; `also`, a condition TypeORM adds
 * itself (the soft-delete column's `IS NULL`), goes after the user's, which it wraps in parentheses as TypeORM does.
 */
function conditions(b: FindBuilder, calls: readonly BuilderCall[], names: ReadonlySet<string>, word: 'WHERE' | 'HAVING', scope: Scope, frag: Fragment, also?: () => void): void {
  const w = b.w;
  const start = w.mark();
  w.emit(` ${word} `);
  if (also) w.emit('(');
  const mark = w.mark();
  if (clauses(b, calls.filter((c) => names.has(c.name)), scope, frag)) {
    if (also) {
      w.emit(') AND ');
      also();
    }
  } else if (also) {
    w.reset(mark);
    w.reset(start);
    w.emit(` ${word} `);
    also();
  } else w.reset(start);
}

type Fragment = (n: TS.Expression | undefined) => boolean;

/**
 * `(a) AND (b) OR (c)` from `where` / `andWhere` / `orWhere` calls (a later `where` or `having` replaces what came
 * before, as in TypeORM): string fragments, find-style where objects, `new Brackets(qb => …)` groups,
 * `whereInIds(ids)`. False when nothing could be written.
 */
function clauses(b: FindBuilder, calls: readonly BuilderCall[], scope: Scope, frag: Fragment): boolean {
  const w = b.w;
  const restart = calls.map((c) => c.name === 'where' || c.name === 'having' || c.name === 'whereInIds').lastIndexOf(true);
  let n = 0;
  for (const c of calls.slice(Math.max(restart, 0))) {
    const mark = w.mark();
    if (n) w.emit(c.name.startsWith('or') ? ' OR ' : ' AND ');
    w.emit('(');
    const ok = c.name.endsWith('InIds') ? ids(b, scope, c.node.arguments[0]) : condition(b, c.node.arguments[0], scope, frag);
    if (ok) {
      w.emit(')');
      n++;
    } else w.reset(mark);
  }
  return n > 0;
}

function ids(b: FindBuilder, scope: Scope, node: TS.Expression | undefined): boolean {
  const pk = scope.model.primaryKey;
  if (!node || pk.length !== 1) return false;
  const at = b.span(node);
  b.w.emit(`${scope.alias ? b.w.quote(scope.alias) + '.' : ''}${b.w.quote(pk[0])}`, at);
  b.w.emit(' IN (');
  b.w.param(at);
  b.w.emit(')');
  return true;
}

/** One where argument: a fragment, a where object on the main entity, or a `Brackets` of further conditions. */
function condition(b: FindBuilder, node: TS.Expression | undefined, scope: Scope, frag: Fragment): boolean {
  const ts = b.ts;
  const n = node && unwrap(ts, node);
  if (!n) return false;
  if (ts.isObjectLiteralExpression(n)) {
    // Written in place; a relation in it would need a join the builder does not have: then nothing.
    const mark = b.w.mark();
    const q = b.query('select', scope.model, scope.at);
    if (filter(b, q, scope, n, '') && q.from.length === 1) return true;
    b.w.reset(mark);
    return false;
  }
  if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && (n.expression.text === 'Brackets' || n.expression.text === 'NotBrackets')) {
    const fn = n.arguments?.[0] && unwrap(ts, n.arguments[0]);
    const param = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : undefined;
    if (!fn || !param) return false;
    const inner: BuilderCall[] = [];
    const visit = (x: TS.Node): void => {
      const chain = ts.isCallExpression(x) ? builderChain(ts, x) : undefined;
      if (chain?.root === param) inner.push(...chain.calls.filter((c) => WHERES.has(c.name)));
      else ts.forEachChild(x, visit);
    };
    visit((fn as TS.ArrowFunction).body);
    const mark = b.w.mark();
    const not = n.expression.text === 'NotBrackets';
    if (not) b.w.emit('NOT (');
    if (!clauses(b, inner, scope, frag)) {
      b.w.reset(mark);
      return false;
    }
    if (not) b.w.emit(')');
    return true;
  }
  return frag(n);
}

/** The calls of `x.a(…).b(…)` rooted at an identifier (a builder parameter or variable), in order. */
function builderChain(ts: typeof TS, outer: TS.CallExpression): { root: string; calls: BuilderCall[] } | undefined {
  const calls: BuilderCall[] = [];
  let e: TS.Expression = outer;
  for (;;) {
    e = unwrap(ts, e);
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      calls.unshift({ name: e.expression.name.text, node: e });
      e = e.expression.expression;
    } else break;
  }
  return ts.isIdentifier(e) && calls.length ? { root: e.text, calls } : undefined;
}

/** ` GROUP BY a, b` from `groupBy` (which restarts the list) and `addGroupBy`. */
function commaList(w: SqlWriter, calls: readonly BuilderCall[], first: string, more: string, word: string, frag: Fragment): void {
  const names = calls.map((c) => c.name);
  const from = names.lastIndexOf(first);
  const items = calls.filter((c, i) => (c.name === first && i === from) || (c.name === more && i > from));
  const start = w.mark();
  w.emit(word);
  let n = 0;
  for (const c of items) {
    const mark = w.mark();
    if (n) w.emit(', ');
    if (frag(c.node.arguments[0])) n++;
    else w.reset(mark);
  }
  if (!n) w.reset(start);
}

/** `orderBy('u.createdAt', 'DESC', 'NULLS LAST')`, `addOrderBy(…)`, `orderBy({ 'u.a': 'DESC' })`. */
function orderBy(b: FindBuilder, w: SqlWriter, calls: readonly BuilderCall[], frag: Fragment): void {
  const ts = b.ts;
  const names = calls.map((c) => c.name);
  const from = names.lastIndexOf('orderBy');
  const items = calls.filter((c, i) => (c.name === 'orderBy' && i === from) || (c.name === 'addOrderBy' && i > from));
  const start = w.mark();
  w.emit(' ORDER BY ');
  let n = 0;
  const key = (sort: TS.Expression, dir?: TS.Expression, nulls?: TS.Expression) => {
    const mark = w.mark();
    if (n) w.emit(', ');
    if (!frag(sort)) {
      w.reset(mark);
      return;
    }
    const d = dir && unwrap(ts, dir);
    // Glue: the sort key's span stays the column as written.
    if (d && ts.isStringLiteral(d) && /^desc$/i.test(d.text)) w.emit(' DESC');
    const nl = nulls && unwrap(ts, nulls);
    if (nl && ts.isStringLiteral(nl) && /^NULLS (?:FIRST|LAST)$/i.test(nl.text) && b.dialect !== 'mysql') w.emit(` ${nl.text.toUpperCase()}`);
    n++;
  };
  for (const c of items) {
    const [a0, a1, a2] = c.node.arguments;
    const o = a0 && unwrap(ts, a0);
    if (o && ts.isObjectLiteralExpression(o)) {
      for (const p of o.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name)) continue;
        const v = unwrap(ts, p.initializer);
        if (ts.isObjectLiteralExpression(v)) key(p.name, prop(ts, v, 'order')?.value, prop(ts, v, 'nulls')?.value);
        else key(p.name, v);
      }
    } else if (a0) key(a0, a1, a2);
  }
  if (!n) w.reset(start);
}

/**
 * A query builder fragment as SQL: `alias.property` → the quoted alias and the property's column (as TypeORM
 * replaces them), `:name` and `:...names` → parameters, the rest as written (one to one with the script).
 */
function fragment(w: SqlWriter, text: string, at: number, aliases: Map<string, OrmModel>): void {
  const re = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|(?<![:\w])(:)(?:\.\.\.)?[A-Za-z_][\w.]*(?<!\.)|(?<![\w$."])([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)(?![\w$(])/g;
  let last = 0;
  const copy = (to: number) => {
    if (to > last) w.emit(text.slice(last, to), { start: at + last, end: at + to }, true);
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const span = { start: at + m.index, end: at + m.index + m[0].length };
    if (m[1]) {
      copy(m.index);
      w.param(span);
      last = m.index + m[0].length;
    } else if (m[2] !== undefined && aliases.has(m[2])) {
      copy(m.index);
      const column = aliases.get(m[2])!.fields.get(m[3]) ?? m[3];
      w.emit(`${w.quote(m[2])}.${w.quote(column)}`, span);
      last = m.index + m[0].length;
    }
  }
  copy(text.length);
}
