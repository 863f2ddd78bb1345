import type { Rule, RuleContext } from './types';
import type { Column, Schema, Table } from '../model/schema';
import { columnKey, displayName, findColumn, nameKey } from '../model/schema';
import type { Predicate } from '../model/types';
import { describeIndex, indexesOf, type IndexLike } from '../model/indexes';
import { accessesOf, effectiveKeys, impliesPredicate, indexUse, mayBeLarge, refOf, type TableAccess } from '../model/workload';
import { quoteIdent } from '../fixes';

/**
 * The B-tree index that would seek on `column` for this access if the query compared the bare column: one whose key
 * right after the keys the query fixes by equality is that column. Partial indexes count only when the query implies
 * their predicate. The one with the most keys fixed before it wins.
 */
export function seekableIndex(a: TableAccess, column: string): IndexLike | undefined {
  const t = a.table;
  const key = columnKey(column, t.dialect);
  let best: { ix: IndexLike; at: number } | undefined;
  for (const ix of indexesOf(t)) {
    if (ix.method !== 'btree') continue;
    if (ix.where !== undefined && !impliesPredicate(a, ix.where)) continue;
    const keys = effectiveKeys(ix, t);
    let at = 0;
    while (at < keys.length && keys[at].column !== undefined && a.eq.some((p) => !p.expression && columnKey(p.target.column, t.dialect) === columnKey(keys[at].column!, t.dialect))) at++;
    const k = keys[at];
    if (!k || k.column === undefined || columnKey(k.column, t.dialect) !== key) continue;
    if (!best || at > best.at || (at === best.at && ix.keys.length < best.ix.keys.length)) best = { ix, at };
  }
  return best?.ix;
}

/**
 * Does the query fetch its rows of this table by a unique key (every key of a unique index compared by equality,
 * possibly through a join)? Then each filter more only checks the row or two already found: no seek is lost.
 */
export function uniqueLookup(a: TableAccess, except?: Predicate): boolean {
  const t = a.table;
  return indexesOf(t).some(
    (ix) =>
      ix.unique &&
      ix.where === undefined &&
      ix.keys.length > 0 &&
      ix.keys.every((k) => k.column !== undefined && a.eq.some((p) => p !== except && !p.expression && (p.op === 'eq' || p.op === 'in') && columnKey(p.target.column, t.dialect) === columnKey(k.column!, t.dialect))),
  );
}

/** Does a comparison inside OR/NOT belong to a real OR over different columns (each arm then wants its own seek)? */
export function inDisjunction(a: TableAccess, p: Predicate): boolean {
  return a.block.disjunctions.some((d) => d.span.start <= p.span.start && p.span.end <= d.span.end);
}

/** A comparison between two columns of the same row (`a.x = a.y`): no index seeks on it, whatever wraps them. */
export function selfComparison(schema: Schema, a: TableAccess, p: Predicate): boolean {
  return p.value.kind === 'column' && !!p.value.column && !p.value.column.outer && refOf(schema, a.block, p.value.column) === a.ref;
}

/** Do an index's keys on the wrapped expression serve this comparison (the expression extends the seek)? */
function expressionIndexServes(a: TableAccess, p: Predicate): boolean {
  const asSeek: Predicate = { ...p, inOr: undefined, op: p.op === 'range' ? 'range' : 'eq' };
  const without: TableAccess = { ...a, eq: a.eq.filter((x) => x !== p), range: a.range.filter((x) => x !== p), other: [], sort: [] };
  const withIt: TableAccess = p.op === 'range' ? { ...without, range: [asSeek] } : { ...without, eq: [...without.eq, asSeek], range: [] };
  return indexesOf(a.table).some((ix) => {
    const u = indexUse(ix, withIt);
    if (!u) return false;
    const before = indexUse(ix, { ...without, range: p.op === 'range' ? [] : without.range });
    if (u.maybe) return !before;
    return u.eqKeys > (before?.eqKeys ?? 0) || (u.range && !before?.range);
  });
}

/** Canonical spelling of a type written in a cast (white space already removed by the query normalization). */
const TYPE_ALIAS: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  signed: 'bigint',
  signedinteger: 'bigint',
  int8: 'bigint',
  int2: 'smallint',
  float8: 'doubleprecision',
  double: 'doubleprecision',
  float4: 'real',
  bool: 'boolean',
  decimal: 'numeric',
  timestampwithtimezone: 'timestamptz',
  timestampwithouttimezone: 'timestamp',
  charactervarying: 'varchar',
  character: 'char',
};

