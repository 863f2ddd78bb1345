/**
 * The SQL column types Prisma Migrate creates for Prisma scalar types and `@db.*` native types, per provider.
 * Written lower-case in the spelling `normalizeType` reads (see sqltype.ts); the fixes reuse the same tables to write
 * Prisma text back.
 */
import type { Dialect } from '../model/types';

export type PrismaScalar = 'String' | 'Boolean' | 'Int' | 'BigInt' | 'Float' | 'Decimal' | 'DateTime' | 'Json' | 'Bytes';

/**
 * The column type of a scalar field without `@db.*`. CockroachDB is read as PostgreSQL: Prisma's `STRING`, `INT4`,
 * `FLOAT8` there are these types under other names. MySQL stores Prisma's `BOOLEAN` as `tinyint(1)`; SQLite keeps Json
 * as `jsonb` (Prisma ≥ 6.2).
 */
export const PRISMA_SCALAR_TYPES: Record<Dialect, Record<PrismaScalar, string>> = {
  postgresql: {
    String: 'text',
    Boolean: 'boolean',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double precision',
    Decimal: 'decimal(65,30)',
    DateTime: 'timestamp(3)',
    Json: 'jsonb',
    Bytes: 'bytea',
  },
  mysql: {
    String: 'varchar(191)',
    Boolean: 'tinyint(1)',
    Int: 'int',
    BigInt: 'bigint',
    Float: 'double',
    Decimal: 'decimal(65,30)',
    DateTime: 'datetime(3)',
    Json: 'json',
    Bytes: 'longblob',
  },
  sqlite: {
    String: 'text',
    Boolean: 'boolean',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'real',
    Decimal: 'decimal',
    DateTime: 'datetime',
    Json: 'jsonb',
    Bytes: 'blob',
  },
};

export function isPrismaScalar(name: string): name is PrismaScalar {
  return Object.prototype.hasOwnProperty.call(PRISMA_SCALAR_TYPES.postgresql, name);
}

/**
 * Native types whose SQL name is not the attribute's name lower-cased. Everything else is: `@db.VarChar(255)` →
 * `varchar(255)`, `@db.Timestamptz(6)` → `timestamptz(6)`, `@db.Uuid` → `uuid`, `@db.MediumText` → `mediumtext`.
 */
const NATIVE_NAMES: Record<string, string> = {
  DoublePrecision: 'double precision',
  // CockroachDB
  Bytes: 'bytea',
  CatalogSingleChar: '"char"',
};

/** The SQL type of `@db.<name>(<args>)`, e.g. (`UnsignedInt`, []) → `int unsigned`, (`Decimal`, [12, 2]) → `decimal(12,2)`. */
export function prismaNativeType(name: string, args: readonly string[]): string {
  const list = args.length ? `(${args.join(',')})` : '';
  // CockroachDB `STRING(n)` is a varchar; without a length it is text.
  if (name === 'String') return args.length ? `varchar${list}` : 'text';
  if (name.startsWith('Unsigned') && name.length > 8) return `${name.slice(8).toLowerCase()}${list} unsigned`;
  return (NATIVE_NAMES[name] ?? name.toLowerCase()) + list;
}

/**
 * PostgreSQL: `@default(autoincrement())` makes Prisma write SERIAL / SMALLSERIAL / BIGSERIAL instead of the
 * integer type; `undefined` for a type that cannot be one.
 */
export function serialType(normalizedName: string): string | undefined {
  return normalizedName === 'integer' ? 'serial' : normalizedName === 'bigint' ? 'bigserial' : normalizedName === 'smallint' ? 'smallserial' : undefined;
}
