import type { Rule } from './types';
import { displayName } from '../model/schema';
import { whereTypeWritten } from './_column-type';

/**
 * A PostgreSQL `json` column: stored as text and re-parsed by every operator, no equality operator (so no
 * DISTINCT, GROUP BY, UNIQUE or B-tree index on it) and no GIN indexing. `jsonb` is what the manual recommends
 * unless the exact text (key order, duplicate keys, white space) must come back.
 */
export const rule: Rule = {
  meta: {
    id: 'json-column',
    type: 'suggestion',
    category: 'types',
    description: 'PostgreSQL columns should use jsonb rather than json',
    dialects: ['postgresql'],
    defaultSeverity: 'hint',
    fixable: 'sometimes',
    messages: {
      json: 'Column `{{table}}.{{column}}` is `{{type}}`, which is re-parsed on every access and cannot be indexed with GIN',
    },
  },
  checkTable(ctx, t) {
    if (ctx.schema.dialect !== 'postgresql') return;
    if (t.unclosed) return;
    for (const c of t.columns) {
      if (c.type.name !== 'json' || c.generated) continue;
      const written = whereTypeWritten(ctx.schema, t, c);
      // Changed from jsonb to json on purpose (to keep key order or the exact text): the author already chose.
      if (written.previous === 'jsonb') continue;
      const newType = 'jsonb' + '[]'.repeat(c.type.array ?? 0);
      const name = `\`${displayName(t.name)}.${c.name}\``;
      const fix = written.inDefinition ? ctx.fixes.changeColumnType(c, newType, `Change ${name} to \`${newType}\``) : undefined;
      const where = !fix && ctx.isMigrationFile(c.origin.file) ? ' in a new migration (`ALTER COLUMN … TYPE jsonb USING … ::jsonb`)' : '';
      ctx.report({
        messageId: 'json',
        data: { table: displayName(t.name), column: c.name, type: 'json' + '[]'.repeat(c.type.array ?? 0) },
        at: written.at,
        part: written.part,
        help:
          `Use \`${newType}\`${where} unless the exact JSON text must be kept: \`jsonb\` is parsed once on write, supports equality, ` +
          '`@>`/`?` operators and GIN indexes, but drops white space, duplicate keys and key order',
        fixes: [fix],
      });
    }
  },
};
