import type { Rule } from './types';
import type { Table } from '../model/schema';
import { columnKey, displayName, findColumn, primaryKey } from '../model/schema';
import type { QueryBlock } from '../model/types';
import { indexesOf } from '../model/indexes';
import { accessesOf, indexUse, mayBeLarge, type TableAccess } from '../model/workload';
import { quoteIdent } from '../fixes';

/**
 * `OFFSET n` with an ORDER BY, where n is a parameter (an application paging through results) or a literal of at
 * least `minOffset`: the database produces and discards every skipped row, so page k costs k pages of work.
 * Keyset pagination (`WHERE (sort keys) < (last row's keys)`) seeks to the page instead.
 */
export const rule: Rule = {
  meta: {
    id: 'offset-pagination',
    type: 'suggestion',
    category: 'performance',
    description: 'Deep OFFSET pagination reads and discards every skipped row; paginate by key instead',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'hint',
    fixable: 'never',
    messages: {
      literal: '`OFFSET {{offset}}` reads and discards {{offset}} sorted rows before it returns any',
      parameter: 'This `OFFSET` reads and discards every row of the pages before, so each page is slower than the last',
    },
    options: {
      minOffset: { type: 'number', default: 1000, description: 'Smallest literal OFFSET reported (an OFFSET given by a parameter or an expression is always reported).' },
    },
  },
  checkQuery(ctx, q) {
    const minOffset = Number(ctx.options.minOffset ?? 1000);
    const byBlock = new Map<QueryBlock, TableAccess[]>();
    for (const a of accessesOf(ctx.schema, q)) {
      let l = byBlock.get(a.block);
      if (!l) byBlock.set(a.block, (l = []));
      l.push(a);
    }
    {
      for (const b of q.query.blocks) {
        const off = b.offset;
        if (!off || !b.sort.length) continue;
        if (off.value !== undefined && off.value < minOffset) continue;
        const list = byBlock.get(b) ?? [];
        // Only tables the model knows can say whether the skipped rows are many; a few seed rows are not.
        if (list.length && !list.some((a) => mayBeLarge(ctx.schema, a.table))) continue;
        const sorted = list.find((a) => a.sort.length > 0);
        ctx.report({
          messageId: off.value !== undefined ? 'literal' : 'parameter',
          data: { offset: off.value ?? '' },
          at: { file: q.file, span: off.span },
          help: keysetHelp(sorted) + ormHelp(q.query.orm?.client),
        });
      }
    }
  },
};

/** Keyset pagination for this block's ORDER BY, with the primary key as a tiebreaker and the index that serves it. */
function keysetHelp(a: TableAccess | undefined): string {
  const generic =
    'Paginate by key instead: remember the sort keys of the last row returned and ask for the rows after them ' +
    '(`WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 20`), with a unique column last so no row is skipped or repeated; ' +
    'an index on the sort keys then seeks straight to the page';
  if (!a || a.sort.some((s) => s.expression)) return generic;
  const t = a.table;
  const d = t.dialect;
  const cols = a.sort.map((s) => ({ name: findColumn(t, s.target.column)?.name ?? s.target.column, desc: s.desc }));
  const pk = primaryKey(t);
  const unique = uniqueIn(t, cols.map((c) => c.name));
  const tiebreak = !unique && pk ? pk.columns.filter((c) => !cols.some((x) => columnKey(x.name, d) === columnKey(c, d))) : [];
  const dir = cols[cols.length - 1].desc;
  for (const c of tiebreak) cols.push({ name: c, desc: dir });
  const q = (s: string) => quoteIdent(s, d);
  const mixed = cols.some((c) => c.desc !== cols[0].desc);
  const ph = (i: number) => (d === 'postgresql' ? `$${i + 1}` : '?');
  const order = cols.map((c) => `${q(c.name)}${c.desc ? ' DESC' : ''}`).join(', ');
  let where: string;
  if (cols.length === 1) where = `${q(cols[0].name)} ${cols[0].desc ? '<' : '>'} ${ph(0)}`;
  else if (!mixed && d !== 'mysql') where = `(${cols.map((c) => q(c.name)).join(', ')}) ${cols[0].desc ? '<' : '>'} (${cols.map((_, i) => ph(i)).join(', ')})`;
  else {
    // MySQL optimizes the expanded form better than a row comparison; mixed directions need it everywhere.
    const arms = cols.map((c, i) => [...cols.slice(0, i).map((p, j) => `${q(p.name)} = ${ph(j)}`), `${q(c.name)} ${c.desc ? '<' : '>'} ${ph(i)}`].join(' AND '));
    where = arms.map((x, i) => (i === 0 ? x : `(${x})`)).join(' OR ');
  }
  const eq = a.eq.filter((p) => !a.joins.includes(p) && !p.expression && (p.op === 'eq' || p.op === 'null')).map((p) => findColumn(t, p.target.column)?.name ?? p.target.column);
  const keys = [...new Set([...eq.map(q), ...cols.map((c) => q(c.name) + (mixed && c.desc ? ' DESC' : ''))])];
  const withTiebreak: TableAccess = { ...a, sort: [...a.sort, ...tiebreak.map((c) => ({ target: { ref: a.ref, column: c, span: a.block.span }, desc: dir, span: a.block.span }))] };
  const served = indexesOf(t).some((ix) => indexUse(ix, withTiebreak)?.sort);
  const table = displayName(t.name);
  return (
    `Paginate by key instead: remember the last row's ${cols.map((c) => `\`${c.name}\``).join(', ')} and ask for the next page with ` +
    `\`WHERE ${eq.length ? '… AND ' : ''}${cols.length > 1 && (mixed || d === 'mysql') ? `(${where})` : where} ORDER BY ${order} LIMIT …\`` +
    (tiebreak.length ? ` (\`${tiebreak.join('`, `')}\` breaks ties, so no row is skipped or repeated)` : '') +
    (served ? '; an index already delivers this order, so each page starts with a seek' : `; an index on \`${table}(${keys.join(', ')})\` lets each page start with a seek`) +
    (d === 'mysql' ? " (MySQL's `LIMIT offset, count` skips rows the same way)" : '')
  );
}

/** How the ORM a call was written with says "the rows after this one". */
function ormHelp(client: 'prisma' | 'typeorm' | undefined): string {
  if (client === 'prisma') return '. With Prisma Client: `cursor: { id: lastId }, skip: 1, take: 20` and an `orderBy` that ends with a unique field';
  if (client === 'typeorm') return '. With TypeORM: a `where` on the sort keys (`createdAt: LessThan(last.createdAt)`, or a query builder `andWhere("(o.created_at, o.id) < (:at, :id)")`) instead of `skip`';
  return '';
}

/** Do the columns include every column of the primary key or of a unique constraint/index (rows are then ordered totally)? */
function uniqueIn(t: Table, cols: string[]): boolean {
  const has = (c: string) => cols.some((x) => columnKey(x, t.dialect) === columnKey(c, t.dialect));
  return indexesOf(t).some((ix) => ix.unique && ix.where === undefined && ix.keys.every((k) => k.column !== undefined && has(k.column)));
}
