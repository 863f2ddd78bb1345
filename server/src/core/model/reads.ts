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
 * An index over all tables of a schema: a lookup key → the keys of the tables it lists, in table order. Pure: a
 * function of the schema, built once per schema and read through `indexLookup`.
 * - `perTable` lists the keys one table goes under (the schema is there to resolve names, which depends only on which
 *   tables there are). The index of a schema a partial replay made from another (some tables replaced, the same keys
 *   in the same order) is then the other's, updated for the replaced tables.
 * - `whole` builds it from the whole schema.
 */
export type TableIndex =
  | { perTable: (schema: Schema, t: Table, add: (key: string) => void) => void }
  | { whole: (schema: Schema) => Map<string, string[]> };

const indexes = new WeakMap<Schema, Map<TableIndex, Map<string, string[]>>>();

/**
 * Per schema made by a partial replay: the tables of the schema it was made from, their indexes, and the tables it
 * replaced there.
 */
const replacedIn = new WeakMap<
  Schema,
  { from: Schema['tables']; base: Map<TableIndex, Map<string, string[]>>; replaced: [string, Table | undefined][]; keys: ReadonlySet<string> }
>();

/** Records that `next` is `prev` with the tables of `keys` replaced (the same keys, in the same order). */
export function noteReplaced(next: Schema, prev: Schema, keys: ReadonlySet<string>): void {
  let base = indexes.get(prev);
  if (!base) indexes.set(prev, (base = new Map()));
  const replaced: [string, Table | undefined][] = [];
  for (const k of keys) replaced.push([k, prev.tables.get(k)]);
  replacedIn.set(next, { from: prev.tables, base, replaced, keys });
}

/**
 * The keys of the tables `next` replaced in `prev` when a partial replay made it from `prev` (the others are the same
 * objects, in the same order); the empty set when they share their tables; undefined otherwise.
 */
export function replacedKeys(next: Schema, prev: Schema): ReadonlySet<string> | undefined {
  if (next.tables === prev.tables) return NONE;
  const r = replacedIn.get(next);
  return r && r.from === prev.tables ? r.keys : undefined;
}
const NONE: ReadonlySet<string> = new Set();

/** The entry `key` of `index` over `schema`'s tables, recorded through a view (a memo can check it cheaply). */
export function indexLookup(schema: Schema, index: TableIndex, key: string): readonly string[] {
  (schema as unknown as Record<symbol, Reads | undefined>)[READS]?.indexed.push([index, key]);
  return indexOf(realSchema(schema), index).get(key) ?? [];
}

export function indexOf(real: Schema, index: TableIndex): Map<string, string[]> {
  let byIndex = indexes.get(real);
  if (!byIndex) indexes.set(real, (byIndex = new Map()));
  let m = byIndex.get(index);
  if (!m) {
    if ('whole' in index) m = index.whole(real);
    else {
      const r = replacedIn.get(real);
      const from = r?.base.get(index);
      m = from ? updated(real, index.perTable, from, r!.replaced) : built(real, index.perTable);
    }
    byIndex.set(index, m);
  }
  return m;
}

type PerTable = (schema: Schema, t: Table, add: (key: string) => void) => void;

function built(schema: Schema, perTable: PerTable): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const t of schema.tables.values()) {
    perTable(schema, t, (k) => {
      const l = m.get(k);
      if (l) l.push(t.key);
      else m.set(k, [t.key]);
    });
  }
  return m;
}

/** `from` (the index before the tables of `replaced` were replaced) with their entries taken out and put back. */
function updated(schema: Schema, perTable: PerTable, from: Map<string, string[]>, replaced: [string, Table | undefined][]): Map<string, string[]> {
  const m = new Map(from);
  const order = tableOrder(schema);
  for (const [key, old] of replaced) {
    if (old) {
      perTable(schema, old, (k) => {
        const l = m.get(k)?.filter((x) => x !== key);
        if (l && l.length > 0) m.set(k, l);
        else m.delete(k);
      });
    }
    const t = schema.tables.get(key);
    if (!t) continue;
    const at = order.get(key)!;
    perTable(schema, t, (k) => {
      const l = m.get(k);
      if (!l) return m.set(k, [key]);
      // After the tables before it and its own earlier entries (a table may go under a key more than once).
      let i = 0;
      while (i < l.length && order.get(l[i])! <= at) i++;
      m.set(k, [...l.slice(0, i), key, ...l.slice(i)]);
    });
  }
  return m;
}

/** Each table key's place in the schema's table order (kept per tables map). */
const tableOrders = new WeakMap<Schema['tables'], Map<string, number>>();
export function tableOrder(schema: Schema): Map<string, number> {
  let m = tableOrders.get(schema.tables);
  if (!m) {
    m = new Map();
    for (const k of schema.tables.keys()) m.set(k, m.size);
    tableOrders.set(schema.tables, m);
  }
  return m;
}
