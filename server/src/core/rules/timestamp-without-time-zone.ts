import type { Rule } from './types';
import { displayName } from '../model/schema';
import { inCaseOf, nameWords, typeChangedAt } from './float-for-money';

/** Words of a name that mean a calendar date of a person, never an instant. */
const CALENDAR_DATE = new Set(['birth', 'birthday', 'birthdate', 'dob', 'born']);

/**
 * A PostgreSQL `timestamp` (without time zone) column: it stores a wall-clock reading with no zone, so every
 * comparison with `now()` or a `timestamptz` reads it in the session's TimeZone. `timestamptz` stores an instant.
 */
export const rule: Rule = {
  meta: {
    id: 'timestamp-without-time-zone',
    type: 'suggestion',
    category: 'types',
    description: 'PostgreSQL points in time should be `timestamptz`, not `timestamp without time zone`',
    dialects: ['postgresql'],
    defaultSeverity: 'hint',
    fixable: 'sometimes',
    messages: {
      naive: 'Column `{{table}}.{{column}}` is a `timestamp` without time zone',
    },
  },
  checkTable(ctx, t) {
    if (ctx.schema.dialect !== 'postgresql') return;
    if (t.unclosed || t.virtual || t.partitionOf) return;
    for (const c of t.columns) {
      if (c.type.name !== 'timestamp') continue;
      // Prisma's own DateTime mapping (`timestamp(3)`): its client writes and reads UTC; only a `@db.Timestamp` the
      // user chose is reported (the doc explains `@db.Timestamptz`).
      if (c.implicitType) continue;
      // A name that says local time (`local_start`, `starts_local`) is a wall-clock reading on purpose; a birth date
      // is a calendar date, not an instant (`date` would be its type, never `timestamptz`).
      const words = nameWords(c.name);
      if (words.some((w) => w === 'local' || CALENDAR_DATE.has(w))) continue;
      const dateName = words[words.length - 1] === 'date';
      const table = displayName(t.name);
      const tz =
        inCaseOf(c.rawType, 'timestamptz') + (c.type.precision !== undefined ? `(${c.type.precision})` : '') + (c.type.array ? '[]'.repeat(c.type.array) : '');
      const altered = typeChangedAt(ctx, t, c);
      const fix = altered ? undefined : ctx.fixes.changeColumnType(c, tz, `Change \`${table}.${c.name}\` to \`${tz}\``);
      const file = altered && 'file' in altered ? altered.file : c.origin.file;
      const where = !fix && ctx.isMigrationFile(file) ? ` in a new migration (\`ALTER TABLE … ALTER COLUMN ${c.name} TYPE ${tz} USING ${c.name} AT TIME ZONE 'UTC'\` if the stored values are UTC)` : '';
      ctx.report({
        messageId: 'naive',
        data: { table, column: c.name },
        at: altered ?? c,
        part: altered ? undefined : 'type',
        help:
          (dateName ? `If it holds only a calendar date, use \`date\`; if it holds a point in time, use \`${tz}\`${where}: that` : `Use \`${tz}\`${where}: it`) +
          ` stores an absolute instant and shows it in each session's TimeZone. A plain \`timestamp\` compared ` +
          "with `now()` or a `timestamptz` is read in the session's TimeZone, so servers or clients in different zones disagree, " +
          'and a local time repeated at the autumn DST change is ambiguous',
        fixes: [fix],
      });
    }
  },
};
