/**
 * Where a column's current type was written: its definition, or the later `ALTER COLUMN … TYPE` the model recorded
 * (`Column.typeChangedAt`). A rule about the type then points at the ALTER, and offers no fix on the stale text.
 * Shared by the type rules (json-column, char-column, date-as-text).
 */
import type { Column, Schema, Table } from '../model/schema';
import type { OriginPart } from '../model/types';
import type { Locatable } from './types';

export interface WrittenType {
  at: Locatable;
  part?: OriginPart;
  /** The column definition holds the current type: a fix may edit its `type` span. */
  inDefinition: boolean;
  /** When an ALTER set the current type: the normalized type name the column had just before it. */
  previous?: string;
}

export function whereTypeWritten(_schema: Schema, _table: Table, column: Column): WrittenType {
  return column.typeChangedAt
    ? { at: column.typeChangedAt, inDefinition: false, previous: column.typeBefore }
    : { at: column, part: 'type', inDefinition: true };
}
