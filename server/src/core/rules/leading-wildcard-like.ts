import type { Rule } from './types';
import { columnKey, displayName, findColumn } from '../model/schema';
import type { Predicate } from '../model/types';
import { describeIndex, indexesOf } from '../model/indexes';
import { accessesOf, mayBeLarge } from '../model/workload';
import { seekableIndex, selfComparison, uniqueLookup } from './non-sargable-predicate';

/**
 * `LIKE '%…'` / `ILIKE '%…'` (also `'%' || $1`, `CONCAT('%', ?)`) on a column that a B-tree index would otherwise
 * seek on for this query: a pattern that starts with a wildcard has no prefix to seek to, so every row is read.
 * Not reported where nothing is lost (no index has the column as its usable key), nor in PostgreSQL when a
 * trigram (GIN/GiST `*_trgm_ops`) index on the column serves the pattern.
 */
export const rule: Rule = {
  meta: {
    id: 'leading-wildcard-like',
    type: 'problem',
    category: 'performance',
    description: 'A LIKE pattern that starts with a wildcard cannot use a B-tree index on the column',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      leading: 'The pattern of this `{{op}}` on `{{table}}.{{column}}` starts with a wildcard, so {{index}} cannot seek on it',
    },
  },
  checkQuery(ctx, q) {
    const seen = new Set<Predicate>();
    for (const a of accessesOf(ctx.schema, q)) {
      const t = a.table;
      if (!mayBeLarge(ctx.schema, t) || uniqueLookup(a)) continue;
      for (const p of a.other) {
        if (seen.has(p) || p.op !== 'like' || !p.leadingWildcard || p.expression || selfComparison(ctx.schema, a, p)) continue;
        // `LIKE '%'` matches every non-null value: a filter no index could narrow, not a search.
        if (p.value.kind === 'string' && /^%*$/.test(p.value.text ?? '')) continue;
        const column = findColumn(t, p.target.column);
        if (!column) continue;
        const ix = seekableIndex(a, column.name);
        if (!ix) continue;
        const key = columnKey(column.name, t.dialect);
        const onColumn = indexesOf(t).filter((x) => x.keys.some((k) => k.column !== undefined && columnKey(k.column, t.dialect) === key));
        if (t.dialect === 'postgresql' && onColumn.some((x) => (x.method === 'gin' || x.method === 'gist') && x.keys.some((k) => /trgm/i.test(k.opclass ?? '')))) continue;
        seen.add(p);
        const op = p.ilike ? 'ILIKE' : 'LIKE';
        const table = displayName(t.name);
        const col = column.name;
        // A pattern known to end without a wildcard (`'%.png'`) is a suffix search: a reversed copy serves it.
        const suffix = p.value.kind === 'string' && p.value.text !== undefined && !/[%_]$/.test(p.value.text);
        let help: string;
        if (t.dialect === 'postgresql') {
          help =
            `A trigram index serves \`LIKE\` and \`ILIKE\` with a wildcard anywhere (three characters or more between them): \`CREATE EXTENSION IF NOT EXISTS pg_trgm;\` then ` +
            `\`CREATE INDEX … ON ${table} USING gin (${col} gin_trgm_ops);\`` +
            (suffix ? `. For a suffix search only, a B-tree on \`(reverse(${col}) text_pattern_ops)\` serves \`reverse(${col}) LIKE reverse($1) || '%'\`` : '');
        } else if (t.dialect === 'mysql') {
          const fulltext = onColumn.find((x) => x.method === 'fulltext');
          const reversed = `index a reversed copy (a stored generated column \`REVERSE(${col})\`) and match its prefix, \`LIKE CONCAT(REVERSE(?), '%')\``;
          help = suffix
            ? `For a suffix search, ${reversed}`
            : fulltext
              ? `${describeIndex(fulltext).replace(/^./, (c) => c.toUpperCase())} is a FULLTEXT index, which \`LIKE\` never uses: search words with \`MATCH (${col}) AGAINST (? IN BOOLEAN MODE)\` instead`
              : `To find words, add a FULLTEXT index (\`ALTER TABLE ${table} ADD FULLTEXT (${col})\`) and search with \`MATCH (${col}) AGAINST (…)\`; for a suffix search, ${reversed}`;
        } else {
          help = suffix
            ? `For a suffix search, store the value reversed in a column of its own (declared \`COLLATE NOCASE\`, which SQLite's LIKE optimization needs), index it and match the reversed suffix as a prefix`
            : `An FTS5 table searches text through an index (with \`tokenize = 'trigram'\`, SQLite 3.34+, it matches any substring of three or more characters, also with \`LIKE\`)`;
        }
        ctx.report({
          messageId: 'leading',
          data: { op, table, column: col, index: describeIndex(ix) },
          at: { file: a.query.file, span: p.span },
          help,
        });
      }
    }
  },
};
