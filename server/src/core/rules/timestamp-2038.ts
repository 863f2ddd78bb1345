import type { Rule } from './types';
import { displayName } from '../model/schema';
import { inCaseOf, nameWords, typeChangedAt } from './float-for-money';

/** Words of a column name that say its date is in the future: an expiry, a deadline, the end of a period, a schedule. */
const FUTURE = new Set([
  'expires', 'expire', 'expiry', 'expiration', 'expiring', 'until', 'till', 'thru', 'due', 'deadline', 'scheduled',
  'end', 'ends', 'maturity', 'matures', 'renews', 'renewal',
]);
/** Words that say its date is in the past, possibly before 1970. */
const PAST = new Set(['birth', 'birthday', 'birthdate', 'dob', 'born']);

function horizon(name: string): 'future' | 'past' | undefined {
  const w = nameWords(name);
  if (w.some((x) => PAST.has(x))) return 'past';
  if (w.some((x) => FUTURE.has(x))) return 'future';
  // `valid_to`, `valid_through`, `active_to`: the end of a validity period.
  const i = w.findIndex((x) => x === 'valid' || x === 'active' || x === 'effective');
  if (i >= 0 && (w[i + 1] === 'to' || w[i + 1] === 'through')) return 'future';
  return undefined;
}

/**
 * A MySQL/MariaDB `TIMESTAMP` column whose name says its date may lie past 2038-01-19 03:14:07 UTC (an expiry, a
 * validity end, a schedule) or before 1970 (a birth date): TIMESTAMP is a 32-bit count of seconds since 1970 and
 * rejects (or, outside strict mode, zeroes) anything outside that range. DATETIME covers years 1000–9999.
 */
export const rule: Rule = {
  meta: {
    id: 'timestamp-2038',
    type: 'problem',
    category: 'types',
    description: 'MySQL `TIMESTAMP` columns for dates that may fall outside 1970–2038 should be `DATETIME`',
    dialects: ['mysql'],
    defaultSeverity: 'hint',
    fixable: 'sometimes',
    messages: {
      future: 'Column `{{table}}.{{column}}` is a `TIMESTAMP`, which cannot hold dates after 2038-01-19 03:14:07 UTC',
      past: 'Column `{{table}}.{{column}}` is a `TIMESTAMP`, which cannot hold dates before 1970-01-01 00:00:01 UTC',
    },
  },
  checkTable(ctx, t) {
    if (ctx.schema.dialect !== 'mysql') return;
    if (t.unclosed || t.virtual) return;
    for (const c of t.columns) {
      if (c.type.name !== 'timestamp' || c.generated) continue;
      const when = horizon(c.name);
      if (!when) continue;
      const table = displayName(t.name);
      const dt = inCaseOf(c.rawType, 'datetime') + (c.type.precision !== undefined ? `(${c.type.precision})` : '');
      const altered = typeChangedAt(ctx, t, c);
      const fix = altered ? undefined : ctx.fixes.changeColumnType(c, dt, `Change \`${table}.${c.name}\` to \`${dt}\``);
      const where = !fix && ctx.isMigrationFile(c.origin.file) ? ' in a new migration' : '';
      ctx.report({
        messageId: when,
        data: { table, column: c.name },
        at: altered ?? c,
        part: altered ? undefined : 'type',
        help:
          `Use \`${dt}\`${where}: it holds years 1000 to 9999. TIMESTAMP stores seconds since 1970 in 32 bits, so ` +
          (when === 'future' ? 'an expiry or end date past 2038 (or a far-future sentinel such as 9999-12-31)' : 'a birth date before 1970') +
          ' is rejected in strict mode and stored as 0000-00-00 otherwise. DATETIME is not converted between time zones: store UTC ' +
          'and keep any DEFAULT/ON UPDATE CURRENT_TIMESTAMP explicitly',
        fixes: [fix],
      });
    }
  },
};
