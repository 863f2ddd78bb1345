/**
 * What the rest of a migration does with a name (for breaking-rename and destructive-drop): a name given back later
 * in the same migration (a table rebuilt under its old name, a column re-added) breaks nothing deployed, a rename
 * into a name the migration freed just before is the second half of a swap, and what the migration itself created
 * holds no data anyone relies on.
 *
 * A migration is one file, or the consecutive files of a split migration: ory/popx (Kratos, Hydra, Keto) writes one
 * migration as one file per statement, `<14-digit version><6-digit part>_<name>.<dialect>.up.sql`, all applied in
 * the same run.
 */
import type { RuleContext } from './types';
import type { AlterAction, Dialect, Fact, QName } from '../model/types';
import type { StatementRecord } from '../model/schema';
import type { Migrations } from '../migrations';
import { columnKey, nameKey, sameColumn } from '../model/schema';

const units = new WeakMap<Migrations, Map<string, string[]>>();

/** The split-migration key of a path (its version without the part number, and its name), if it is one. */
function splitKey(path: string): string | undefined {
  const m = /^(.*\/)?(\d{14})\d{6}(_[^/]+)$/.exec(path);
  return m ? (m[1] ?? '') + m[2] + m[3] : undefined;
}

/** The files of the migration `file` belongs to, in replay order. */
function unitOf(ctx: RuleContext, file: string): string[] {
  let m = units.get(ctx.migrations);
  if (!m) {
    m = new Map();
    let prev: { key?: string; files: string[] } | undefined;
    for (const r of ctx.migrations.statements()) {
      if (m.has(r.file)) continue;
      const key = splitKey(r.file);
      const unit = key !== undefined && prev?.key === key ? prev : { key, files: [] };
      unit.files.push(r.file);
      m.set(r.file, unit.files);
      prev = unit;
    }
    units.set(ctx.migrations, m);
  }
  return m.get(file) ?? [file];
}

/** The migration's facts in order, with whether each comes before or after `fact` (of `r`). */
function* around(ctx: RuleContext, r: StatementRecord, fact: Fact): Generator<{ f: Fact; after: boolean; s: StatementRecord }> {
  let after = false;
  for (const file of unitOf(ctx, r.file)) {
    for (const s of ctx.migrations.fileStatements(file)) {
      for (const f of s.facts) {
        if (f === fact) {
          after = true;
          continue;
        }
        yield { f, after, s };
      }
    }
  }
}

/** Same table name (an unqualified name matches any schema: when in doubt, the same table). */
function sameTable(ctx: RuleContext, a: QName, b: QName): boolean {
  const d = ctx.schema.dialect;
  if (a.schema && b.schema) return nameKey(a, d) === nameKey(b, d);
  return columnKey(a.name, d) === columnKey(b.name, d);
}

/** Tables a fact creates or renames into existence. */
function tablesTaken(f: Fact): QName[] {
  if (f.kind === 'createTable') return [f.table.name];
  if (f.kind === 'renameTable') return [f.to];
  if (f.kind === 'alterTable') return f.actions.flatMap((a) => (a.action === 'renameTable' ? [a.to] : []));
  return [];
}

/** Tables a fact drops or renames away. */
function tablesFreed(f: Fact): QName[] {
  if (f.kind === 'dropTable') return f.tables;
  if (f.kind === 'renameTable') return [f.from];
  if (f.kind === 'alterTable' && f.actions.some((a) => a.action === 'renameTable')) return [f.table];
  return [];
}

/**
 * Does the migration create a table named `name`, rename one to it, or create a view of that name (the bridge of a
 * table rename) after `fact`? `how: 'rename'`: only a rename (a rebuild moving its copy into place).
 */
export function tableNameRetaken(ctx: RuleContext, r: StatementRecord, fact: Fact, name: QName, how: 'rename' | 'any' = 'any'): boolean {
  for (const { f, after } of around(ctx, r, fact)) {
    if (!after || (how === 'rename' && f.kind === 'createTable')) continue;
    const taken = f.kind === 'createView' ? (how === 'any' ? [f.name] : []) : tablesTaken(f);
    if (taken.some((n) => sameTable(ctx, n, name))) return true;
  }
  return false;
}

/** Did the migration drop a table named `name`, or rename it away, before `fact`? */
export function tableNameFreedBefore(ctx: RuleContext, r: StatementRecord, fact: Fact, name: QName): boolean {
  for (const { f, after } of around(ctx, r, fact)) {
    if (after) return false;
    if (tablesFreed(f).some((n) => sameTable(ctx, n, name))) return true;
  }
  return false;
}

/** Columns an ALTER TABLE action gives a name: added, renamed to (`how: 'rename'`: renamed to only). */
function columnTaken(a: AlterAction, how: 'rename' | 'any', d: Dialect): string | undefined {
  if (a.action === 'addColumn') return how === 'any' ? a.column.name : undefined;
  if (a.action === 'renameColumn') return a.to;
  if (a.action === 'modifyColumn' && !sameColumn(a.from, a.column.name, d)) return a.column.name;
  return undefined;
}

/**
 * Does the migration add a column `column` to `table`, or rename one to it (`how: 'rename'`: only that), after
 * `fact`? Within `fact` itself, its later actions count (`CHANGE a b, ADD a …`).
 */
export function columnNameRetaken(ctx: RuleContext, r: StatementRecord, fact: Fact, table: QName, column: string, how: 'rename' | 'any' = 'any'): boolean {
  const d = ctx.schema.dialect;
  const check = (f: Fact) =>
    f.kind === 'alterTable' &&
    sameTable(ctx, f.table, table) &&
    f.actions.some((a) => {
      const name = columnTaken(a, how, d);
      return name !== undefined && sameColumn(name, column, d);
    });
  if (check(fact)) return true;
  for (const { f, after } of around(ctx, r, fact)) if (after && check(f)) return true;
  return false;
}

/**
 * Did the migration itself create `table` (or rename a table to its name), or add `column` to it, before `fact`?
 * Then it holds nothing deployed code relies on. The replay answers this for one file; this also covers the
 * earlier files of a split migration, and a table dropped and created again in the file.
 */
export function introducedBefore(ctx: RuleContext, r: StatementRecord, fact: Fact, table: QName, column?: string): boolean {
  const d = ctx.schema.dialect;
  const freed: QName[] = [];
  for (const { f, after, s } of around(ctx, r, fact)) {
    if (after) return false;
    freed.push(...tablesFreed(f));
    // `CREATE TABLE IF NOT EXISTS` of a table that is still there creates nothing: it keeps its rows.
    const noOp = f.kind === 'createTable' && f.ifNotExists && s.tableExistedBeforeFile === true && !freed.some((n) => sameTable(ctx, n, f.table.name));
    if (!noOp && tablesTaken(f).some((n) => sameTable(ctx, n, table))) return true;
    if (column === undefined || f.kind !== 'alterTable' || !sameTable(ctx, f.table, table)) continue;
    for (const a of f.actions) {
      const name = columnTaken(a, 'any', d);
      if (name !== undefined && sameColumn(name, column, d)) return true;
    }
  }
  return false;
}

/** `a`, `b` and `c` (at most five names, then how many more). */
export function nameList(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => '`' + n + '`');
  if (names.length > 5) return `${shown.join(', ')} and ${names.length - 5} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}
