import type { Rule, RuleContext } from './types';
import type { Column, Table } from '../model/schema';
import { displayName, findColumn, sameColumn } from '../model/schema';
import type { Dialect, Predicate } from '../model/types';
import { accessesOf, mayBeLarge, refOf, resolveRef, type TableAccess } from '../model/workload';
import { indexesOf, describeIndex } from '../model/indexes';
import { uniqueLookup } from './non-sargable-predicate';

const INTEGER = new Set(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint']);
const MYSQL_STRING = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext']);
const MYSQL_NUMBER = new Set([...INTEGER, 'numeric', 'float', 'double precision']);
const PG_INEXACT = new Set(['numeric', 'real', 'double precision']);

type Family = 'string' | 'integer' | 'number' | undefined;

/** The type family the conversion rules care about; undefined for everything else (dates, enums, JSON, unknown). */
function family(c: Column, d: Dialect): Family {
  if (c.type.array) return undefined;
  const n = c.type.name;
  if (d === 'mysql') {
    if (MYSQL_STRING.has(n)) return 'string';
    if (n === 'tinyint' && c.type.length === 1) return undefined; // BOOL
    if (INTEGER.has(n)) return 'integer';
    if (MYSQL_NUMBER.has(n)) return 'number';
    return undefined;
  }
  if (INTEGER.has(n)) return 'integer';
  if (PG_INEXACT.has(n)) return 'number';
  return undefined;
}

/** A number literal PostgreSQL types as `numeric`: one with a decimal point or an exponent (`1.5`, `1.0`, `1e3`). */
function numericLiteral(text: string): boolean {
  return /[.eE]/.test(text);
}

/**
 * Comparisons the database can only evaluate by converting the column's value on every row, so an index on the
 * column cannot seek: in MySQL/MariaDB a string column compared with a number (`phone = 123`, `zip IN (1, 2)`) or
 * joined to a numeric column; in PostgreSQL an integer column compared with a non-integer literal (`id = 1.5`) or
 * joined to a `numeric`/floating-point column (the integer side is cast). Not SQLite: column affinity converts the
 * literal to the column's type before comparing, and a join compares values as stored.
 */
export const rule: Rule = {
  meta: {
    id: 'implicit-type-conversion',
    type: 'problem',
    category: 'performance',
    description: 'A comparison converts the column on every row (string column vs number, integer vs numeric join), so its index cannot seek',
    dialects: ['postgresql', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      stringNumber: '`{{table}}.{{column}}` is a string column compared with the number `{{value}}`, so MySQL converts the value of every row to a number',
      stringNumbers: '`{{table}}.{{column}}` is a string column compared with a list of numbers, so MySQL converts the value of every row to a number',
      integerNumeric: '`{{table}}.{{column}}` is `{{type}}` but is compared with the `numeric` literal `{{value}}`, so PostgreSQL casts the value of every row to `numeric`',
      join: 'This join compares `{{left}}` (`{{leftType}}`) with `{{right}}` (`{{rightType}}`), so `{{converted}}` is converted on every row',
    },
  },
  checkQuery(ctx, q) {
    const d = ctx.schema.dialect;
    if (d === 'sqlite') return;
    const joins = new Set<string>();
    for (const a of accessesOf(ctx.schema, q)) {
      if (!mayBeLarge(ctx.schema, a.table)) continue;
      for (const p of [...a.eq, ...a.range, ...a.other]) {
        if (p.expression) continue;
        const column = findColumn(a.table, p.target.column);
        if (!column) continue;
        const fam = family(column, d);
        if (!fam) continue;
        if (p.value.kind === 'column') joinCheck(ctx, a, p, column, fam, joins);
        else if ((p.op === 'eq' || p.op === 'in' || p.op === 'range') && !uniqueLookup(a, p)) literalCheck(ctx, a, p, column, fam);
      }
    }
  },
};

function literalCheck(ctx: RuleContext, a: TableAccess, p: Predicate, column: Column, fam: Family): void {
  const d = ctx.schema.dialect;
  const table = displayName(a.table.name);
  const at = { file: a.query.file, span: p.span };
  const indexed = indexOn(a.table, column);
  if (d === 'mysql' && fam === 'string') {
    const numbers = p.op === 'in' && p.value.kind === 'list' && /in\((?:[-+]?[\d.]+(?:e[-+]?\d+)?,)*[-+]?[\d.]+(?:e[-+]?\d+)?\)$/.test(p.text) && !/notin\(/.test(p.text);
    if (p.value.kind !== 'number' && !numbers) return;
    const quoted = `'${p.value.text}'`;
    ctx.report({
      messageId: p.value.kind === 'number' ? 'stringNumber' : 'stringNumbers',
      data: { table, column: column.name, value: p.value.text ?? '' },
      at,
      help:
        `Quote the value${p.value.kind === 'number' ? ` (\`${quoted}\`)` : 's'} so the comparison is between strings${indexed ? ` and ${describeIndex(indexed)} seeks on it` : ''}. ` +
        `Compared as numbers, '0123', ' 123' and '123abc' all equal 123 too`,
    });
    return;
  }
  if (d === 'postgresql' && fam === 'integer' && p.value.kind === 'number' && p.value.text && numericLiteral(p.value.text)) {
    ctx.report({
      messageId: 'integerNumeric',
      data: { table, column: column.name, type: column.rawType, value: p.value.text },
      at,
      help:
        (/^[-+]?\d+\.0*$/.test(p.value.text) ? `Write it as the integer \`${p.value.text.replace(/\.0*$/, '')}\`` : 'Pass an integer (round or reject the fraction in the application)') +
        ` so the comparison stays on \`${column.rawType}\`${indexed ? ` and ${describeIndex(indexed)} seeks on it` : ''}`,
    });
  }
}

function joinCheck(ctx: RuleContext, a: TableAccess, p: Predicate, column: Column, fam: Family, done: Set<string>): void {
  const d = ctx.schema.dialect;
  if (p.op !== 'eq' || !p.value.column || p.value.column.outer) return;
  const ref = refOf(ctx.schema, a.block, p.value.column);
  if (ref === undefined || ref === a.ref) return;
  const otherTable = resolveRef(ctx.schema, a.block, ref);
  const other = otherTable && findColumn(otherTable, p.value.column.column);
  if (!otherTable || !other) return;
  const otherFam = family(other, d);
  if (!otherFam || otherFam === fam) return;
  // The converted side: MySQL compares a string with a number as doubles (the string side loses its index);
  // PostgreSQL casts an integer to numeric or double precision (the integer side loses it).
  let converted: { t: Table; c: Column } | undefined;
  if (d === 'mysql') {
    if (fam === 'string') converted = { t: a.table, c: column };
    else if (otherFam === 'string') converted = { t: otherTable, c: other };
  } else if (fam === 'integer' && otherFam === 'number') converted = { t: a.table, c: column };
  else if (fam === 'number' && otherFam === 'integer') converted = { t: otherTable, c: other };
  if (!converted) return;
  const key = `${a.query.file}:${p.span.start}:${p.span.end}`;
  if (done.has(key)) return;
  done.add(key);
  const left = `${displayName(a.table.name)}.${column.name}`;
  const right = `${displayName(otherTable.name)}.${other.name}`;
  const conv = `${displayName(converted.t.name)}.${converted.c.name}`;
  const ix = indexOn(converted.t, converted.c);
  // The usual repair: in PostgreSQL the numeric side becomes the integer type it holds; in MySQL the string side
  // becomes the numeric type it is compared with.
  const kept = converted.c === column ? other : column;
  const [change, to] = d === 'postgresql' ? [kept, converted.c] : [converted.c, kept];
  const changeName = `${displayName((change === column ? a.table : otherTable).name)}.${change.name}`;
  ctx.report({
    messageId: 'join',
    data: { left, right, leftType: column.rawType, rightType: other.rawType, converted: conv },
    at: { file: a.query.file, span: p.span },
    help:
      `Give both columns the same type (\`${to.rawType}\` for \`${changeName}\`, if its values fit)${ix ? `: until then ${describeIndex(ix)} on \`${conv}\` cannot look up the joined rows` : ''}. ` +
      (d === 'mysql' ? 'MySQL compares a string with a number as floating-point values, so different strings can match one number' : 'PostgreSQL casts the integer side up to compare it, so the index on it is not used'),
    related: [
      { at: column, part: 'type', message: `\`${left}\` is \`${column.rawType}\`` },
      { at: other, part: 'type', message: `\`${right}\` is \`${other.rawType}\`` },
    ],
  });
}

/** A B-tree index whose first key is the column (the one a seek would use). */
function indexOn(t: Table, c: Column) {
  return indexesOf(t).find((ix) => ix.method === 'btree' && ix.keys[0]?.column !== undefined && sameColumn(ix.keys[0].column, c.name, t.dialect));
}
