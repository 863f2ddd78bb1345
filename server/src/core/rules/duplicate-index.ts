import type { Rule } from './types';
import { displayName } from '../model/schema';
import { describeIndex, describeKeys, indexesOf, sameLeadingKeys, type IndexLike } from '../model/indexes';

/**
 * Two indexes (or an index and a PRIMARY KEY/UNIQUE constraint) with the same keys, predicate and method: the
 * database maintains both on every write and uses one. A non-unique copy of a unique index is the useless one.
 */
export const rule: Rule = {
  meta: {
    id: 'duplicate-index',
    type: 'problem',
    category: 'indexing',
    description: 'Indexes should not duplicate another index or key',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      duplicate: '{{index}} on `{{table}}({{keys}})` duplicates {{other}}',
    },
  },
  checkTable(ctx, t) {
    const all = indexesOf(t);
    const flagged = new Set<IndexLike>();
    for (let j = 1; j < all.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = all[i];
        const b = all[j];
        if (flagged.has(a) || flagged.has(b) || !sameIndex(a, b, t.dialect)) continue;
        // The one to drop: a non-unique copy of a unique index, else the later definition.
        const [dup, keep] = a.unique && !b.unique ? [b, a] : !a.unique && b.unique ? [a, b] : [b, a];
        // An index the ORM creates on its own (TypeORM's join-table indexes) is not the user's to drop.
        if (dup.index?.implicit) continue;
        flagged.add(dup);
        ctx.report({
          messageId: 'duplicate',
          data: { index: capitalize(describeIndex(dup)), table: displayName(t.name), keys: describeKeys(dup.keys), other: describeIndex(keep) },
          at: dup,
          part: 'name',
          help:
            dup.kind === 'index'
              ? `Drop ${describeIndex(dup)}: ${describeIndex(keep)} already serves every query it can, and each write updates both.`
              : `Remove the redundant constraint: ${describeIndex(keep)} already enforces it.`,
          fixes: dup.index ? [ctx.fixes.removeIndex(dup.index, `Remove ${describeIndex(dup)}`)] : [],
          related: [{ at: keep, part: 'name', message: `${capitalize(describeIndex(keep))} is defined here` }],
        });
      }
    }
  },
};

export function sameIndex(a: IndexLike, b: IndexLike, dialect: Parameters<typeof sameLeadingKeys>[3]): boolean {
  if (a.keys.length !== b.keys.length || a.method !== b.method || a.where !== b.where) return false;
  if (a.method !== 'btree' && a.unique !== b.unique) return false;
  if (a.include.length || b.include.length) {
    if (a.include.join('\u0000').toLowerCase() !== b.include.join('\u0000').toLowerCase()) return false;
  }
  return sameLeadingKeys(a.keys, b.keys, a.keys.length, dialect);
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
