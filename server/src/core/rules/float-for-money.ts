import type { Locatable, Rule, RuleContext } from './types';
import type { Column, Table } from '../model/schema';
import { displayName } from '../model/schema';
import type { Dialect } from '../model/types';

/** The words of a column name, lower-cased: `total_price`, `totalPrice` and `TotalPRICE` all give `total`, `price`. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/** Where a later `ALTER COLUMN … TYPE` wrote the column's current type, if one did (recorded by the model). */
export function typeChangedAt(_ctx: RuleContext, _table: Table, column: Column): Locatable | undefined {
  return column.typeChangedAt;
}

/** `UPPER` when the type was written in upper case, so a replacement reads like its neighbours. */
export function inCaseOf(raw: string, text: string): string {
  return /^[^a-z]*[A-Z]/.test(raw) && raw === raw.toUpperCase() ? text.toUpperCase() : text;
}

/** Words that name money on their own. */
const MONEY = new Set([
  'price', 'prices', 'cost', 'costs', 'amount', 'amounts', 'subtotal', 'subtotals', 'balance', 'balances', 'fee', 'fees',
  'salary', 'salaries', 'wage', 'wages', 'tax', 'taxes', 'vat', 'discount', 'discounts', 'revenue', 'revenues', 'payment',
  'payments', 'payout', 'payouts', 'refund', 'refunds', 'budget', 'profit', 'commission', 'msrp', 'fare', 'fares',
]);

/** `total` names money only as the head of the name (`total`, `order_total`) or beside a money word (`total_price`). */
const WEAK_MONEY = new Set(['total', 'totals']);

/** A word that says the column measures something else: `tax_rate`, `discount_percent`, `total_count`, `cost_weight`. */
const NOT_MONEY = new Set([
  'rate', 'rates', 'ratio', 'pct', 'percent', 'percentage', 'factor', 'multiplier', 'coefficient', 'coef',
  'count', 'counts', 'cnt', 'num', 'number', 'qty', 'quantity', 'quantities', 'weight', 'score', 'scores', 'points',
  'time', 'hours', 'hour', 'hrs', 'minutes', 'mins', 'seconds', 'secs', 'ms', 'duration', 'days',
  'distance', 'size', 'bytes', 'volume', 'calories', 'kcal', 'views', 'votes', 'rank', 'index', 'level', 'tokens',
  'cents', 'minor', 'id', 'lat', 'lng', 'latitude', 'longitude',
]);

export function isMoneyName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((w) => NOT_MONEY.has(w))) return false;
  if (words.some((w) => MONEY.has(w))) return true;
  return WEAK_MONEY.has(words[words.length - 1]);
}

/**
 * SQLite's column affinity from the declared type (https://www.sqlite.org/datatype3.html#determination_of_column_affinity):
 * the first matching rule wins, so `FLOATING POINT` (it contains `INT`) has INTEGER affinity.
 */
function sqliteRealAffinity(raw: string): boolean {
  const t = raw.toUpperCase();
  if (t.includes('INT') || /CHAR|CLOB|TEXT|BLOB/.test(t) || t.trim() === '') return false;
  return /REAL|FLOA|DOUB/.test(t);
}

function isFloat(c: Column, d: Dialect): boolean {
  if (d === 'sqlite') return sqliteRealAffinity(c.rawType);
  if (d === 'mysql') return c.type.name === 'float' || c.type.name === 'double precision';
  return c.type.name === 'real' || c.type.name === 'double precision';
}

/**
 * A column named for money (price, amount, balance, …) with a binary floating-point type, and any PostgreSQL
 * `money` column. Floats cannot represent most decimal fractions (0.1 + 0.2 ≠ 0.3), so sums drift by cents.
 */
export const rule: Rule = {
  meta: {
    id: 'float-for-money',
    type: 'problem',
    category: 'types',
    description: 'Money should be stored in an exact decimal type, not a binary float or PostgreSQL `money`',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      float: 'Money column `{{table}}.{{column}}` has the floating-point type `{{type}}`',
      money: 'Column `{{table}}.{{column}}` has the `money` type, whose input and output depend on `lc_monetary`',
    },
    options: {
      precision: { type: 'number', default: 12, description: 'Total digits of the decimal type the fix writes (PostgreSQL, MySQL).' },
      scale: { type: 'number', default: 2, description: 'Digits after the decimal point of the decimal type the fix writes.' },
    },
  },
  checkTable(ctx, t) {
    const d = ctx.schema.dialect;
    const precision = Number(ctx.options.precision ?? 12);
    const scale = Number(ctx.options.scale ?? 2);
    if (t.unclosed || t.virtual || t.partitionOf) return;
    for (const c of t.columns) {
      if (c.generated) continue;
      const money = d === 'postgresql' && c.type.name === 'money';
      if (!money && !(isFloat(c, d) && isMoneyName(c.name))) continue;
      const table = displayName(t.name);
      const decimal =
        (d === 'mysql' ? inCaseOf(c.rawType, 'decimal') : 'numeric') + `(${precision},${scale})` + (c.type.array ? '[]'.repeat(c.type.array) : '');
      const altered = typeChangedAt(ctx, t, c);
      const fix = d === 'sqlite' || altered ? undefined : ctx.fixes.changeColumnType(c, decimal, `Change \`${table}.${c.name}\` to \`${decimal}\``);
      const where = !fix && d !== 'sqlite' && ctx.isMigrationFile(altered && 'file' in altered ? altered.file : c.origin.file) ? ' in a new migration' : '';
      const alter =
        d === 'mysql'
          ? `ALTER TABLE … MODIFY \`${c.name}\` ${decimal.toUpperCase()} (repeating its NULL and DEFAULT attributes)`
          : `ALTER TABLE … ALTER COLUMN ${c.name} TYPE ${decimal}`;
      let help: string;
      if (d === 'sqlite') {
        help =
          'SQLite has no exact decimal type: a NUMERIC or DECIMAL column stores 12.34 as the same 8-byte float. Store integer minor units instead ' +
          `(\`${/[a-z][A-Z]/.test(c.name) ? c.name + 'Cents' : c.name + '_cents'} INTEGER\`) and convert at the edges`;
      } else if (money) {
        help =
          `Use \`${decimal}\` (with the currency in its own column if there is more than one): \`money\` has a fixed scale set by ` +
          '`lc_monetary`, so a dump restored on a server with another locale reads or writes different amounts' +
          (fix ? '' : `; change it${where} with \`${alter}\``);
      } else {
        help =
          `Use \`${decimal}\`: a binary float cannot hold most decimal fractions exactly (0.1 + 0.2 = 0.30000000000000004), so sums and ` +
          'comparisons of amounts drift by cents' +
          (fix ? '' : `; change it${where} with \`${alter}\``);
      }
      ctx.report({
        messageId: money ? 'money' : 'float',
        data: { table, column: c.name, type: c.rawType },
        at: altered ?? c,
        part: altered ? undefined : 'type',
        help,
        fixes: [fix],
      });
    }
  },
};
