/**
 * TypeORM column types as each driver writes them in its DDL (PostgresDriver / MysqlDriver / AbstractSqliteDriver
 * `normalizeType`, `getColumnLength`, `createFullType`, `mappedDataTypes`), so a column read from an entity has the
 * raw type the database was given, and `normalizeType` (sqltype.ts) then makes of it what it makes of the SQL.
 */
import type { Dialect } from '../model/types';

/**
 * A type as TypeORM takes it: a type name as written, lower-cased (`varchar`, `int8`, `simple-json`), or a
 * constructor (`String`, `Number`, `Boolean`, `Date`, `Buffer`, `Object`, `Array`) from `type: Date` or the
 * property's TypeScript type.
 */
export type OrmType = string;

/** The driver's own name for `t`; undefined for a constructor no driver maps (`Object`, `Array`: TypeORM refuses them). */
export function driverType(t: OrmType, dialect: Dialect): string | undefined {
  if (t === 'Object' || t === 'Array') return undefined;
  if (dialect === 'postgresql') {
    switch (t) {
      case 'Number':
      case 'int':
      case 'int4':
        return 'integer';
      case 'String':
      case 'varchar':
        return 'character varying';
      case 'Date':
      case 'timestamp':
        return 'timestamp without time zone';
      case 'timestamptz':
        return 'timestamp with time zone';
      case 'time':
        return 'time without time zone';
      case 'timetz':
        return 'time with time zone';
      case 'Boolean':
      case 'bool':
        return 'boolean';
      case 'simple-array':
      case 'simple-json':
        return 'text';
      case 'simple-enum':
        return 'enum';
      case 'int2':
        return 'smallint';
      case 'int8':
        return 'bigint';
      case 'decimal':
        return 'numeric';
      case 'float8':
      case 'float':
        return 'double precision';
      case 'float4':
        return 'real';
      case 'char':
        return 'character';
      case 'varbit':
        return 'bit varying';
      case 'Buffer':
        return 'bytea';
    }
    return t;
  }
  if (dialect === 'mysql') {
    switch (t) {
      case 'Number':
      case 'integer':
        return 'int';
      case 'String':
      case 'uuid': // stored as varchar(36): MySQL has no uuid type
      case 'nvarchar':
      case 'national varchar':
        return 'varchar';
      case 'Date':
        return 'datetime';
      case 'Buffer':
        return 'blob';
      case 'Boolean':
      case 'bool':
      case 'boolean':
        return 'tinyint';
      case 'simple-array':
      case 'simple-json':
        return 'text';
      case 'simple-enum':
        return 'enum';
      case 'double precision':
      case 'real':
        return 'double';
      case 'dec':
      case 'numeric':
      case 'fixed':
        return 'decimal';
      case 'nchar':
      case 'national char':
        return 'char';
    }
    return t;
  }
  switch (t) {
    case 'Number':
    case 'int':
      return 'integer';
    case 'String':
    case 'uuid':
    case 'simple-enum':
    case 'enum': // SQLite has no enum: TypeORM writes varchar (with a CHECK)
      return 'varchar';
    case 'Date':
      return 'datetime';
    case 'Boolean':
      return 'boolean';
    case 'Buffer':
      return 'blob';
    case 'simple-array':
    case 'simple-json':
      return 'text';
  }
  return t;
}

export interface TypeShape {
  /** `driverType`'s result. */
  type: string;
  length?: string;
  width?: number;
  precision?: number;
  scale?: number;
  unsigned?: boolean;
  zerofill?: boolean;
  array?: boolean;
  /** PG spatial types: `geometry(Point,4326)`. */
  spatialFeatureType?: string;
  srid?: number;
  /** The type was `uuid` (MySQL stores it in varchar(36)). */
  uuid?: boolean;
}

/**
 * The column's type as the driver writes it. `enumType`: the PG enum type's name (already quoted as needed) or
 * the MySQL `enum(...)` / `set(...)` text, for enum columns.
 */
export function fullType(s: TypeShape, dialect: Dialect, enumType?: string): string {
  if (dialect === 'postgresql') {
    if (s.type === 'enum' && enumType) return enumType + (s.array ? '[]' : '');
    let t = s.type;
    const p = s.precision;
    if (s.length) t += `(${s.length})`;
    else if (p !== undefined && s.scale !== undefined) t += `(${p},${s.scale})`;
    else if (p !== undefined && /^(?:timestamp|time) with(?:out)? time zone$/.test(t)) t = t.replace(' ', `(${p}) `);
    else if (p !== undefined) t += `(${p})`;
    if ((t === 'geometry' || t === 'geography') && s.spatialFeatureType) t += `(${s.spatialFeatureType}${s.srid !== undefined ? `,${s.srid}` : ''})`;
    return t + (s.array ? '[]' : '');
  }
  if (dialect === 'mysql') {
    if ((s.type === 'enum' || s.type === 'set') && enumType) return enumType;
    let t = s.type;
    const length = s.length ?? (s.uuid ? '36' : t === 'varchar' || t === 'varbinary' ? '255' : undefined);
    if (length) t += `(${length})`;
    else if (s.width) t += `(${s.width})`;
    else if (s.precision !== undefined && s.scale !== undefined) t += `(${s.precision},${s.scale})`;
    else if (s.precision !== undefined) t += `(${s.precision})`;
    if (s.unsigned) t += ' unsigned';
    if (s.zerofill) t += ' zerofill';
    return t;
  }
  let t = s.type;
  if (s.length) t += `(${s.length})`;
  else if (s.precision !== undefined && s.scale !== undefined) t += `(${s.precision},${s.scale})`;
  else if (s.precision !== undefined) t += `(${s.precision})`;
  return t;
}

/** The types `@PrimaryGeneratedColumn()` and `@Generated('increment')` turn into SERIAL on PostgreSQL. */
export const PG_SERIAL: Record<string, string> = { integer: 'serial', smallint: 'smallserial', bigint: 'bigserial' };

/** mappedDataTypes: what the special columns are when no `type` is given. */
export function dateColumnType(dialect: Dialect): OrmType {
  return dialect === 'postgresql' ? 'timestamp' : 'datetime';
}

export function versionColumnType(dialect: Dialect): OrmType {
  return dialect === 'mysql' ? 'int' : 'integer';
}

/** The default of `@CreateDateColumn` / `@UpdateDateColumn` (MySQL: with the precision 6 it also gives them). */
export function nowDefault(dialect: Dialect): string {
  return dialect === 'postgresql' ? 'now()' : dialect === 'mysql' ? 'CURRENT_TIMESTAMP(6)' : "datetime('now')";
}

/** MySQL gives date columns a fractional-second precision of 6 unless one is set. */
export const MYSQL_DATE_PRECISION = 6;

export function quoteLiteral(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}
