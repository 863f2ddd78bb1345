/**
 * The names databases give to unnamed constraints and indexes, so that a later migration's
 * `DROP CONSTRAINT orders_customer_id_fkey` or `DROP INDEX email` finds what it drops.
 *   PostgreSQL (ChooseConstraintName/ChooseIndexName → makeObjectName): `<table>_pkey`, `<table>_<cols>_key`,
 *   `<table>_<cols>_fkey`, `<table>_<cols>_idx` (`_expr` for expressions), `<table>_<cols>_excl`,
 *   `<table>_<col>_check` (the one column the expression reads; else `<table>_check`); trimmed to 63 bytes by shortening the longer part first; a taken name gets a number
 *   appended to the label (`_idx1`).
 *   MySQL: the primary key is `PRIMARY`; an unnamed index or unique key takes its first column's name (`_2`, `_3`
 *   when taken); an unnamed foreign key is `<table>_ibfk_<n>`.
 *   SQLite: unnamed keys get internal `sqlite_autoindex_*` names nobody drops; left unnamed.
 */
import type { ConstraintDef, Dialect, IndexDef } from './types';

const NAMEDATALEN = 64;

function utf8len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function clip(s: string, bytes: number): string {
  let out = s;
  while (utf8len(out) > bytes) out = out.slice(0, -1);
  return out;
}

export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let overhead = label ? label.length + 1 : 0;
  if (name2) overhead += 1;
  const avail = NAMEDATALEN - 1 - overhead;
  let n1 = utf8len(name1);
  let n2 = name2 ? utf8len(name2) : 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  let r = clip(name1, n1);
  if (name2) r += '_' + clip(name2, n2);
  if (label) r += '_' + label;
  return r;
}

export interface NameScope {
  dialect: Dialect;
  table: string;
  /** Is this name already used by a constraint or index of the schema (PG: relation names are per schema)? */
  taken(name: string): boolean;
  /** MySQL: how many foreign keys the table had named `<table>_ibfk_N`. */
  nextFk(): number;
  /** The table's column names (PG names a CHECK after the one column its expression reads). */
  columns?: string[];
}

/**
 * The one column a CHECK expression reads, if exactly one (PostgreSQL then names it `<table>_<col>_check`, else
 * `<table>_check`). Identifiers are matched against the table's columns; string literals are skipped.
 */
function checkColumn(expression: string | undefined, columns: string[] | undefined): string | undefined {
  if (!expression || !columns?.length) return undefined;
  const byName = new Map(columns.map((c) => [c, c]));
  const found = new Set<string>();
  const text = expression.replace(/'(?:[^']|'')*'/g, "''");
  for (const m of text.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][\w$]*)/g)) {
    const name = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].toLowerCase();
    const col = byName.get(name);
    if (col !== undefined) found.add(col);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function pgChoose(scope: NameScope, name2: string | undefined, label: string): string {
  for (let i = 0; ; i++) {
    const name = makeObjectName(scope.table, name2, i === 0 ? label : label + i);
    if (!scope.taken(name) || i > 100) return name;
  }
}

export function nameConstraint(c: ConstraintDef, scope: NameScope): ConstraintDef {
  if (c.name || scope.dialect === 'sqlite') return c;
  let name: string | undefined;
  if (scope.dialect === 'postgresql') {
    const cols = c.columns.join('_') || undefined;
    switch (c.kind) {
      case 'primary':
        name = pgChoose(scope, undefined, 'pkey');
        break;
      case 'unique':
        name = pgChoose(scope, cols, 'key');
        break;
      case 'foreign':
        name = pgChoose(scope, cols, 'fkey');
        break;
      case 'exclude':
        name = pgChoose(scope, cols, 'excl');
        break;
      case 'check':
        name = pgChoose(scope, checkColumn(c.expression, scope.columns) ?? (c.inline && !scope.columns?.length ? c.columns[0] : undefined), 'check');
        break;
    }
  } else {
    switch (c.kind) {
      case 'primary':
        name = 'PRIMARY';
        break;
      case 'unique':
        name = mysqlIndexName(scope, c.columns[0]);
        break;
      case 'foreign':
        name = `${scope.table}_ibfk_${scope.nextFk()}`;
        break;
      default:
        return c;
    }
  }
  return name ? { ...c, name, generatedName: true } : c;
}

function mysqlIndexName(scope: NameScope, first: string | undefined): string | undefined {
  if (!first) return undefined;
  if (!scope.taken(first)) return first;
  for (let i = 2; ; i++) if (!scope.taken(`${first}_${i}`) || i > 100) return `${first}_${i}`;
}

export function nameIndex(ix: IndexDef, scope: NameScope): IndexDef {
  if (ix.name || scope.dialect === 'sqlite') return ix;
  let name: string | undefined;
  if (scope.dialect === 'postgresql') {
    const parts = ix.keys.map((k) => k.column ?? 'expr');
    // PG names expression-only keys "expr" and joins column names with "_".
    name = pgChoose(scope, parts.join('_'), 'idx');
  } else {
    name = mysqlIndexName(scope, ix.keys[0]?.column ?? undefined);
  }
  return name ? { ...ix, name, generatedName: true } : ix;
}
