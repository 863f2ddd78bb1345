/**
 * libpg-query's AST of a query → the neutral query tree of query.ts, with UTF-16 file offsets.
 *
 * Nodes carry only a start `location` (a byte offset, often the operator's, not the expression's start), so a
 * node's span is the union of its own token and its descendants' (an `a = b` spans from `a` to `b`), extended over
 * what closes it: a call's `)`, a `IS NOT NULL`, an IN list's `)`, a cast's type name.
 */
import type { QName, Span } from '../model/types';
import type { QExpr, QFrom, QSelect } from './query';

/** What the walker needs of postgres.ts's token view of the statement. */
export interface PgTokens {
  readonly toks: readonly { start: number; end: number; text: string; up: string }[];
  readonly base: number;
  indexAt(at: number): number;
  at(location: number | undefined): number;
  close(i: number, last: number): number;
  nameEnd(i: number, last: number): number;
}

type N = Record<string, unknown>;

function kindOf(n: unknown): string {
  return n && typeof n === 'object' ? (Object.keys(n)[0] ?? '') : '';
}

function body(n: unknown): N {
  return ((n as N)?.[kindOf(n)] ?? {}) as N;
}

function str(n: unknown): string {
  return ((n as N)?.String as { sval?: string })?.sval ?? '';
}

function qname(schema: unknown, name: unknown): QName {
  return typeof schema === 'string' && schema && schema !== 'public' ? { schema, name: String(name ?? '') } : { name: String(name ?? '') };
}

const TYPE_WORDS = new Set(['VARYING', 'WITH', 'WITHOUT', 'TIME', 'ZONE', 'PRECISION']);

export class PgQueryWalker {
  private readonly last: number;
  constructor(private readonly lx: PgTokens) {
    this.last = lx.toks.length - 1;
  }

  /** A statement node (SelectStmt, UpdateStmt, DeleteStmt, InsertStmt) → QSelect; undefined for anything else. */
  statement(stmt: unknown, span: Span): QSelect | undefined {
    switch (kindOf(stmt)) {
      case 'SelectStmt':
        return this.select(body(stmt), span);
      case 'UpdateStmt':
      case 'DeleteStmt': {
        const b = body(stmt);
        const q = this.empty(kindOf(stmt) === 'UpdateStmt' ? 'update' : 'delete', span);
        this.withClause(b.withClause, q);
        const rel = b.relation as N | undefined;
        if (rel) q.from.push(this.rangeVar(rel));
        for (const f of ((b.fromClause ?? b.usingClause ?? []) as unknown[])) this.fromItem(f, q.from);
        if (b.whereClause) q.where = this.expr(b.whereClause);
        for (const t of (b.targetList ?? []) as unknown[]) {
          const v = (body(t) as N).val;
          if (v) q.columns.push(this.expr(v));
        }
        for (const t of (b.returningList ?? []) as unknown[]) {
          const v = (body(t) as N).val;
          if (v) q.columns.push(this.expr(v));
        }
        return q;
      }
      case 'InsertStmt': {
        const b = body(stmt);
        const q = this.empty('insert', span);
        this.withClause(b.withClause, q);
        const rel = b.relation as N | undefined;
        if (rel) q.from.push(this.rangeVar(rel));
        const sel = b.selectStmt ? body(b.selectStmt) : undefined;
        // INSERT … VALUES is not a query; INSERT … SELECT reads through its SELECT.
        if (sel && !sel.valuesLists) q.source = this.select(sel, this.extent(b.selectStmt) ?? span);
        return q;
      }
      default:
        return undefined;
    }
  }

  private empty(kind: QSelect['kind'], span: Span): QSelect {
    return { kind, span, with: [], from: [], groupBy: [], orderBy: [], columns: [], setOps: [] };
  }

