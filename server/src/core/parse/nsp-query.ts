/**
 * node-sql-parser's AST of a MySQL/MariaDB or SQLite query → the neutral query tree of query.ts, with UTF-16 file
 * offsets.
 *
 * Locations are sparse: with `includeLocations` the mysql build puts `loc` on column refs, binary expressions, calls
 * and FROM items, the sqlite build on calls only, and neither on literals, parameters, casts, lists or subqueries.
 * So spans come from our own tokens: the walk keeps a cursor in the statement's tokens and, node by node in source
 * order, finds the tokens each node was read from (a column's name, a literal's token, a call's parentheses, the
 * clause keywords between). A `loc`, where there is one, re-anchors the cursor and bounds the search inside it.
 */
import type { QName, Span } from '../model/types';
import { firstTokenAt, lex } from './lexer';
import { significant } from './locate';
import type { QExpr, QFrom, QJoin, QSelect } from './query';
import type { Token } from './types';

type N = Record<string, unknown>;

interface Tok {
  start: number;
  end: number;
  kind: Token['kind'];
  text: string;
  /** Upper-cased text of a word (keywords compare on it), else the text. */
  up: string;
  /** Lower-cased identifier of a word or quoted token (names compare on it). */
  name?: string;
}

/**
 * The query of one statement's AST (`astify` with `includeLocations`): SELECT (with UNION arms), UPDATE, DELETE, or
 * INSERT … SELECT; undefined for anything else (INSERT … VALUES included) and never throws. `text` is the statement
 * as written (node-sql-parser may have read a same-length rewrite of it: SQLite `[x]` as `"x"`, see mysql.ts),
 * `base` its file offset, `tokens` (optional) our lexer's tokens of `text`.
 */
export function nspQuery(ast: unknown, text: string, base: number, dialect: 'mysql' | 'sqlite', tokens?: readonly Token[]): QSelect | undefined {
  try {
    const a = (Array.isArray(ast) ? ast[0] : ast) as N | undefined;
    return a && typeof a === 'object' ? new NspQueryWalker(text, base, dialect, tokens).statement(a) : undefined;
  } catch {
    // A walker bug costs the query, not the file.
    return undefined;
  }
}

/** The SELECT of a `CREATE VIEW` statement's AST (`{ type: 'create', keyword: 'view', select }`); never throws. */
export function nspViewQuery(ast: unknown, text: string, base: number, dialect: 'mysql' | 'sqlite', tokens?: readonly Token[]): QSelect | undefined {
  try {
    const a = (Array.isArray(ast) ? ast[0] : ast) as N | undefined;
    if (!a || a.type !== 'create' || a.keyword !== 'view') return undefined;
    return new NspQueryWalker(text, base, dialect, tokens).view(a);
  } catch {
    return undefined;
  }
}

function obj(x: unknown): N {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as N) : {};
}

function arr(x: unknown): N[] {
  return Array.isArray(x) ? x.filter((v): v is N => !!v && typeof v === 'object') : [];
}

/** A name as node-sql-parser gives it: a string, `{ type: 'backticks_quote_string', value }`, `{ expr: { value } }`. */
function nameOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const o = x as N;
  return nameOf(o.value) ?? nameOf(o.expr);
}

/** The SELECT of a subquery: node-sql-parser wraps it as `{ tableList, columnList, ast }`, or gives the node itself. */
function subAst(x: unknown): N | undefined {
  const o = obj(x);
  if (o.ast && typeof o.ast === 'object' && obj(o.ast).type === 'select') return o.ast as N;
  return o.type === 'select' ? o : undefined;
}

function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Operators node-sql-parser keeps as written, in the spelling of query.ts (integer division wraps a column like `/`). */
const OPS: Record<string, string> = { '!=': '<>', '==': '=', MOD: '%', DIV: '/' };
/**
 * MySQL's `||` and `&&` are OR and AND (unless sql_mode PIPES_AS_CONCAT). node-sql-parser reads `||` with the
 * precedence of concatenation (`a = 1 || b = 2` as `a = (1 || b) = 2`): as OR that misreading claims no predicate.
 */
const MYSQL_OPS: Record<string, string> = { '||': 'OR', '&&': 'AND' };
const SET_OPS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);
/** sqlite mode reads `t CROSS JOIN u` / `t NATURAL JOIN u` as table `t` aliased `CROSS` / `NATURAL`. */
const JOIN_WORDS = new Set(['CROSS', 'NATURAL', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'JOIN']);
const STRING_TYPES = new Set(['single_quote_string', 'natural_string', 'hex_string', 'bit_string', 'string', 'regex_string']);

