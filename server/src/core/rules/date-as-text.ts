import type { Rule } from './types';
import type { Column } from '../model/schema';
import { displayName } from '../model/schema';
import type { Dialect } from '../model/types';
import { whereTypeWritten } from './_column-type';

/**
 * A string column whose name says it holds a date or time (`created_at`, `due_date`, `published_on`, `start_time`),
 * a yes/no flag (`is_active`, `has_children`) or an amount of money (`unit_price`, `total_amount`). Text accepts
 * `2024-02-30` and `yes`, sorts `10/2/2024` before `9/1/2024`, and cannot be summed without a cast per row.
 * PostgreSQL and MySQL only: SQLite has no date, boolean or decimal type (ISO-8601 TEXT is its documented way to
 * store dates, and TEXT is the exact way to keep decimals there).
 * Names are matched conservatively: `*_at` except places (`located_at`), `*_on` and `*_time` only after the verbs
 * and nouns that make them a moment (`created_on`, but not `depends_on`; `start_time`, but not `cook_time`).
 */
export const rule: Rule = {
  meta: {
    id: 'date-as-text',
    type: 'problem',
    category: 'types',
    description: 'Dates, times, flags and amounts of money should not be stored as text',
    dialects: ['postgresql', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      date: 'Column `{{table}}.{{column}}` stores a date or time as `{{type}}`',
      boolean: 'Column `{{table}}.{{column}}` stores a yes/no flag as `{{type}}`',
      money: 'Column `{{table}}.{{column}}` stores an amount of money as `{{type}}`',
    },
  },
  checkTable(ctx, t) {
    const d = ctx.schema.dialect;
    if (d !== 'postgresql' && d !== 'mysql') return;
    if (t.unclosed || t.virtual) return;
    for (const c of t.columns) {
      if (!TEXT_TYPES.has(c.type.name) || c.type.array || c.generated) continue;
      const kind = kindOf(c.name);
      if (!kind) continue;
      const written = whereTypeWritten(ctx.schema, t, c);
      ctx.report({
        messageId: kind.what,
        data: { table: displayName(t.name), column: c.name, type: c.rawType },
        at: written.at,
        part: written.part,
        help: helpFor(kind, c, d),
      });
    }
  },
};

const TEXT_TYPES = new Set(['char', 'varchar', 'text', 'tinytext', 'mediumtext', 'longtext']);

type Kind = { what: 'date' | 'boolean' | 'money'; date?: 'date' | 'time' | 'timestamp' };

/** `createdAt`, `CreatedAt`, `CREATED_AT` → `created_at`. */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Participles and nouns after which `_on` / `_time` / `date_` name a moment. */
const MOMENT_STEMS = new Set(
  (
    'created updated modified deleted published posted added changed sent received completed started ended expired expires paid issued ' +
    'approved submitted closed opened cancelled canceled joined shipped delivered registered verified confirmed archived processed ' +
    'scheduled due effective starts ends born died refunded returned renewed activated deactivated suspended banned accepted rejected ' +
    'finished booked ordered released signed uploaded imported exported synced logged viewed read seen visited edited reviewed'
  ).split(' '),
);

/** `*_time` names that are a moment (the others, `cook_time`, `response_time`, are often durations). */
const TIME_STEMS = new Set([
  ...MOMENT_STEMS,
  ...'start end begin open close opening closing arrival departure pickup dropoff delivery event login logout expiry expiration birth publish release create update modify delete insert'.split(' '),
]);

/** `*_ed_time` words that are durations or estimates, not moments. */
const NOT_MOMENT = new Set(['elapsed', 'used', 'allowed', 'allotted', 'estimated', 'expected', 'required', 'needed', 'reserved', 'saved', 'wasted', 'logged', 'spent']);

/** `*_at` stems that name a place, a price or a target rather than a moment. */
const NOT_TIME_AT = new Set(
  (
    'located stored hosted found based live lives living work works working worked employed study studied look looked point points pointed ' +
    'aim aimed directed target targeted stationed situated parked kept held sold priced valued bought capped rated set hit born come ' +
    'arrive arrived stay stayed stop stopped meet met where pos position'
  ).split(' '),
);

const MONEY = /^(?:price|salary|balance|subtotal)$|_(?:price|amount|cost|fee|salary|balance|cents)$/;

function kindOf(name: string): Kind | undefined {
  const n = snake(name);
  const words = n.split('_').filter(Boolean);
  const last = words[words.length - 1];
  const before = words[words.length - 2];
  if (words.length === 0) return undefined;
  if (n === 'date' || n === 'dob' || n === 'birthdate' || n === 'birthday' || (last === 'date' && before !== undefined && n !== 'up_to_date' && !n.endsWith('_up_to_date'))) {
    return words[0] === 'is' || words[0] === 'has' ? { what: 'boolean' } : { what: 'date', date: 'date' };
  }
  if (words[0] === 'date' && (words[1] === 'of' || (words.length === 2 && MOMENT_STEMS.has(words[1])))) return { what: 'date', date: words[2] === 'birth' ? 'date' : 'timestamp' };
  if (n === 'timestamp' || n === 'datetime' || last === 'timestamp' || last === 'datetime') return { what: 'date', date: 'timestamp' };
  if (words[0] === 'is' || words[0] === 'has') return words.length > 1 ? { what: 'boolean' } : undefined;
  if (words.length >= 2 && last === 'at' && !NOT_TIME_AT.has(before)) return { what: 'date', date: 'timestamp' };
  if (words.length >= 2 && last === 'on' && MOMENT_STEMS.has(before)) return { what: 'date', date: 'date' };
  if (words.length >= 2 && last === 'time' && !NOT_MOMENT.has(before) && (TIME_STEMS.has(before) || (before.endsWith('ed') && before.length > 4)))
    return { what: 'date', date: 'timestamp' };
  if (MONEY.test(n)) return { what: 'money' };
  return undefined;
}

function helpFor(kind: Kind, c: Column, d: Dialect): string {
  const pg = d === 'postgresql';
  if (kind.what === 'boolean') {
    return `Use \`${pg ? 'boolean' : 'BOOLEAN'}\`${pg ? '' : ' (TINYINT(1))'}: a string accepts any spelling of yes and no (\`Y\`, \`yes\`, \`true\`, \`1\`) and every query must know which one was used`;
  }
  if (kind.what === 'money') {
    return `Use \`${pg ? 'numeric(12,2)' : 'DECIMAL(12,2)'}\` (exact, any scale you need): a string cannot be summed or compared as a number without a cast per row, and accepts \`12,50\` or \`$12.50\``;
  }
  const type = pg
    ? kind.date === 'date'
      ? '`date`'
      : '`timestamptz` (or `date` when it holds no time of day)'
    : kind.date === 'date'
      ? '`DATE`'
      : '`DATETIME` or `TIMESTAMP` (or `DATE` when it holds no time of day)';
  return `Use ${type}: \`${c.rawType}\` accepts invalid dates such as \`2024-02-30\`, sorts and compares as text (\`10/2/2024\` before \`9/1/2024\`), and needs a parse per row for date arithmetic and range queries`;
}