  select(b: N, span: Span): QSelect {
    // A sub-SELECT's span comes from its located nodes, which start after the keyword.
    let i = this.lx.indexAt(span.start - this.lx.base) - 1;
    while (i >= 0 && ['SELECT', 'DISTINCT', 'ALL'].includes(this.lx.toks[i].up) && this.lx.base + this.lx.toks[i].start < span.start) {
      if (this.lx.toks[i].up === 'SELECT') {
        span = { start: this.lx.base + this.lx.toks[i].start, end: span.end };
        break;
      }
      i--;
    }
    const q = this.empty('select', span);
    this.withClause(b.withClause, q);
    if (b.op && b.op !== 'SETOP_NONE') {
      // UNION / INTERSECT / EXCEPT: the left arm is this block, the right arms its set operations.
      const left = this.select(b.larg as N, this.extent({ SelectStmt: b.larg }) ?? span);
      const right = this.select(b.rarg as N, this.extent({ SelectStmt: b.rarg }) ?? span);
      // The statement's span stays the whole statement's; the right arm's own arms were flattened into it already.
      Object.assign(q, { ...left, span, with: [...q.with, ...left.with], setOps: [...left.setOps, { ...right, setOps: [] }, ...right.setOps] });
    } else {
      for (const f of (b.fromClause ?? []) as unknown[]) this.fromItem(f, q.from);
      if (b.whereClause) q.where = this.expr(b.whereClause);
      for (const g of (b.groupClause ?? []) as unknown[]) q.groupBy.push(this.expr(g));
      if (b.havingClause) q.having = this.expr(b.havingClause);
      for (const t of (b.targetList ?? []) as unknown[]) {
        const v = (body(t) as N).val;
        if (v) q.columns.push(this.expr(v));
      }
    }
    for (const s of (b.sortClause ?? []) as unknown[]) {
      const sb = body(s);
      const expr = this.expr(sb.node);
      const dir = sb.sortby_dir;
      const nulls = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' ? 'first' : sb.sortby_nulls === 'SORTBY_NULLS_LAST' ? 'last' : undefined;
      let end = expr.span.end;
      // ASC/DESC/NULLS FIRST|LAST follow the key.
      let i = this.lx.indexAt(end - this.lx.base);
      while (i <= this.last && ['ASC', 'DESC', 'NULLS', 'FIRST', 'LAST'].includes(this.lx.toks[i].up)) end = this.lx.base + this.lx.toks[i++].end;
      q.orderBy.push({ expr, desc: dir === 'SORTBY_DESC', ...(nulls ? { nulls } : {}), span: { start: expr.span.start, end } });
    }
    if (b.limitCount) q.limit = this.expr(b.limitCount);
    if (b.limitOffset) q.offset = this.expr(b.limitOffset);
    return q;
  }

  private withClause(w: unknown, q: QSelect): void {
    for (const c of ((w as N | undefined)?.ctes ?? []) as unknown[]) {
      const cte = body(c);
      const inner = cte.ctequery;
      const stmt = this.statement(inner, this.extent(inner) ?? q.span);
      if (stmt) q.with.push({ name: String(cte.ctename ?? ''), query: stmt });
    }
  }

  private rangeVar(rv: N): Extract<QFrom, { k: 'table' }> {
    const i = this.lx.at(rv.location as number);
    const end = this.lx.nameEnd(i, this.last);
    const alias = (rv.alias as N | undefined)?.aliasname as string | undefined;
    let e = end;
    if (alias) {
      // `t AS a` / `t a`: the alias token(s) belong to the reference.
      let j = end + 1;
      if (this.lx.toks[j]?.up === 'AS') j++;
      if (j <= this.last) e = j;
    }
    return { k: 'table', name: qname(rv.schemaname, rv.relname), ...(alias ? { alias } : {}), span: this.tokSpan(i, e) };
  }

