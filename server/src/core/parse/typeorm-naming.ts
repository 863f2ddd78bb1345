/**
 * The names TypeORM gives what the entities do not name, so the model's tables, columns and keys carry the names
 * the database has:
 *   DefaultNamingStrategy (typeorm/src/naming-strategy/DefaultNamingStrategy.ts): tables `snakeCase(ClassName)`,
 *   columns the property name (embedded: `camelCase(prefix) + titleCase(name)`), join columns
 *   `camelCase(relation_referencedProperty)`, join tables `snakeCase(table_property_otherTable)` with columns
 *   `camelCase(table_column)`; keys `PK_`/`UQ_`/`FK_` + the first 27 hex digits of
 *   sha1(`<table>_<sorted column names>`), `IDX_`/`REL_` + the first 26 (the index's `where` appended to the key),
 *   checks `CHK_` + the first 26 of sha1(`<table>_<expression>`).
 *   SnakeNamingStrategy (typeorm-naming-strategies): the same keys, snake_case columns, join columns and
 *   join-table columns.
 */
import { createHash } from 'node:crypto';

export type Naming = 'default' | 'snake';

/** TypeORM's StringUtils.snakeCase. */
export function snakeCase(s: string): string {
  return s
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** TypeORM's StringUtils.camelCase (`[\s-_]` in its pattern is whitespace, `-` or `_`). */
export function camelCase(s: string): string {
  return s.replace(/^([A-Z])|[\s\-_](\w)/g, (_m, p1?: string, p2?: string) => (p2 ? p2.toUpperCase() : p1!.toLowerCase()));
}

/** TypeORM's StringUtils.titleCase: every word capitalised and the rest of it lower-cased (`zipCode` → `Zipcode`). */
function titleCase(s: string): string {
  return s.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

export function tableName(className: string): string {
  return snakeCase(className);
}

/** A column's name: `customName` (the `name` option) or the property name, after the embedded prefixes. */
export function columnName(naming: Naming, propertyName: string, customName: string | undefined, prefixes: string[]): string {
  if (naming === 'snake') return snakeCase([...prefixes, ''].join('_')) + (customName ?? snakeCase(propertyName));
  const name = customName ?? propertyName;
  return prefixes.length ? camelCase(prefixes.join('_')) + titleCase(name) : name;
}

export function joinColumnName(naming: Naming, relationName: string, referencedProperty: string): string {
  const s = `${relationName}_${referencedProperty}`;
  return naming === 'snake' ? snakeCase(s) : camelCase(s);
}

export function joinTableName(firstTable: string, secondTable: string, firstProperty: string): string {
  return snakeCase(`${firstTable}_${firstProperty.replace(/\./g, '_')}_${secondTable}`);
}

export function joinTableColumnName(naming: Naming, table: string, column: string): string {
  const s = `${table}_${column}`;
  return naming === 'snake' ? snakeCase(s) : camelCase(s);
}

function sha1(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}

function hashed(prefix: string, digits: number, table: string, columns: string[], where?: string): string {
  let key = `${table.replace('.', '_')}_${[...columns].sort().join('_')}`;
  if (where) key += `_${where}`;
  return prefix + sha1(key).slice(0, digits);
}

export const keyName = {
  primary: (table: string, columns: string[]) => hashed('PK_', 27, table, columns),
  unique: (table: string, columns: string[]) => hashed('UQ_', 27, table, columns),
  foreign: (table: string, columns: string[]) => hashed('FK_', 27, table, columns),
  index: (table: string, columns: string[], where?: string) => hashed('IDX_', 26, table, columns, where),
  /** The unique constraint of a one-to-one relation's join columns. */
  relation: (table: string, columns: string[]) => hashed('REL_', 26, table, columns),
  check: (table: string, expression: string) => 'CHK_' + sha1(`${table.replace('.', '_')}_${expression}`).slice(0, 26),
};