class NspQueryWalker {
  private readonly toks: Tok[] = [];
  private readonly last: number;
  /** Next token to read. */
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly dialect: 'mysql' | 'sqlite',
    tokens?: readonly Token[],
  ) {
    for (const t of significant(tokens ?? lex(text, dialect))) {
      const raw = text.slice(t.start, t.end);
      const ident = t.kind === 'word' || t.kind === 'quoted';
      this.toks.push({ start: t.start, end: t.end, kind: t.kind, text: raw, up: t.kind === 'word' ? raw.toUpperCase() : raw, ...(ident ? { name: (t.kind === 'word' ? raw : t.value).toLowerCase() } : {}) });
    }
    this.last = this.toks.length - 1;
  }

  statement(a: N): QSelect | undefined {
    if (this.last < 0) return undefined;
    let q: QSelect | undefined;
    switch (a.type) {
      case 'select':
        q = this.query(a, 0, this.last);
        break;
      case 'update':
      case 'delete':
        q = this.change(a, a.type);
        break;
      case 'insert':
        q = this.insert(a);
        break;
      default:
        return undefined;
    }
    // The whole statement, parentheses around a SELECT included.
    if (q) q.span = this.span(0, this.last);
    return q;
  }

  view(a: N): QSelect | undefined {
    const sel = subAst(a.select);
    if (!sel || this.last < 0) return undefined;
    // The SELECT follows the first AS outside parentheses (after the name and its column list), up to WITH CHECK OPTION.
    const as = this.seek('AS', this.last);
    if (as < 0) return undefined;
    let end = this.last;
    for (let d = 0, k = as + 1; k <= this.last; k++) {
      d = this.depth(d, k);
      if (d === 0 && this.toks[k].up === 'WITH' && ['CHECK', 'CASCADED', 'LOCAL'].includes(this.toks[k + 1]?.up ?? '')) {
        end = k - 1;
        break;
      }
    }
    if (as + 1 > end) return undefined;
    const q = this.query(sel, as + 1, end);
    q.span = this.span(as + 1, end);
    return q;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Statements and clauses

  private empty(kind: QSelect['kind'], span: Span): QSelect {
    return { kind, span, with: [], from: [], groupBy: [], orderBy: [], columns: [], setOps: [] };
  }

  /** A SELECT with its UNION / INTERSECT / EXCEPT arms (node-sql-parser chains them through `_next`), over tokens first..last. */
  private query(a: N, first: number, last: number): QSelect {
    [first, last] = this.unparen(first, last);
    const arms: N[] = [];
    for (let x: N | undefined = a; x && arms.length < 1000; x = x._next ? obj(x._next) : undefined) arms.push(x);
    if (arms.length === 1 && !a._orderby && !a._limit) return this.select(a, first, last);
    const ranges = this.arms(first, last);
    const tail = arms[arms.length - 1];
    // ORDER BY / LIMIT after the last arm sort and cut the whole (libpg-query, and so query.ts, put them on the first
    // block); node-sql-parser hangs them on the last arm, or as `_orderby` / `_limit` when the arms are parenthesized.
    const hoist = arms.length > 1 && !tail.parentheses_symbol && (tail.orderby || tail.limit);
    let orderBy = a._orderby;
    let limit = a._limit;
    if (hoist) {
      orderBy ??= tail.orderby;
      limit ??= tail.limit;
      arms[arms.length - 1] = { ...tail, orderby: null, limit: null };
    }
    // The trailing ORDER BY / LIMIT are not part of the last arm's tokens.
    const r = ranges[ranges.length - 1];
    const rest = orderBy || limit ? this.clauseStart(r[0], r[1], ['ORDER', 'LIMIT']) : -1;
    if (rest > r[0]) r[1] = rest - 1;
    const at = (k: number): [number, number] => ranges[k] ?? [Math.min(this.pos, last), last];
    // The first arm's block: its span is that arm's (the statement's and a view's span is the whole, set by the caller).
    const q = this.select({ ...arms[0], _next: null }, ...at(0));
    for (let k = 1; k < arms.length; k++) q.setOps.push(this.select({ ...arms[k], _next: null }, ...at(k)));
    if (rest >= 0) this.pos = rest;
    this.orderBy(q, orderBy, last);
    this.limit(q, limit, last);
    return q;
  }

  /** One SELECT block over tokens first..last. */
  private select(a: N, first: number, last: number): QSelect {
    [first, last] = this.unparen(first, last);
    const q = this.empty('select', this.span(first, last));
    this.pos = first;
    this.withClause(a.with, q, last);
    this.seek('SELECT', last);
    q.columns = this.selectList(a.columns, last);
    if (Array.isArray(a.from) && a.from.length) {
      this.seek('FROM', last);
      this.fromItems(arr(a.from), q.from, last, q.setOps);
    }
    if (a.where) {
      this.seek('WHERE', last);
      q.where = this.expr(a.where, last);
    }
    const groups = Array.isArray(a.groupby) ? arr(a.groupby) : arr(obj(a.groupby).columns);
    groups.forEach((g, k) => {
      this.seek(k ? ',' : 'GROUP', last);
      q.groupBy.push(this.expr(g, last));
    });
    if (a.having) {
      this.seek('HAVING', last);
      q.having = this.expr(a.having, last);
    }
    this.orderBy(q, a.orderby, last);
    this.limit(q, a.limit, last);
    return q;
  }

  /** UPDATE / DELETE: the target (and MySQL's joined tables) first, then FROM (SQLite UPDATE … FROM). */
  private change(a: N, kind: 'update' | 'delete'): QSelect {
    const last = this.last;
    const q = this.empty(kind, this.span(0, last));
    this.withClause(a.with, q, last);
    if (kind === 'update') {
      this.seek('UPDATE', last);
      this.fromItems(arr(a.table), q.from, last);
      this.seek('SET', last);
      arr(a.set).forEach((s, k) => {
        if (k) this.seek(',', last);
        // Past `col =`: the value may name the same column.
        const eq = this.find(last, (t) => t.text === '=');
        if (eq >= 0) this.pos = eq + 1;
        q.columns.push(this.expr(s.value, last));
      });
      if (Array.isArray(a.from) && a.from.length) {
        this.seek('FROM', last);
        this.fromItems(arr(a.from), q.from, last);
      }
    } else {
      this.seek('DELETE', last);
      // `DELETE FROM t` lists t in both `table` (marked `addition`) and `from`; `DELETE t FROM t JOIN u` targets an alias.
      const from = arr(a.from).length ? arr(a.from) : arr(a.table);
      this.seek('FROM', last);
      this.fromItems(from, q.from, last);
    }
    if (a.where) {
      this.seek('WHERE', last);
      q.where = this.expr(a.where, last);
    }
    this.orderBy(q, a.orderby, last);
    this.limit(q, a.limit, last);
    const ret = obj(a.returning);
    if (ret.columns) {
      this.seek('RETURNING', last);
      q.columns.push(...this.selectList(ret.columns, last));
    }
    return q;
  }

  /** INSERT … SELECT: the target, and the SELECT as `source`; undefined for INSERT … VALUES / SET. */
  private insert(a: N): QSelect | undefined {
    const src = subAst(a.values);
    if (!src) return undefined;
    const last = this.last;
    const q = this.empty('insert', this.span(0, last));
    if (this.seek('INTO', last) < 0) this.seek('INSERT', last);
    const target = arr(a.table)[0];
    if (target) {
      const t = this.tableRef(target, last);
      if (t) q.from.push(t);
    }
    // The column list, then the SELECT up to ON DUPLICATE KEY UPDATE / ON CONFLICT / RETURNING.
    if (this.toks[this.pos]?.text === '(' && !['SELECT', 'WITH', '('].includes(this.toks[this.pos + 1]?.up ?? '')) this.pos = this.close(this.pos, last) + 1;
    const first = this.pos;
    let end = last;
    for (let d = 0, k = first; k <= last; k++) {
      d = this.depth(d, k);
      const up = this.toks[k].up;
      if (d === 0 && ((up === 'ON' && ['DUPLICATE', 'CONFLICT'].includes(this.toks[k + 1]?.up ?? '')) || up === 'RETURNING')) {
        end = k - 1;
        break;
      }
    }
    if (first > end) return undefined;
    q.source = this.query(src, first, end);
    return q;
  }

  private withClause(w: unknown, q: QSelect, last: number): void {
    for (const c of arr(w)) {
      const name = nameOf(c.name) ?? '';
      const a = subAst(c.stmt);
      // `name [(cols)] AS (query)`.
      const as = this.seek('AS', last);
      if (!a || as < 0 || this.toks[as + 1]?.text !== '(') continue;
      const close = this.close(as + 1, last);
      q.with.push({ name, query: this.query(a, as + 2, close - 1) });
      this.pos = close + 1;
    }
  }

  private selectList(cols: unknown, last: number): QExpr[] {
    if (cols === '*') {
      const i = this.find(last, (t) => t.text === '*');
      if (i >= 0) this.pos = i + 1;
      return [{ k: 'star', span: i >= 0 ? this.span(i, i) : this.here() }];
    }
    return arr(cols).map((c, k) => {
      if (k) this.seek(',', last);
      return this.expr(c.expr, last);
    });
  }

  private fromItems(items: N[], out: QFrom[], last: number, setOps?: QSelect[]): void {
    items.forEach((f, k) => {
      if (k && !f.join) this.seek(',', last);
      let item: QFrom | undefined;
      const sub = subAst(f.expr);
      if (sub) {
        const s = this.subquery(f.expr, last);
        if (setOps && /^(UNION|INTERSECT|EXCEPT|MINUS)\b/i.test(String(f.join ?? ''))) {
          // mysql mode reads `… FROM t UNION (SELECT …)` as a join of type "union": it is the next arm.
          setOps.push({ ...s.query, setOps: [] }, ...s.query.setOps);
          return;
        }
        let alias = nameOf(f.as);
        if (alias && this.joinWord(this.toks[this.pos]?.up === 'AS' ? this.pos + 1 : this.pos, alias)) alias = undefined;
        if (alias) this.skipAlias(alias, last);
        item = { k: 'sub', query: s.query, ...(alias ? { alias } : {}), span: s.query.span };
      } else if (nameOf(f.table) !== undefined && f.type !== 'dual') item = this.tableRef(f, last);
      // Table functions, VALUES, DUAL are not tables of the model.
      if (!item) return;
      const j = this.join(f, last);
      out.push(j ? { ...item, join: j } : item);
    });
  }

  /** `JOIN … ON` / `USING`, read after the joined item (undefined for the first item and comma joins). */
  private join(f: N, last: number): QJoin | undefined {
    if (typeof f.join !== 'string') return undefined;
    const words = f.join.toUpperCase();
    const kind = words.includes('LEFT') ? 'left' : words.includes('RIGHT') ? 'right' : words.includes('FULL') ? 'full' : words.includes('CROSS') ? 'cross' : 'inner';
    const using = (Array.isArray(f.using) ? f.using : []).map(nameOf).filter((u): u is string => !!u);
    // Like query.ts reads libpg-query: an inner join with no condition is a cross join.
    const j: QJoin = { type: !f.on && !using.length && kind === 'inner' ? 'cross' : kind };
    if (f.on) {
      this.seek('ON', last);
      j.on = this.expr(f.on, last);
    }
    if (using.length) {
      j.using = using;
      const u = this.seek('USING', last);
      if (u >= 0 && this.toks[u + 1]?.text === '(') this.pos = this.close(u + 1, last) + 1;
    }
    return j;
  }

  /** `[db.]table [[AS] alias]`; the span covers the alias, as for PostgreSQL. */
  private tableRef(f: N, last: number): Extract<QFrom, { k: 'table' }> | undefined {
    const table = nameOf(f.table);
    if (table === undefined) return undefined;
    const db = nameOf(f.db) ?? nameOf(f.schema);
    const at = this.located(f);
    if (at) this.pos = at[0];
    const r = this.findName(db ? [db, table] : [table], at ? at[1] : last) ?? this.findName([table], at ? at[1] : last);
    let alias = nameOf(f.as);
    let end = r?.[1];
    if (r && alias) {
      let k = r[1] + 1;
      if (this.toks[k]?.up === 'AS') k++;
      const t = this.toks[k];
      if (this.joinWord(k, alias)) alias = undefined;
      else if (t && t.name === alias.toLowerCase()) end = k;
    }
    if (end !== undefined) this.pos = end + 1;
    const name: QName = db ? { schema: db, name: table } : { name: table };
    return { k: 'table', name, ...(alias ? { alias } : {}), span: r ? this.span(r[0], end ?? r[1]) : this.here() };
  }

  /** Is the "alias" at k the join keyword sqlite mode mistakes for one (`t CROSS JOIN u`)? */
  private joinWord(k: number, alias: string): boolean {
    const t = this.toks[k];
    return t?.kind === 'word' && JOIN_WORDS.has(t.up) && t.up === alias.toUpperCase();
  }

  private skipAlias(alias: string, last: number): void {
    let k = this.pos;
    if (this.toks[k]?.up === 'AS') k++;
    if (k <= last && this.toks[k].name === alias.toLowerCase()) this.pos = k + 1;
  }

  private orderBy(q: QSelect, list: unknown, last: number): void {
    arr(list).forEach((o, k) => {
      this.seek(k ? ',' : 'ORDER', last);
      if (!k && this.toks[this.pos]?.up === 'BY') this.pos++;
      const expr = this.expr(o.expr, last);
      let end = expr.span.end;
      let nulls: 'first' | 'last' | undefined;
      // ASC / DESC / NULLS FIRST|LAST follow the key.
      while (this.pos <= last && ['ASC', 'DESC', 'NULLS', 'FIRST', 'LAST'].includes(this.toks[this.pos].up)) {
        const up = this.toks[this.pos].up;
        if (up === 'FIRST' || up === 'LAST') nulls = up === 'FIRST' ? 'first' : 'last';
        end = Math.max(end, this.base + this.toks[this.pos++].end);
      }
      const desc = String(o.type ?? '').toUpperCase() === 'DESC';
      q.orderBy.push({ expr, desc, ...(nulls ? { nulls } : {}), span: { start: expr.span.start, end } });
    });
  }

  /** `LIMIT n`, `LIMIT n OFFSET m`, MySQL/SQLite `LIMIT offset, count` (`{ seperator: ',', value: [offset, count] }`). */
  private limit(q: QSelect, lim: unknown, last: number): void {
    const l = obj(lim);
    const values = arr(l.value);
    if (!values.length) return;
    this.seek('LIMIT', last);
    const items = values.map((v, k): QExpr => {
      if (k && (this.toks[this.pos]?.text === ',' || this.toks[this.pos]?.up === 'OFFSET')) this.pos++;
      // sqlite mode refuses a parameter here: mysql.ts hands it over as a number of the same length.
      const t = this.toks[this.pos];
      if (t?.kind === 'param' && this.pos <= last && obj(v).type === 'number') return { k: 'param', span: this.span(this.pos, this.pos++) };
      return this.expr(v, last);
    });
    if (l.seperator === ',' && items.length === 2) [q.offset, q.limit] = items;
    else [q.limit, q.offset] = items;
    if (!q.offset) delete q.offset;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Expressions

  private expr(x: unknown, lim: number): QExpr {
    const n = obj(x);
    const at = this.located(n);
    if (at && at[1] <= lim) {
      this.pos = at[0];
      const e = this.node(n, at[1]);
      this.pos = Math.max(this.pos, at[1] + 1);
      return { ...e, span: this.span(at[0], at[1]) };
    }
    return this.node(n, lim);
  }

  private node(n: N, lim: number): QExpr {
    if (subAst(n)) return this.subExpr(n, lim);
    const type = String(n.type ?? '');
    switch (type) {
      case 'column_ref':
        return this.columnRef(n, lim);
      case 'star':
        return this.token(lim, (t) => t.text === '*', (span) => ({ k: 'star', span }));
      case 'number':
      case 'bigint':
        return this.number(String(n.value), lim);
      case 'full_hex_string':
        return this.token(lim, (t) => t.kind === 'number' || t.kind === 'string', (span) => ({ k: 'lit', type: 'string', value: String(n.value ?? ''), span }));
      case 'double_quote_string':
        // SQLite: `"x"` is an identifier (node-sql-parser reads it as a string unless qualified); MySQL: a string.
        if (this.dialect === 'sqlite') return this.columnRef({ column: n.value, collate: obj(n.suffix).collate }, lim);
        return this.string(n, lim);
      case 'bool':
        return this.token(lim, (t) => t.up === 'TRUE' || t.up === 'FALSE', (span) => ({ k: 'lit', type: 'bool', value: String(!!n.value), span }));
      case 'null':
        return this.token(lim, (t) => t.up === 'NULL', (span) => ({ k: 'lit', type: 'null', value: 'NULL', span }));
      case 'origin':
        if (n.value === '?') return this.param('?', lim);
        return this.token(lim, (t) => t.up === String(n.value ?? '').toUpperCase(), (span) => ({ k: 'other', args: [], span }));
      case 'param':
        return this.param(':' + String(n.value ?? ''), lim);
      case 'var':
        // `@x`, `@@session.x`, `$1`, `$x`: bound or set outside the query, a parameter here.
        return this.param(String(n.prefix ?? '') + String(n.name ?? ''), lim, Array.isArray(n.members) ? n.members.length : 0);
      case 'binary_expr':
        return this.binary(n, lim);
      case 'unary_expr':
        return this.unary(n, lim);
      case 'function':
      case 'aggr_func':
        return this.call(n, lim);
      case 'cast':
        return this.cast(n, lim);
      case 'case':
        return this.caseExpr(n, lim);
      case 'expr_list':
        return this.list(n, lim, !!n.parentheses);
      case 'interval': {
        const i = this.find(lim, (t) => t.up === 'INTERVAL');
        if (i >= 0) this.pos = i + 1;
        const arg = this.expr(n.expr, lim);
        // The unit word follows the amount.
        const j = this.toks[this.pos]?.kind === 'word' && this.pos <= lim ? this.pos++ : this.pos - 1;
        return { k: 'other', args: [arg], span: i >= 0 ? this.span(i, Math.max(i, j)) : arg.span };
      }
      default:
        if (STRING_TYPES.has(type)) return this.string(n, lim);
        return this.other(n, lim);
    }
  }

  private columnRef(n: N, lim: number): QExpr {
    const column = nameOf(n.column) ?? '';
    const table = nameOf(n.table) ?? undefined;
    const db = nameOf(n.db) ?? nameOf(n.schema);
    if (column === '*') {
      const r = table ? this.findName([table], lim) : undefined;
      if (r) this.pos = r[1] + 1;
      const i = this.find(lim, (t) => t.text === '*');
      if (i >= 0) this.pos = i + 1;
      const span = i >= 0 ? this.span(r?.[0] ?? i, i) : this.here();
      return { k: 'star', ...(table ? { qualifier: table } : {}), span };
    }
    // mysql mode reads `1e3` as a column named "1e3".
    if (!table && /^[0-9.]/.test(column)) return this.number(column, lim);
    const parts = [db, table, column].filter((p): p is string => !!p);
    const r = this.findName(parts, lim) ?? this.findName([column], lim);
    if (r) this.pos = r[1] + 1;
    const col: QExpr = { k: 'col', name: column, ...(table ? { qualifier: table } : {}), span: r ? this.span(r[0], r[1]) : this.here() };
    if (!n.collate || !r) return col;
    // `col COLLATE x` compares in another collation than the column's index: a wrapped column, as libpg-query's
    // CollateClause is in query.ts.
    let j = r[1];
    if (this.toks[j + 1]?.up === 'COLLATE' && j + 2 <= lim) j += 2;
    this.pos = j + 1;
    return { k: 'other', args: [col], span: this.span(r[0], j) };
  }

  private number(value: string, lim: number): QExpr {
    const i = this.find(lim, (t) => t.kind === 'number');
    if (i < 0) return { k: 'lit', type: 'number', value, span: this.here() };
    this.pos = i + 1;
    // A sign node-sql-parser folded into the value.
    const signed = /^[-+]/.test(value) && i > 0 && (this.toks[i - 1].text === '-' || this.toks[i - 1].text === '+');
    return { k: 'lit', type: 'number', value, span: this.span(signed ? i - 1 : i, i) };
  }

  private string(n: N, lim: number): QExpr {
    let value = String(n.value ?? '');
    // node-sql-parser keeps the escapes of the source text.
    value = value.replace(/''/g, "'");
    if (this.dialect === 'mysql') value = value.replace(/\\(['"\\])/g, '$1');
    return this.token(lim, (t) => t.kind === 'string', (span) => ({ k: 'lit', type: 'string', value, span }));
  }

  /**
   * A parameter: the next parameter token, or the token spelled `text` (MySQL's lexer reads `$x` as a word). Not the
   * next token spelled `text`: the parser may have been handed `?` for SQLite's `?1` (see mysql.ts).
   */
  private param(text: string, lim: number, members = 0): QExpr {
    const want = text.toLowerCase();
    const i = this.find(lim, (t) => t.kind === 'param' || t.text.toLowerCase() === want);
    if (i < 0) return { k: 'param', span: this.here() };
    // `@@session.time_zone`: the members follow as `.name`.
    let j = i;
    for (let m = 0; m < members && this.toks[j + 1]?.text === '.' && j + 2 <= lim; m++) j += 2;
    this.pos = j + 1;
    return { k: 'param', span: this.span(i, j) };
  }

  private binary(n: N, lim: number): QExpr {
    let op = String(n.operator ?? '').toUpperCase();
    op = OPS[op] ?? (this.dialect === 'mysql' ? MYSQL_OPS[op] : undefined) ?? op;
    const l = this.expr(n.left, lim);
    const right = obj(n.right);
    const end = (args: QExpr[]) => this.balanced(args.reduce((s, a) => cover(s, a.span), l.span), lim);
    if (op === 'IS' || op === 'IS NOT') {
      const r = this.expr(right, lim);
      const span = end([r]);
      if (right.type === 'null') return { k: 'op', op: op + ' NULL', args: [l], span };
      // `IS TRUE` is a test of the value, like libpg-query's BooleanTest; SQLite `a IS b` compares NULL-safe.
      if (right.type === 'bool') return { k: 'other', args: [l], span };
      return { k: 'op', op: op === 'IS' ? '<=>' : 'IS DISTINCT FROM', args: [l, r], span };
    }
    if ((op === 'BETWEEN' || op === 'NOT BETWEEN') && right.type === 'expr_list') {
      const items = arr(right.value).map((v) => this.expr(v, lim));
      return { k: 'op', op, args: [l, ...items], span: end(items) };
    }
    if (op === 'IN' || op === 'NOT IN') {
      const r = right.type === 'expr_list' ? this.list(right, lim, true) : this.expr(right, lim);
      return { k: 'op', op, args: [l, r], span: end([r]) };
    }
    const args = [l, this.expr(right, lim)];
    // `LIKE p ESCAPE c`: the escape character is the third operand.
    const esc = obj(right.escape);
    if (esc.value) {
      const k = this.find(lim, (t) => t.up === 'ESCAPE');
      if (k >= 0) this.pos = k + 1;
      args.push(this.expr(esc.value, lim));
    }
    return { k: 'op', op, args, span: end(args) };
  }

  private unary(n: N, lim: number): QExpr {
    const op = String(n.operator ?? '').toUpperCase();
    const first = op.split(' ')[0];
    const i = this.find(lim, (t) => t.up === first || (op === '!' && t.up === 'NOT'));
    if (i >= 0) this.pos = i + 1;
    if (op === 'NOT EXISTS') {
      const e = this.find(lim, (t) => t.up === 'EXISTS');
      if (e >= 0) this.pos = e + 1;
      const s = this.subExpr(n.expr, lim);
      const exists: QExpr = { k: 'op', op: 'EXISTS', args: [s], span: e >= 0 ? cover(this.span(e, e), s.span) : s.span };
      return { k: 'op', op: 'NOT', args: [exists], span: i >= 0 ? cover(this.span(i, i), s.span) : s.span };
    }
    const arg = this.expr(n.expr, lim);
    let span = arg.span;
    if (i >= 0) {
      // `NOT (a OR b)`: the parentheses opened after the operator close after its operand.
      const j = this.balance(i, this.pos - 1, lim);
      this.pos = j + 1;
      span = cover(this.span(i, j), arg.span);
    }
    if (op === 'NOT' || op === '!') return { k: 'op', op: 'NOT', args: [arg], span };
    if (op === '-' && arg.k === 'lit' && arg.type === 'number') return { ...arg, value: arg.value.startsWith('-') ? arg.value.slice(1) : '-' + arg.value, span };
    return { k: 'op', op, args: [arg], span };
  }

  /** A call: `name(args)`, aggregates (`count(*)`, `count(DISTINCT a)`, `GROUP_CONCAT(a ORDER BY b)`), window `OVER (…)`. */
  private call(n: N, lim: number): QExpr {
    const parts = typeof n.name === 'string' ? [n.name] : arr(obj(n.name).name).map((p) => nameOf(p) ?? '');
    const name = parts.join('.').toLowerCase();
    const want = (parts[parts.length - 1] ?? '').toLowerCase();
    const found = this.find(lim, (t) => t.name === want);
    const i = found >= 0 ? found : Math.min(this.pos, lim);
    let j = found >= 0 ? found : i;
    let argLim = lim;
    if (found >= 0) this.pos = found + 1;
    if (this.toks[this.pos]?.text === '(' && this.pos <= lim) {
      j = this.close(this.pos, lim);
      argLim = j - 1;
      this.pos++;
    }
    const args: QExpr[] = [];
    const a = obj(n.args);
    if (a.type === 'expr_list') for (const v of arr(a.value)) args.push(this.expr(v, argLim));
    else if (a.expr && obj(a.expr).type !== 'star') {
      // count(*) has no argument, as libpg-query's agg_star.
      args.push(this.expr(a.expr, argLim));
      for (const o of arr(a.orderby)) args.push(this.expr(o.expr, argLim));
    } else if (n.args && !a.expr) args.push(this.other(a, argLim));
    this.pos = Math.max(this.pos, j + 1);
    const over = obj(n.over);
    const window = [...arr(over.partitionby), ...arr(over.orderby)];
    if (window.length) {
      // Columns of PARTITION BY / ORDER BY are read too.
      const o = this.find(lim, (t) => t.up === 'OVER');
      if (o >= 0 && this.toks[o + 1]?.text === '(') {
        const close = this.close(o + 1, lim);
        this.pos = o + 2;
        const w = window.map((x) => this.expr(x.expr, close - 1));
        args.push({ k: 'other', args: w, span: this.span(o, close) });
        this.pos = close + 1;
        j = close;
      }
    }
    const span = this.span(i, Math.max(i, j));
    if (name === 'exists') return { k: 'op', op: 'EXISTS', args, span };
    if (name === 'not') return { k: 'op', op: 'NOT', args, span };
    return { k: 'fn', name, args, span };
  }

  /** `CAST(x AS type)`; a cast literal or parameter is a typed value, as in postgres-query.ts. */
  private cast(n: N, lim: number): QExpr {
    const kw = String(n.keyword ?? 'cast').toUpperCase();
    const i = this.find(lim, (t) => t.up === kw);
    let arg: QExpr;
    let span: Span;
    if (i >= 0 && this.toks[i + 1]?.text === '(') {
      const close = this.close(i + 1, lim);
      this.pos = i + 2;
      arg = this.expr(n.expr, close - 1);
      this.pos = close + 1;
      span = this.span(i, close);
    } else {
      arg = this.expr(n.expr, lim);
      span = arg.span;
    }
    const target = arr(n.target)[0] ?? {};
    const type = String(target.dataType ?? '').toLowerCase();
    if (arg.k === 'lit' || arg.k === 'param') return { ...arg, span };
    return { k: 'cast', arg, type, span };
  }

  private caseExpr(n: N, lim: number): QExpr {
    const i = this.find(lim, (t) => t.up === 'CASE');
    if (i >= 0) this.pos = i + 1;
    const args: QExpr[] = [];
    if (n.expr) args.push(this.expr(n.expr, lim));
    for (const w of arr(n.args)) {
      if (w.cond) args.push(this.expr(w.cond, lim));
      if (w.result) args.push(this.expr(w.result, lim));
    }
    let end = -1;
    if (i >= 0) {
      for (let depth = 0, k = i; k <= lim; k++) {
        if (this.toks[k].up === 'CASE') depth++;
        else if (this.toks[k].up === 'END' && --depth === 0) {
          end = k;
          break;
        }
      }
    }
    if (end >= 0) this.pos = end + 1;
    const span = i >= 0 && end >= 0 ? this.span(i, end) : args.reduce((s, a) => cover(s, a.span), args[0]?.span ?? this.here());
    return { k: 'other', args, span };
  }

  /** `(a, b, …)` (IN lists, row values); a list of one subquery is that subquery (`IN (SELECT …)`). */
  private list(n: N, lim: number, parens: boolean): QExpr {
    const values = Array.isArray(n.value) ? n.value : [];
    if (values.length === 1 && subAst(values[0])) return this.subExpr(values[0], lim);
    const open = parens ? this.find(lim, (t) => t.text === '(') : -1;
    const close = open >= 0 ? this.close(open, lim) : -1;
    if (open >= 0) this.pos = open + 1;
    const items = values.map((v) => this.expr(v, close >= 0 ? close - 1 : lim));
    if (close >= 0) {
      this.pos = close + 1;
      return { k: 'list', items, span: this.span(open, close) };
    }
    return { k: 'list', items, span: items.reduce((s, a) => cover(s, a.span), items[0]?.span ?? this.here()) };
  }

  /** A subquery in an expression: its span takes in its parentheses. */
  private subExpr(x: unknown, lim: number): QExpr {
    const s = this.subquery(x, lim);
    return { k: 'sub', query: s.query, span: s.span };
  }

  /** `(SELECT …)` at the cursor: the query over the tokens inside the parentheses. */
  private subquery(x: unknown, lim: number): { query: QSelect; span: Span } {
    const a = subAst(x) ?? {};
    const at = this.toks[this.pos];
    // EXISTS (SELECT …): the call has read the `(` already.
    const open =
      at && (at.up === 'SELECT' || at.up === 'WITH') && this.toks[this.pos - 1]?.text === '('
        ? this.pos - 1
        : this.find(lim, (t, k) => t.text === '(' && ['SELECT', 'WITH', '('].includes(this.toks[k + 1]?.up ?? ''));
    if (open < 0) {
      const q = this.query(a, Math.min(this.pos, lim), lim);
      return { query: q, span: q.span };
    }
    const close = this.close(open, this.last);
    const q = this.query(a, open + 1, Math.max(open + 1, close - 1));
    this.pos = close + 1;
    return { query: q, span: this.span(open, close) };
  }

  /** Anything else (EXTRACT, CONVERT … USING, JSON operators, …): its child nodes, so columns and subqueries are still seen. */
  private other(n: N, lim: number): QExpr {
    const args: QExpr[] = [];
    this.children(n, lim, args);
    const span = args.reduce((s, a) => cover(s, a.span), args[0]?.span ?? this.here());
    return { k: 'other', args, span };
  }

  /** The expression nodes (those with a `type`, and subqueries) among n's properties, at any depth. */
  private children(n: N, lim: number, out: QExpr[]): void {
    for (const [key, v] of Object.entries(n)) {
      if (key === 'loc' || key === 'tableList' || key === 'columnList' || !v || typeof v !== 'object') continue;
      for (const c of Array.isArray(v) ? v : [v]) {
        const o = obj(c);
        if (typeof o.type === 'string' || subAst(o)) out.push(this.expr(o, lim));
        else this.children(o, lim, out);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Tokens

  /** The next token (up to `lim`) that `match`es, as the node `make` builds; an empty span at the cursor when there is none. */
  private token(lim: number, match: (t: Tok) => boolean, make: (span: Span) => QExpr): QExpr {
    const i = this.find(lim, match);
    if (i < 0) return make(this.here());
    this.pos = i + 1;
    return make(this.span(i, i));
  }

  /** First token index from the cursor up to `lim` that satisfies `f`, else -1. */
  private find(lim: number, f: (t: Tok, k: number) => boolean): number {
    for (let k = this.pos; k <= lim && k <= this.last; k++) if (f(this.toks[k], k)) return k;
    return -1;
  }

  /** A dotted name `a.b.c` from the cursor: its first and last token. */
  private findName(parts: string[], lim: number): [number, number] | undefined {
    const want = parts.map((p) => p.toLowerCase());
    const i = this.find(lim, (t, k) => {
      if (t.name !== want[0]) return false;
      for (let p = 1; p < want.length; p++) if (this.toks[k + 2 * p - 1]?.text !== '.' || this.toks[k + 2 * p]?.name !== want[p]) return false;
      return true;
    });
    return i < 0 ? undefined : [i, i + 2 * (want.length - 1)];
  }

  /**
   * Moves the cursor past the next `word` (a clause keyword, or `,` between list items) outside parentheses opened
   * after the cursor; returns its index, or -1 (cursor unchanged) when there is none before `lim`.
   */
  private seek(word: string, lim: number): number {
    for (let d = 0, k = this.pos; k <= lim && k <= this.last; k++) {
      const t = this.toks[k];
      if (d === 0 && t.up === word) {
        this.pos = k + 1;
        return k;
      }
      if (t.text === '(') d++;
      // A `)` closing what was opened before the cursor does not count.
      else if (t.text === ')') d = Math.max(0, d - 1);
    }
    return -1;
  }

  /** Parenthesis depth after token k, from depth d before it. */
  private depth(d: number, k: number): number {
    const t = this.toks[k].text;
    return t === '(' ? d + 1 : t === ')' ? d - 1 : d;
  }

  /** First of `words` outside parentheses in first..last, else -1. */
  private clauseStart(first: number, last: number, words: string[]): number {
    for (let d = 0, k = first; k <= last; k++) {
      if (d === 0 && words.includes(this.toks[k].up)) return k;
      d = this.depth(d, k);
    }
    return -1;
  }

  /**
   * Token ranges of the arms of a set operation over first..last, split at UNION [ALL] / INTERSECT / EXCEPT outside
   * parentheses; an arm that is a parenthesized set operation is split in turn (node-sql-parser's `_next` chain is
   * flat: `a UNION (b UNION c)` is three arms).
   */
  private arms(first: number, last: number, out: [number, number][] = []): [number, number][] {
    const split = (from: number, to: number) => {
      const [i, j] = this.unparen(from, to);
      if (i !== from && this.clauseStart(i, j, [...SET_OPS]) >= 0) this.arms(i, j, out);
      else out.push([from, to]);
    };
    let from = first;
    for (let d = 0, k = first; k <= last; k++) {
      if (d === 0 && SET_OPS.has(this.toks[k].up)) {
        split(from, k - 1);
        if (['ALL', 'DISTINCT'].includes(this.toks[k + 1]?.up ?? '')) k++;
        from = k + 1;
        continue;
      }
      d = this.depth(d, k);
    }
    split(from, last);
    return out;
  }

  /** first..last without parentheses around the whole. */
  private unparen(first: number, last: number): [number, number] {
    while (first < last && this.toks[first].text === '(' && this.close(first, last) === last) {
      first++;
      last--;
    }
    return [first, last];
  }

  /** Matching `)` of the `(` at i (bounded by `last`). */
  private close(i: number, last: number): number {
    let depth = 0;
    for (let j = i; j <= last && j <= this.last; j++) {
      const t = this.toks[j].text;
      if (t === '(') depth++;
      else if (t === ')' && --depth === 0) return j;
    }
    return Math.min(last, this.last);
  }

  /** j extended over the `)` that close parentheses opened in i..j. */
  private balance(i: number, j: number, lim: number): number {
    let open = 0;
    for (let k = i; k <= j; k++) open = this.depth(open, k);
    while (open > 0 && j + 1 <= lim && this.toks[j + 1]?.text === ')') {
      j++;
      open--;
    }
    return j;
  }

  /** A span widened over the parentheses it opens or closes without containing them whole: `(c) = 1`, not `c) = 1`. */
  private balanced(s: Span, lim: number): Span {
    let i = this.indexAt(s.start - this.base);
    let j = this.indexAt(s.end - this.base) - 1;
    if (i > j) return s;
    let open = 0;
    let unopened = 0;
    for (let k = i; k <= j; k++) {
      const t = this.toks[k].text;
      if (t === '(') open++;
      else if (t === ')') {
        if (open) open--;
        else unopened++;
      }
    }
    while (unopened > 0 && i > 0 && this.toks[i - 1].text === '(') {
      i--;
      unopened--;
    }
    while (open > 0 && j < lim && this.toks[j + 1]?.text === ')') {
      j++;
      open--;
    }
    if (j >= this.pos) this.pos = j + 1;
    return this.span(i, j);
  }

  /** Token range of node-sql-parser's `loc` (whose end runs over the white space after the node). */
  private located(n: N): [number, number] | undefined {
    const loc = obj(n.loc);
    const s = obj(loc.start).offset;
    const e = obj(loc.end).offset;
    if (typeof s !== 'number' || typeof e !== 'number') return undefined;
    const i = this.indexAt(s);
    let j = this.indexAt(e) - 1;
    while (j >= i && this.toks[j].end > e) j--;
    return i <= j ? [i, j] : undefined;
  }

  /** Index of the first token starting at or after offset `at` of the statement. */
  private indexAt(at: number): number {
    return firstTokenAt(this.toks, at);
  }

  private span(i: number, j: number): Span {
    const a = this.toks[Math.max(0, Math.min(i, this.last))];
    const b = this.toks[Math.max(0, Math.min(Math.max(i, j), this.last))];
    return { start: this.base + (a?.start ?? 0), end: this.base + (b?.end ?? 0) };
  }

  /** An empty span at the cursor: for a node whose tokens were not found. */
  private here(): Span {
    const at = this.base + (this.toks[this.pos]?.start ?? this.text.length);
    return { start: at, end: at };
  }
}