  private fromItem(f: unknown, out: QFrom[], join?: QFrom['join']): void {
    const k = kindOf(f);
    const b = body(f);
    if (k === 'RangeVar') out.push({ ...this.rangeVar(b), ...(join ? { join } : {}) });
    else if (k === 'RangeSubselect') {
      const sub = b.subquery;
      const span = this.extent(sub);
      const q = span && this.statement(sub, span);
      if (q && span) out.push({ k: 'sub', query: q, alias: (b.alias as N | undefined)?.aliasname as string | undefined, span, ...(join ? { join } : {}) });
    } else if (k === 'JoinExpr') {
      this.fromItem(b.larg, out, join);
      const type = ({ JOIN_INNER: 'inner', JOIN_LEFT: 'left', JOIN_RIGHT: 'right', JOIN_FULL: 'full' } as Record<string, 'inner' | 'left' | 'right' | 'full'>)[String(b.jointype)] ?? 'inner';
      const using = ((b.usingClause ?? []) as unknown[]).map(str);
      const j: NonNullable<QFrom['join']> = { type: !b.quals && !using.length && type === 'inner' ? 'cross' : type };
      if (b.quals) j.on = this.expr(b.quals);
      if (using.length) j.using = using;
      this.fromItem(b.rarg, out, j);
    }
    // Function calls in FROM (generate_series, unnest, …) are not tables.
  }

