import type { Rule, RuleContext } from './types';
import type { Fix } from '../api';
import type { IndexKey } from '../model/types';
import type { Table } from '../model/schema';
import { columnKey, displayName } from '../model/schema';
import { describeIndex, describeKeys, indexesOf, normSql, type IndexLike } from '../model/indexes';
import { accessesByTable, bestIndex, compareUse, indexUse, type IndexUse, type TableAccess } from '../model/workload';

/**
 * A composite index whose column order does not follow ERS for the workspace queries that use it: a column the
 * query compares by range (or sorts by) comes before a column it compares by equality, so the index seeks only
 * as far as the range column and filters the rest. Judged against the real queries only: without a query there is
 * no evidence of a wrong order. When a query has a range and a sort on different columns, their relative order is
 * a trade-off (range first reads fewer rows, sort first avoids the sort with LIMIT): not flagged.
 *
 * The order proposed is the one that serves the most queries better than the current order; queries it serves
 * worse are named in the help; no finding when no order is better overall. A query another index already serves as
 * well as the reordered index would is no evidence.
 */
export const rule: Rule = {
  meta: {
    id: 'composite-index-order',
    type: 'problem',
    category: 'indexing',
    description: 'Composite index columns should be ordered equality first, then range or sort (ERS), for the queries that use them',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    workload: true,
    fixable: 'sometimes',
    messages: {
      order:
        'Index `{{index}}` puts {{role}} column `{{early}}` before equality column `{{late}}` for the query at {{where}}{{more}}: `({{better}})` serves {{them}} with a seek on both',
    },
  },
  check(ctx) {
    for (const [t, list] of accessesByTable(ctx.schema)) {
      for (const d of decisions(t, list)) report(ctx, t, d);
    }
  },
};

interface Decision {
  ix: IndexLike;
  best: { order: IndexKey[]; better: TableAccess[]; worse: TableAccess[] };
  shown: Violation;
}

/**
 * Per table, what was decided from which accesses: a query edit elsewhere keeps every other table's accesses (the
 * same objects), so their decisions stand; only the reports are written again (they cite lines).
 */
const memo = new WeakMap<Table, { list: readonly TableAccess[]; found: Decision[] }>();

function decisions(t: Table, list: readonly TableAccess[]): Decision[] {
  const hit = memo.get(t);
  if (hit && (hit.list === list || (hit.list.length === list.length && hit.list.every((a, i) => a === list[i])))) return hit.found;
  const found: Decision[] = [];
  const composite = indexesOf(t).filter((ix) => ix.kind === 'index' && ix.method === 'btree' && ix.keys.length >= 2 && !ix.keys.some((k) => k.prefixLength));
  // The key ids each query compares or sorts: a violation needs two keys of the index in one query.
  const used = composite.length ? list.map((a) => usedKeys(a, t)) : [];
  for (const ix of composite) {
    const ids = ix.keys.map((k) => keyId(k, t));
    if (!used.some((u) => ids.filter((id) => u.has(id)).length >= 2)) continue;
    const d = decide(t, ix, list);
    if (d) found.push(d);
  }
  memo.set(t, { list, found });
  return found;
}

/** The key ids a query compares or sorts (kept per access: an edit elsewhere keeps the access objects). */
const usedMemo = new WeakMap<TableAccess, Set<string>>();
function usedKeys(a: TableAccess, t: Table): Set<string> {
  let u = usedMemo.get(a);
  if (!u) usedMemo.set(a, (u = new Set([...a.eq, ...a.range, ...a.sort].map((p) => (p.expression !== undefined ? 'e:' + p.expression : 'c:' + columnKey(p.target.column, t.dialect))))));
  return u;
}

interface Violation {
  a: TableAccess;
  order: IndexKey[];
  early: IndexKey;
  late: IndexKey;
  role: 'range' | 'sort';
}

function keyId(k: IndexKey, t: Table): string {
  return k.column !== undefined ? 'c:' + columnKey(k.column, t.dialect) : 'e:' + normSql(k.expression ?? '');
}

