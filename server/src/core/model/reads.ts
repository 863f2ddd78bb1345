/**
 * What a per-table rule call read of the schema beyond its own table, so the engine can keep its findings while
 * all of that stays the same (see `Rule.checkTable` and core/reuse.ts).
 *
 * A call gets a view of the schema whose `tables` map records each key it looks up and whose other fields record
 * that they were read; iterating the tables, or reading the statements, workload, views or inserts, makes the call
 * depend on everything. Each call gets a fresh view, so a helper that caches by schema object computes again (and
 * records again) instead of hiding a whole-schema read behind its cache.
 */
import type { Schema, Table } from './schema';

export interface Reads {
  /** Table keys looked up (present or not). */
  keys: string[];
  /** Bare names looked up across schemas (an unqualified PostgreSQL name: `findTable`). */
  bare: string[];
  /** Entries of whole-schema indexes looked up (see `indexLookup`). */
  indexed: [TableIndex, string][];
  enums: boolean;
  database: boolean;
  /** Read something no memo can check cheaply: never reused. */
  all: boolean;
}

export function newReads(): Reads {
  return { keys: [], bare: [], indexed: [], enums: false, database: false, all: false };
}

const REAL = Symbol('schema behind a view');
const READS = Symbol('reads of a view');

class TrackedTables {
  constructor(
    private readonly real: Map<string, Table>,
    private readonly reads: Reads,
  ) {}
  get(key: string): Table | undefined {
    this.reads.keys.push(key);
    return this.real.get(key);
  }
  has(key: string): boolean {
    this.reads.keys.push(key);
    return this.real.has(key);
  }
  get size(): number {
    this.reads.all = true;
    return this.real.size;
  }
  values(): IterableIterator<Table> {
    this.reads.all = true;
    return this.real.values();
  }
  keys(): IterableIterator<string> {
    this.reads.all = true;
    return this.real.keys();
  }
  entries(): IterableIterator<[string, Table]> {
    this.reads.all = true;
    return this.real.entries();
  }
  forEach(fn: (t: Table, k: string, m: Map<string, Table>) => void): void {
    this.reads.all = true;
    this.real.forEach(fn);
  }
  [Symbol.iterator](): IterableIterator<[string, Table]> {
    this.reads.all = true;
    return this.real[Symbol.iterator]();
  }
  set(): never {
    throw new Error('rules do not change the schema');
  }
  delete(): never {
    throw new Error('rules do not change the schema');
  }
  clear(): never {
    throw new Error('rules do not change the schema');
  }
}

/** A view of `real` that records into `reads` what is read through it. */
export function trackedSchema(real: Schema, reads: Reads): Schema {
  const tables = new TrackedTables(real.tables, reads) as unknown as Map<string, Table>;
  const all = <T>(v: T): T => {
    reads.all = true;
    return v;
  };
  return {
    [REAL]: real,
    [READS]: reads,
    dialect: real.dialect,
    project: real.project,
    latestMigration: real.latestMigration,
    tables,
    get enums() {
      reads.enums = true;
      return real.enums;
    },
    get database() {
      reads.database = true;
      return real.database;
    },
    get views() {
      return all(real.views);
    },
    get workload() {
      return all(real.workload);
    },
    get inserts() {
      return all(real.inserts);
    },
    get statements() {
      return all(real.statements);
    },
  } as Schema;
}

/** The schema behind a view (the schema itself when it is not one). */
export function realSchema(schema: Schema): Schema {
  return (schema as unknown as Record<symbol, Schema>)[REAL] ?? schema;
}

/** Records a lookup by bare name through a view (no-op on a real schema). */
export function noteBareLookup(schema: Schema, bare: string): void {
  (schema as unknown as Record<symbol, Reads | undefined>)[READS]?.bare.push(bare);
}

/**
 * An index over all tables of a schema: a lookup key → the keys of the tables it lists, in table order. Must be a
 * pure function of the schema (built once per schema, read through `indexLookup`).
 */
export type TableIndex = (schema: Schema) => Map<string, string[]>;

const indexes = new WeakMap<Schema, Map<TableIndex, Map<string, string[]>>>();

/** The entry `key` of `index` over `schema`'s tables, recorded through a view (a memo can check it cheaply). */
export function indexLookup(schema: Schema, index: TableIndex, key: string): readonly string[] {
  (schema as unknown as Record<symbol, Reads | undefined>)[READS]?.indexed.push([index, key]);
  return indexOf(realSchema(schema), index).get(key) ?? [];
}

export function indexOf(real: Schema, index: TableIndex): Map<string, string[]> {
  let byIndex = indexes.get(real);
  if (!byIndex) indexes.set(real, (byIndex = new Map()));
  let m = byIndex.get(index);
  if (!m) byIndex.set(index, (m = index(real)));
  return m;
}