function canonicalType(t: string): string {
  const base = t.replace(/\(.*$/, '');
  return TYPE_ALIAS[base] ?? base;
}

/** The type a cast expression converts the column to: `created_at::date`, `cast(created_atasdate)` (normalized text). */
function castType(p: Predicate, column: Column): string | undefined {
  const e = p.expression ?? '';
  const col = column.name.toLowerCase();
  const colon = e.lastIndexOf('::');
  if (colon > 0 && e.slice(0, colon) === col) return e.slice(colon + 2);
  const m = /^(?:cast|convert)\((.*)\)$/.exec(e);
  if (m && m[1].startsWith(col + 'as')) return m[1].slice(col.length + 2);
  return undefined;
}

const DAY_FUNCTIONS = new Set(['date']);
const PART_FUNCTIONS = new Set(['year', 'month', 'day', 'dayofmonth', 'extract', 'date_part', 'strftime', 'date_format', 'to_char', 'yearweek', 'week']);
const CASE_FUNCTIONS = new Set(['lower', 'upper', 'lcase', 'ucase']);

/**
 * A comparison in WHERE or JOIN … ON whose column is wrapped in a function, arithmetic or a cast
 * (`date(created_at) = $1`, `lower(email) = $1`, `price * 2 > $1`, `created_at::date = $1`) where the bare column
 * is the key an index would seek on for this query, and no index on the same expression serves it.
 */
export const rule: Rule = {
  meta: {
    id: 'non-sargable-predicate',
    type: 'problem',
    category: 'performance',
    description: 'A filter wraps an indexed column in a function, arithmetic or a cast, so the index cannot seek on it',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      function: '`{{table}}.{{column}}` is wrapped in `{{fn}}()` here, so {{index}} cannot seek on it',
      cast: '`{{table}}.{{column}}` is cast{{to}} here, so {{index}} cannot seek on it',
      arithmetic: '`{{table}}.{{column}}` is inside arithmetic here, so {{index}} cannot seek on it',
    },
  },
  checkQuery(ctx, q) {
    const seen = new Set<Predicate>();
    for (const a of accessesOf(ctx.schema, q)) {
      if (!mayBeLarge(ctx.schema, a.table) || uniqueLookup(a)) continue;
      const candidates = [
        ...a.eq,
        ...a.range,
        // An arm of an OR over different columns needs a seek of its own (a bitmap OR, an index merge). A negated
        // comparison (NOT …) seeks on nothing, wrapped or not.
        ...a.other.filter((p) => p.inOr && (p.op === 'eq' || p.op === 'in' || p.op === 'range') && inDisjunction(a, p)),
      ];
      for (const p of candidates) {
        if (seen.has(p) || !p.expression || !p.form || selfComparison(ctx.schema, a, p)) continue;
        const column = findColumn(a.table, p.target.column);
        if (!column) continue;
        // The normalization drops casts to string types (`email::text`): on a text or varchar column such a cast changes
        // nothing (the index serves it); on any other column it is a cast to a string type.
        const toString = p.expression === column.name.toLowerCase();
        if (toString && (column.type.name === 'text' || column.type.name === 'varchar')) continue;
        const to = toString ? 'text' : p.form === 'cast' ? castType(p, column) : undefined;
        if (to !== undefined && canonicalType(to) === canonicalType(column.type.name.replace(/\s+/g, ''))) continue;
        const ix = seekableIndex(a, column.name);
        if (!ix || expressionIndexServes(a, p)) continue;
        seen.add(p);
        report(ctx, a, p, column, ix, to);
      }
    }
  },
};