function matches(k: IndexKey, p: { target: { column: string }; expression?: string }, t: Table): boolean {
  return k.column !== undefined
    ? p.expression === undefined && columnKey(k.column, t.dialect) === columnKey(p.target.column, t.dialect)
    : p.expression !== undefined && normSql(k.expression ?? '') === p.expression;
}

function withKeys(ix: IndexLike, keys: IndexKey[]): IndexLike {
  return { ...ix, keys };
}

/** Per access and index (both kept while their table is the same): the access's violation of the index's order. */
const violationMemo = new WeakMap<TableAccess, Map<IndexLike, Violation | null>>();

function decide(t: Table, ix: IndexLike, list: readonly TableAccess[]): Decision | undefined {
  const violations: Violation[] = [];
  for (const a of list) {
    let byIndex = violationMemo.get(a);
    if (!byIndex) violationMemo.set(a, (byIndex = new Map()));
    let v = byIndex.get(ix);
    if (v === undefined) byIndex.set(ix, (v = violation(t, ix, a) ?? null));
    if (v) violations.push(v);
  }
  if (!violations.length) return undefined;
  // Candidate orders: each violated query's ERS order. Score each against every query of the table.
  const candidates = new Map<string, IndexKey[]>();
  for (const v of violations) candidates.set(v.order.map((k) => keyId(k, t)).join(','), v.order);
  let best: { order: IndexKey[]; better: TableAccess[]; worse: TableAccess[] } | undefined;
  for (const order of candidates.values()) {
    const better: TableAccess[] = [];
    const worse: TableAccess[] = [];
    const reordered = withKeys(ix, order);
    for (const a of list) {
      const now = indexUse(ix, a);
      const then = indexUse(reordered, a);
      const c = cmp(then, now);
      if (c > 0) {
        // Evidence only when no other index already serves the query as well as the reordered one would.
        const other = bestIndex(a, ix);
        if (other && then && compareUse(other, then) >= 0) continue;
        better.push(a);
      } else if (c < 0) {
        const other = bestIndex(a, ix);
        if (other && now && compareUse(other, now) >= 0) continue; // another index serves it anyway
        worse.push(a);
      }
    }
    if (better.length > worse.length && (!best || better.length - worse.length > best.better.length - best.worse.length)) best = { order, better, worse };
  }
  if (!best) return undefined;
  const shown = violations.find((v) => best!.better.includes(v.a) && sameOrder(v.order, best!.order, t)) ?? violations.find((v) => best!.better.includes(v.a));
  return shown ? { ix, best, shown } : undefined;
}

function report(ctx: RuleContext, t: Table, { ix, best, shown }: Decision): void {
  const where = (a: TableAccess) => ctx.locate(a.query.file, a.block.span.start);
  const others = best.better.filter((a) => a !== shown.a);
  const more = others.length ? ` (and ${others.length} more quer${others.length === 1 ? 'y' : 'ies'})` : '';
  const betterText = describeKeys(best.order);
  const name = ix.name ?? `(${describeKeys(ix.keys)})`;
  const help: string[] = [
    `A B-tree seeks on its leading columns compared by equality, then on one range; a column after a range or sort column is only filtered row by row. ` +
      `With \`(${betterText})\` the query at ${where(shown.a)} seeks on \`${shown.late.column ?? shown.late.expression}\` and then reads only the matching \`${shown.early.column ?? shown.early.expression}\` ${shown.role === 'range' ? 'range' : 'in order'}.`,
  ];
  if (others.length) help.push(`Also served better: ${others.slice(0, 5).map(where).join(', ')}${others.length > 5 ? ', …' : ''}.`);
  if (best.worse.length) help.push(`Queries disagree: ${best.worse.slice(0, 5).map(where).join(', ')} ${best.worse.length === 1 ? 'is' : 'are'} served less well by the new order; it still serves the most queries.`);
  help.push(`Changing an index's order rebuilds it: in a live database, create the reordered index first (CONCURRENTLY in PostgreSQL), then drop this one.`);
  ctx.report({
    messageId: 'order',
    data: {
      index: name,
      role: shown.role,
      early: shown.early.column ?? shown.early.expression ?? '?',
      late: shown.late.column ?? shown.late.expression ?? '?',
      where: where(shown.a),
      more,
      better: betterText,
      them: others.length ? 'them' : 'it',
    },
    at: keysSpan(ix),
    help: help.join(' '),
    fixes: [rewriteKeys(ctx, t, ix, best.order), ctx.fixes.addIndexForTable(t, best.order.map((k) => ({ column: k.column, expression: k.expression, desc: k.order === 'desc' })))].filter(
      (f, i, all): f is Fix => !!f && (i === 0 || !all[0]),
    ),
    related: [{ at: { file: shown.a.query.file, span: shown.a.block.span }, message: `the query (${describeIndex(ix)} ${shown.role === 'range' ? 'ranges' : 'sorts'} on \`${shown.early.column ?? shown.early.expression}\` before \`${shown.late.column ?? shown.late.expression}\`)` }],
  });
}

