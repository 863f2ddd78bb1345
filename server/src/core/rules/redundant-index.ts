import type { Rule } from './types';
import { columnKey, displayName } from '../model/schema';
import { describeIndex, describeKeys, indexesOf, sameLeadingKeys, type IndexLike } from '../model/indexes';
import { capitalize, sameIndex } from './duplicate-index';

/**
 * A non-unique B-tree index whose keys are the leading keys of another B-tree index on the same table (same
 * predicate): every lookup it serves, the longer index serves too, while each write pays for both.
 */
export const rule: Rule = {
  meta: {
    id: 'redundant-index',
    type: 'suggestion',
    category: 'indexing',
    description: 'Indexes should not be a left prefix of another index',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      redundant: '{{index}} on `{{table}}({{keys}})` is a left prefix of {{other}} on `({{otherKeys}})`',
    },
  },
  checkTable(ctx, t) {
    const all = indexesOf(t);
    for (const a of all) {
      // Unique indexes enforce something; non-B-tree methods have no left-prefix property.
      // An index the ORM creates on its own (TypeORM's join-table indexes) is not the user's to drop.
      if (a.kind !== 'index' || a.unique || a.method !== 'btree' || a.index?.implicit) continue;
      // A copy of an earlier or unique index is reported once, by duplicate-index.
      const ai = all.indexOf(a);
      if (all.some((o, oi) => o !== a && (oi < ai || o.unique) && sameIndex(a, o, t.dialect))) continue;
      let best: IndexLike | undefined;
      for (const b of all) {
        if (b === a || b.method !== 'btree' || b.where !== a.where || b.keys.length <= a.keys.length) continue;
        if (!sameLeadingKeys(a.keys, b.keys, a.keys.length, t.dialect)) continue;
        // An index whose INCLUDE columns the other index does not carry may be a covering index.
        const carried = new Set([...b.keys.map((k) => k.column), ...b.include].filter((c): c is string => !!c).map((c) => columnKey(c, t.dialect)));
        if (!a.include.every((c) => carried.has(columnKey(c, t.dialect)))) continue;
        if (!best || b.keys.length < best.keys.length) best = b;
      }
      if (!best) continue;
      ctx.report({
        messageId: 'redundant',
        data: {
          index: capitalize(describeIndex(a)),
          table: displayName(t.name),
          keys: describeKeys(a.keys),
          other: describeIndex(best),
          otherKeys: describeKeys(best.keys),
        },
        at: a,
        part: 'name',
        help: `Drop ${describeIndex(a)}: ${describeIndex(best)} serves the same lookups and sorts, and each write updates both. Keep it only if a measured query needs the smaller index.`,
        fixes: a.index ? [ctx.fixes.removeIndex(a.index, `Remove ${describeIndex(a)}`)] : [],
        related: [{ at: best, part: 'name', message: `${capitalize(describeIndex(best))} is defined here` }],
      });
    }
  },
};