  expr(n: unknown): QExpr {
    const k = kindOf(n);
    const b = body(n);
    const span = this.extent(n) ?? { start: this.lx.base, end: this.lx.base };
    switch (k) {
      case 'ColumnRef': {
        const fields = (b.fields ?? []) as unknown[];
        const last = fields[fields.length - 1];
        const parts = fields.map(str);
        if (kindOf(last) === 'A_Star') return { k: 'star', ...(fields.length > 1 ? { qualifier: parts[fields.length - 2] } : {}), span };
        return { k: 'col', name: parts[parts.length - 1], ...(parts.length > 1 ? { qualifier: parts[parts.length - 2] } : {}), span };
      }
      case 'ParamRef':
        return { k: 'param', span };
      case 'A_Const': {
        if (b.isnull) return { k: 'lit', type: 'null', value: 'NULL', span };
        if (b.sval) return { k: 'lit', type: 'string', value: String((b.sval as N).sval ?? ''), span };
        if (b.boolval) return { k: 'lit', type: 'bool', value: String((b.boolval as N).boolval ?? false), span };
        if (b.ival) return { k: 'lit', type: 'number', value: String((b.ival as N).ival ?? 0), span };
        if (b.fval) return { k: 'lit', type: 'number', value: String((b.fval as N).fval ?? 0), span };
        return { k: 'lit', type: 'number', value: '0', span };
      }
      case 'TypeCast': {
        const names = ((b.typeName as N | undefined)?.names ?? []) as unknown[];
        const type = names.map(str).filter((s) => s !== 'pg_catalog').join('.');
        const arg = this.expr(b.arg);
        // `'…'::date`, `$1::int`: a typed value, not a wrapped column.
        if (arg.k === 'lit' || arg.k === 'param') return { ...arg, span };
        return { k: 'cast', arg, type, span };
      }
      case 'FuncCall': {
        const name = ((b.funcname ?? []) as unknown[]).map(str).filter((s) => s !== 'pg_catalog').join('.');
        return { k: 'fn', name, args: ((b.args ?? []) as unknown[]).map((a) => this.expr(a)), span };
      }
      case 'BoolExpr': {
        const op = b.boolop === 'AND_EXPR' ? 'AND' : b.boolop === 'OR_EXPR' ? 'OR' : 'NOT';
        return { k: 'op', op, args: ((b.args ?? []) as unknown[]).map((a) => this.expr(a)), span };
      }
      case 'NullTest':
        return { k: 'op', op: b.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL', args: [this.expr(b.arg)], span };
      case 'A_Expr':
        return this.aExpr(b, span);
      case 'SubLink': {
        const sub = b.subselect;
        const subSpan = this.extent(sub) ?? span;
        const q = this.statement(sub, subSpan);
        const s: QExpr = q ? { k: 'sub', query: q, span: subSpan } : { k: 'other', args: [], span: subSpan };
        if (b.subLinkType === 'EXISTS_SUBLINK') return { k: 'op', op: 'EXISTS', args: [s], span };
        if (b.subLinkType === 'ANY_SUBLINK' && b.testexpr) {
          const opName = ((b.operName ?? []) as unknown[]).map(str)[0] ?? '=';
          return { k: 'op', op: opName === '=' ? 'IN' : opName, args: [this.expr(b.testexpr), s], span };
        }
        return s.k === 'sub' ? { ...s, span } : s;
      }
      case 'List':
        return { k: 'list', items: ((b.items ?? []) as unknown[]).map((a) => this.expr(a)), span };
      case 'RowExpr':
        return { k: 'list', items: ((b.args ?? []) as unknown[]).map((a) => this.expr(a)), span };
      default: {
        const args: QExpr[] = [];
        this.children(b, args);
        return { k: 'other', args, span };
      }
    }
  }

  private aExpr(b: N, span: Span): QExpr {
    const name = ((b.name ?? []) as unknown[]).map(str).join('.');
    const l = b.lexpr ? this.expr(b.lexpr) : undefined;
    const r = b.rexpr ? this.expr(b.rexpr) : undefined;
    const two = (op: string): QExpr => ({ k: 'op', op, args: [l, r].filter((x): x is QExpr => !!x), span });
    switch (b.kind) {
      case 'AEXPR_OP':
        if (!l && r && name === '-') return r.k === 'lit' ? { ...r, value: '-' + r.value, span } : { k: 'op', op: '-', args: [r], span };
        return two(name === '!=' ? '<>' : name);
      case 'AEXPR_OP_ANY':
        // `col = ANY($1)` / `= ANY(ARRAY[…])`: an IN.
        return two(name === '=' ? 'IN' : name);
      case 'AEXPR_IN':
        return two(name === '<>' ? 'NOT IN' : 'IN');
      case 'AEXPR_LIKE':
        return two(name === '!~~' ? 'NOT LIKE' : 'LIKE');
      case 'AEXPR_ILIKE':
        return two(name === '!~~*' ? 'NOT ILIKE' : 'ILIKE');
      case 'AEXPR_BETWEEN':
      case 'AEXPR_BETWEEN_SYM':
      case 'AEXPR_NOT_BETWEEN':
      case 'AEXPR_NOT_BETWEEN_SYM': {
        const items = r?.k === 'list' ? r.items : r ? [r] : [];
        return { k: 'op', op: String(b.kind).includes('NOT') ? 'NOT BETWEEN' : 'BETWEEN', args: [l!, ...items].filter(Boolean), span };
      }
      case 'AEXPR_DISTINCT':
        return two('IS DISTINCT FROM');
      case 'AEXPR_NOT_DISTINCT':
        return two('<=>');
      default:
        return { k: 'other', args: [l, r].filter((x): x is QExpr => !!x), span };
    }
  }

  /** Children of an unknown node, as expressions (so columns and subqueries inside CASE, arrays, … are seen). */
  private children(b: unknown, out: QExpr[]): void {
    if (Array.isArray(b)) {
      for (const x of b) this.children(x, out);
      return;
    }
    if (!b || typeof b !== 'object') return;
    for (const [key, v] of Object.entries(b as N)) {
      if (!v || typeof v !== 'object') continue;
      if (Array.isArray(v)) {
        for (const x of v) if (isNode(x)) out.push(this.expr(x));
        continue;
      }
      if (isNode(v)) out.push(this.expr(v));
      else if (key !== 'typeName') this.children(v, out);
    }
  }

  private tokSpan(i: number, j: number): Span {
    const t = this.lx.toks;
    const a = t[Math.min(i, t.length - 1)];
    const b = t[Math.min(Math.max(i, j), t.length - 1)];
    return { start: this.lx.base + (a?.start ?? 0), end: this.lx.base + (b?.end ?? 0) };
  }

  /** UTF-16 file span of a node: its own located token and every descendant's, extended over what closes them. */
  extent(n: unknown): Span | undefined {
    let lo = Infinity;
    let hi = -Infinity;
    const visit = (x: unknown, kind: string) => {
      if (Array.isArray(x)) {
        for (const y of x) visit(y, '');
        return;
      }
      if (!x || typeof x !== 'object') return;
      const o = x as N;
      const keys = Object.keys(o);
      if (!kind && keys.length === 1 && /^[A-Z]/.test(keys[0])) {
        visit(o[keys[0]], keys[0]);
        return;
      }
      if (typeof o.location === 'number' && o.location >= 0) {
        const i = this.lx.at(o.location);
        if (i <= this.last) {
          lo = Math.min(lo, this.lx.toks[i].start);
          hi = Math.max(hi, this.lx.toks[this.endOf(kind, o, i)].end);
        }
      }
      if (typeof o.rexpr_list_end === 'number') {
        const i = this.lx.at(o.rexpr_list_end);
        if (i <= this.last) hi = Math.max(hi, this.lx.toks[i].end);
      }
      for (const k of keys) if (k !== 'location' && o[k] && typeof o[k] === 'object') visit(o[k], k === 'typeName' ? 'TypeName' : '');
    };
    visit(n, '');
    if (lo === Infinity) return undefined;
    // Parentheses the AST does not locate: `(t.col)::text` starts at `col`; take in the `(` its `)` closes.
    let i = this.lx.indexAt(lo);
    const j = this.lx.indexAt(hi) - 1;
    let depth = 0;
    for (let k = i; k <= j; k++) {
      const x = this.lx.toks[k].text;
      if (x === '(' || x === '[') depth++;
      else if (x === ')' || x === ']') depth--;
    }
    while (depth < 0 && i > 0) {
      i--;
      const x = this.lx.toks[i].text;
      if (x === '(' || x === '[') depth++;
      else if (x === ')' || x === ']') depth--;
    }
    return { start: this.lx.base + this.lx.toks[i].start, end: this.lx.base + hi };
  }

  /** Last token of the construct whose located token is `i`. */
  private endOf(kind: string, o: N, i: number): number {
    const t = this.lx.toks;
    switch (kind) {
      case 'ColumnRef':
      case 'RangeVar':
        return this.lx.nameEnd(i, this.last);
      case 'FuncCall': {
        const j = this.lx.nameEnd(i, this.last) + 1;
        return t[j]?.text === '(' ? this.lx.close(j, this.last) : j - 1;
      }
      case 'SubLink': {
        let j = i;
        while (j <= this.last && t[j].text !== '(') j++;
        return j <= this.last ? this.lx.close(j, this.last) : i;
      }
      case 'NullTest':
      case 'BooleanTest': {
        let j = i;
        while (j + 1 <= this.last && ['IS', 'NOT', 'NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'ISNULL', 'NOTNULL'].includes(t[j + 1].up) && t[j].up !== 'NULL') j++;
        return j;
      }
      case 'TypeCast': {
        if (t[i]?.up === 'CAST' && t[i + 1]?.text === '(') return this.lx.close(i + 1, this.last);
        return i;
      }
      case 'TypeName': {
        let j = i;
        for (;;) {
          const nx = t[j + 1];
          if (!nx) break;
          if (nx.text === '(' || nx.text === '[') j = this.lx.close(j + 1, this.last);
          else if (nx.text === '.' || TYPE_WORDS.has(nx.up) || (t[j].text === '.' && /^\w/.test(nx.text))) j++;
          else break;
        }
        return j;
      }
      case 'CaseExpr': {
        let depth = 0;
        for (let j = i; j <= this.last; j++) {
          if (t[j].up === 'CASE') depth++;
          else if (t[j].up === 'END' && --depth === 0) return j;
        }
        return i;
      }
      case 'CommonTableExpr':
        return i;
      case 'A_Const':
        // `-1` is one constant located at its sign.
        return t[i]?.text === '-' && t[i + 1] && /^[\d.]/.test(t[i + 1].text) ? i + 1 : i;
      default:
        return i;
    }
  }
}

function isNode(x: unknown): boolean {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 1 && /^[A-Z]/.test(keys[0]);
}