/** The index's key list as written (the whole definition when key spans are unknown). */
function keysSpan(ix: IndexLike): { file: string; span: { start: number; end: number } } {
  const spans = ix.keys.map((k) => k.span).filter((s) => s !== ix.origin.span);
  if (spans.length !== ix.keys.length) return { file: ix.origin.file, span: ix.origin.span };
  return { file: ix.origin.file, span: { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) } };
}

function sameOrder(a: IndexKey[], b: IndexKey[], t: Table): boolean {
  return a.length === b.length && a.every((k, i) => keyId(k, t) === keyId(b[i], t));
}

/** undefined (cannot serve) counts as the worst use. */
function cmp(x: IndexUse | undefined, y: IndexUse | undefined): number {
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return x.eqKeys - y.eqKeys || Number(x.range || x.sort) - Number(y.range || y.sort);
}

/**
 * Does the index put a range or sort column of this query before one of its equality columns, while every key
 * before that column is compared by equality (so the index is the query's to use)? Then the ERS order of the
 * index's keys for the query: its equality keys, then the range key (or the sort keys), then the rest as they were.
 */
function violation(t: Table, ix: IndexLike, a: TableAccess): Violation | undefined {
  const keys = ix.keys;
  const isEq = (k: IndexKey) => a.eq.some((p) => matches(k, p, t));
  const isRange = (k: IndexKey) => a.range.some((p) => matches(k, p, t));
  const isSort = (k: IndexKey) => a.sort.some((s) => matches(k, s, t));
  // Range and sort on different columns: which comes first is a trade-off, not an error.
  const rangeCols = keys.filter((k) => isRange(k) && !isEq(k));
  const sortCols = keys.filter((k) => isSort(k) && !isEq(k));
  if (a.range.length && a.sort.length && !a.sort.every((s) => a.range.some((p) => matches({ column: s.target.column, span: s.span }, p, t) || (!!s.expression && s.expression === p.expression)))) return undefined;
  let i = 0;
  while (i < keys.length && isEq(keys[i])) i++;
  const early = keys[i];
  if (!early) return undefined;
  const role = isRange(early) ? 'range' : isSort(early) ? 'sort' : undefined;
  if (!role) return undefined;
  const late = keys.slice(i + 1).find((k) => isEq(k));
  if (!late) return undefined;
  const eqKeys = keys.filter((k) => isEq(k));
  const tail = role === 'range' ? rangeCols.slice(0, 1) : sortCols;
  const rest = keys.filter((k) => !eqKeys.includes(k) && !tail.includes(k));
  const order = [...eqKeys, ...tail, ...rest];
  return { a, order, early, late, role };
}

/** Rewrites the key list in place (the keys' own text, reordered), where the index is written in an editable file. */
function rewriteKeys(ctx: RuleContext, t: Table, ix: IndexLike, order: IndexKey[]): Fix | undefined {
  const file = ix.origin.file;
  if (!ctx.fixes.canAddTo(file)) return undefined;
  const spans = ix.keys.map((k) => k.span);
  if (spans.some((s) => s === ix.origin.span || s.end <= s.start)) return undefined;
  const text = ctx.fixes.text(file);
  if (text === undefined) return undefined;
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  const newText = order.map((k) => text.slice(k.span.start, k.span.end)).join(', ');
  return {
    title: `Reorder index \`${ix.name ?? displayName(t.name)}\` to \`(${describeKeys(order)})\``,
    safe: false,
    edits: [{ file, start, end, newText }],
  };
}
