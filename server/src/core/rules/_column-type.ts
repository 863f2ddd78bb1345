/**
 * Where a column's current type was written. A PG `ALTER TABLE … ALTER COLUMN c TYPE x` changes the column's type
 * in the model but not its origin, whose `type` span still points at the type of the CREATE TABLE. A rule about the
 * type must then point at the ALTER (and offer no `changeColumnType` fix: it would edit the old, overridden type).
 * Shared by the type rules (json-column, char-column, date-as-text).
 */
import type { Column, Schema, Table } from '../model/schema';
import { nameKey, sameColumn } from '../model/schema';
import type { Fact, OriginPart } from '../model/types';
import type { Locatable } from './types';

export interface WrittenType {
  at: Locatable;
  part?: OriginPart;
  /** The column definition holds the current type: a fix may edit its `type` span. */
  inDefinition: boolean;
  /** When an ALTER set the current type: the normalized type name the column had just before it. */
  previous?: string;
}

export function whereTypeWritten(schema: Schema, table: Table, column: Column): WrittenType {
  const def = column.origin;
  const d = schema.dialect;
  let seenDef = false;
  let last: Locatable | undefined;
  let current: string | undefined;
  let previous: string | undefined;
  for (const st of schema.statements) {
    if (!seenDef) {
      seenDef = st.file === def.file && st.span.start <= def.span.start && def.span.start <= st.span.end;
      if (seenDef) current = definedType(st.facts, column);
      continue;
    }
    for (const f of st.facts) {
      if (f.kind !== 'alterTable' || (nameKey(f.table, d) !== table.key && !sameColumn(f.table.name, table.name.name, d))) continue;
      for (const a of f.actions) {
        if (a.action === 'alterColumnType' && sameColumn(a.name, column.name, d)) {
          last = { file: st.file, span: a.span };
          previous = current;
          current = a.type.name;
        }
      }
    }
  }
  return last ? { at: last, inDefinition: false, previous } : { at: column, part: 'type', inDefinition: true };
}

/** The type name the column's own definition (same origin) wrote, in the statement that holds it. */
function definedType(facts: Fact[], column: Column): string | undefined {
  for (const f of facts) {
    const cols =
      f.kind === 'createTable'
        ? f.table.columns
        : f.kind === 'alterTable'
          ? f.actions.flatMap((a) => (a.action === 'addColumn' || a.action === 'modifyColumn' ? [a.column] : []))
          : [];
    const c = cols.find((x) => x.origin === column.origin);
    if (c) return c.type.name;
  }
  return undefined;
}