function report(ctx: RuleContext, a: TableAccess, p: Predicate, column: Column, ix: IndexLike, to: string | undefined): void {
  const t = a.table;
  const d = t.dialect;
  const table = displayName(t.name);
  const col = column.name;
  const fn = p.fn ?? '';
  const param = d === 'postgresql' ? '$1' : '?';
  const dateLike = (p.form === 'function' && DAY_FUNCTIONS.has(fn)) || (p.form === 'cast' && to !== undefined && canonicalType(to) === 'date');
  let help: string;
  let fix;
  const unit = fn === 'date_trunc' ? /^date_trunc\('(\w+)'/.exec(p.expression ?? '')?.[1] : undefined;
  if (unit) {
    help = `Compare the bare column with the range of the ${unit}, \`${col} >= ${param} AND ${col} < ${param} + interval '1 ${unit}'\`, so the index seeks to its first row`;
  } else if (dateLike) {
    const start = d === 'postgresql' ? `${param}::date` : param;
    const next = d === 'postgresql' ? `${param}::date + 1` : d === 'mysql' ? `${param} + INTERVAL 1 DAY` : `date(${param}, '+1 day')`;
    help =
      `Compare the bare column with the range of the day, \`${col} >= ${start} AND ${col} < ${next}\`${d === 'postgresql' ? '' : ' (the day bound to both placeholders)'}, so the index seeks to its first row`;
  } else if (p.form === 'function' && PART_FUNCTIONS.has(fn)) {
    const year = (fn === 'year' || /^(extract\(yearfrom|date_part\('year',)/.test(p.expression ?? '')) && p.op === 'eq' && p.value.kind === 'number' ? Number(p.value.text) : undefined;
    help =
      year !== undefined && Number.isInteger(year)
        ? `Compare the bare column with the range of the year, \`${col} >= '${year}-01-01' AND ${col} < '${year + 1}-01-01'\`, so the index seeks to its start`
        : `Compare the bare column with the range of the period instead, e.g. \`${col} >= '2024-01-01' AND ${col} < '2025-01-01'\` for a year, so the index seeks to its start`;
  } else if (p.form === 'function' && CASE_FUNCTIONS.has(fn)) {
    const simple = p.expression === `${fn}(${col.toLowerCase()})`;
    const exprText = `${fn}(${quoteIdent(col, d)})`;
    if (d === 'mysql') {
      const coll = column.effectiveCollation?.toLowerCase();
      const ci = !coll || !/_(bin|cs)$/.test(coll);
      help = ci
        ? `${coll ? `The column's collation \`${coll}\`` : 'The default collation (`…_ci`)'} already compares case-insensitively: compare the bare column (\`${col} = ?\`) and the index serves it`
        : `Index the expression (MySQL 8.0.13+: \`CREATE INDEX … ON ${table} ((${exprText}))\`; MariaDB: an indexed virtual column), or give the column a case-insensitive \`_ci\` collation and compare it bare`;
    } else if (d === 'postgresql') {
      help =
        column.type.name === 'citext'
          ? `\`${col}\` is \`citext\`, which already compares case-insensitively: compare the bare column and the index serves it`
          : `Index the expression (\`CREATE INDEX … ON ${table} ((${exprText}))\`: it serves exactly \`${exprText}\`), or make the column \`citext\` (or give it a nondeterministic case-insensitive collation) and compare it bare`;
    } else {
      help = `Index the expression (\`CREATE INDEX … ON ${table} (${exprText})\`), or declare the column \`COLLATE NOCASE\` (ASCII letters only) and compare it bare`;
    }
    const seek = p.op === 'eq' || p.op === 'in';
    if (simple && seek && d !== 'mysql' && !(d === 'postgresql' && column.type.name === 'citext')) fix = ctx.fixes.addIndexForTable(t, [{ expression: exprText }]);
  } else if (p.form === 'arithmetic') {
    const temporal = /^(date|time|timestamp|timestamptz|datetime|timetz)$/.test(column.type.name);
    help = temporal
      ? `Move the arithmetic to the value side (\`${col} > ${d === 'postgresql' ? "now() - interval '1 day'" : d === 'mysql' ? 'NOW() - INTERVAL 1 DAY' : "datetime('now', '-1 day')"}\` rather than adding to \`${col}\`) so the bare column meets the index`
      : `Move the arithmetic to the value side (\`${col} > ${param} / 100\` rather than \`${col} * 100 > ${param}\`) so the bare column meets the index, or index the expression itself`;
  } else if (p.form === 'cast') {
    help = `Cast the value to the column's type instead of the column (\`${col} = CAST(${param} AS ${column.rawType})\`), so the bare column meets the index`;
  } else {
    help = `Rewrite the condition on the bare column, or index the expression itself: an expression index serves only that same expression`;
  }
  const data: Record<string, string> = { table, column: col, index: describeIndex(ix) };
  if (p.form === 'function') data.fn = fn;
  if (p.form === 'cast') data.to = to ? ` to \`${to}\`` : '';
  ctx.report({
    messageId: p.form ?? 'function',
    data,
    at: { file: a.query.file, span: p.targetSpan },
    help,
    fixes: [fix],
  });
}
