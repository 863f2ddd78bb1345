import type { Rule } from './types';
import { displayName } from '../model/schema';
import { whereTypeWritten } from './_column-type';

/**
 * A PostgreSQL `char(n)` / `character(n)` / `bpchar` column: values are blank-padded to n, trailing spaces are
 * insignificant in comparisons and dropped on conversion to other string types, and it is no faster than `text`
 * or `varchar(n)` (the manual: usually the slowest of the three). Not PG's one-byte internal `"char"`.
 * Not for MySQL (CHAR strips trailing spaces on read and is a fixed-width row format optimisation there) nor SQLite
 * (CHAR(n) is TEXT affinity: no padding, no limit). `char(1)` is left alone: the only value it pads is the empty
 * string, so it behaves like `varchar(1)` and costs the same.
 */
export const rule: Rule = {
  meta: {
    id: 'char-column',
    type: 'suggestion',
    category: 'types',
    description: 'PostgreSQL columns should use text or varchar(n) rather than blank-padded char(n)',
    dialects: ['postgresql'],
    defaultSeverity: 'hint',
    fixable: 'sometimes',
    messages: {
      char: 'Column `{{table}}.{{column}}` is `{{type}}`, which pads values with spaces to its full length',
      bpchar: 'Column `{{table}}.{{column}}` is `{{type}}`, which ignores trailing spaces when comparing values',
    },
  },
  checkTable(ctx, t) {
    if (ctx.schema.dialect !== 'postgresql') return;
    if (t.unclosed) return;
    for (const c of t.columns) {
      // char(1) pads only the empty string: nothing to gain from changing it.
      if (c.type.name !== 'char' || c.type.length === 1 || c.generated) continue;
      const written = whereTypeWritten(ctx.schema, t, c);
      const arr = '[]'.repeat(c.type.array ?? 0);
      const newType = (c.type.length !== undefined ? `varchar(${c.type.length})` : 'text') + arr;
      const type = (c.type.length !== undefined ? `char(${c.type.length})` : 'bpchar') + arr;
      const name = `\`${displayName(t.name)}.${c.name}\``;
      const fix = written.inDefinition ? ctx.fixes.changeColumnType(c, newType, `Change ${name} to \`${newType}\``) : undefined;
      const where = !fix && ctx.isMigrationFile(c.origin.file) ? ' in a new migration' : '';
      ctx.report({
        messageId: c.type.length !== undefined ? 'char' : 'bpchar',
        data: { table: displayName(t.name), column: c.name, type },
        at: written.at,
        part: written.part,
        help:
          `Use \`${newType}\`${where}${c.type.length !== undefined ? ' (or `text` with a CHECK on its length)' : ''}: \`${type}\` ` +
          (c.type.length !== undefined ? 'stores and returns values padded with spaces, ' : '') +
          'ignores trailing spaces when comparing, strips them when converting to other string types, and is no faster than `text` or `varchar` in PostgreSQL. ' +
          'Check code that relies on the padding or on trailing spaces being ignored',
        fixes: [fix],
      });
    }
  },
};
