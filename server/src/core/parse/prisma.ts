/**
 * Prisma schemas → the dialect-neutral facts, with exact spans. One schema is a single `schema.prisma` or a
 * `prismaSchemaFolder` set (`prisma/schema/*.prisma`): the datasource, the models, enums and views of all its files
 * are read together, since a relation or an enum may live in another file than the field that uses it.
 *
 * What the facts describe is the database Prisma Migrate creates for the schema:
 * - `model` (`@@map`, `@map`, `@@schema`) → createTable, with the SQL type Prisma writes per provider
 *   (prisma-types.ts), `@db.*` native types, `?` → nullable, scalar lists → PostgreSQL arrays (nullable: Prisma writes
 *   no NOT NULL for them). Relation fields are not columns.
 * - Constraint and index names are Prisma's (`<Table>_pkey`, `<Table>_<cols>_key`, `_idx`, `_fkey`, cut to the
 *   provider's identifier length as prisma-engines' ConstraintNames does) or the `map:` argument; `generatedName`
 *   marks the ones the user did not write. A primary key has no name on MySQL (`PRIMARY`) and SQLite.
 * - `@default(autoincrement())` → autoIncrement (PostgreSQL: SERIAL/BIGSERIAL/SMALLSERIAL as `rawType`);
 *   `now()` → `CURRENT_TIMESTAMP` (MySQL: `CURRENT_TIMESTAMP(3)` for `datetime(3)`, as Prisma must write it);
 *   `dbgenerated("x")` → `x`; literals → SQL literals; `uuid()`, `cuid()`, `nanoid()`, `ulid()` → no default (the
 *   client fills them in; the database has none). `@updatedAt` → no default.
 * - `@relation(fields, references)` → a foreign key on the table holding `fields`; Prisma's default actions when
 *   not written (onDelete Restrict for a required relation, SetNull for an optional one; onUpdate Cascade), which
 *   Prisma writes into the migration. `relationMode = "prisma"` → `notEnforced` (no constraint in the database).
 * - Implicit many-to-many → the `_AToB` join table (columns `A`, `B`; on PostgreSQL the primary key `_AToB_AB_pkey`,
 *   as Prisma ≥ 6 creates it, elsewhere the unique index `_AToB_AB_unique`; the index `_AToB_B_index`; cascading
 *   foreign keys), in the statement of model A.
 * - `enum` → createEnum on PostgreSQL (MySQL: an inline `enum(…)` column type; SQLite: text); `view` → createView.
 * - `@@ignore` / `@ignore` → skipped; composite `type` blocks (MongoDB) and anything not understood → ignored.
 *
 * Spans: a table is its `model … { … }` block (parts.name: the model name, parts.keyword: `model`); a column its field
 * line without a trailing comment (parts: name, type = the type name alone, nullability = the `?`, nativeType =
 * `@db.X(…)`, default = `@default(…)`); a key or index its attribute (parts.keyword: `@id`/`@@index`…, columns: the
 * `[…]` list or, for `@id`/`@unique`, the field name; name: the `map:` string), a foreign key its relation field line
 * (parts.columns: the `fields` list, references: the `references: […]` argument, keyword: `@relation`).
 */
import type { ColumnDef, ConstraintDef, Dialect, Fact, IndexDef, IndexKey, NormalizedType, Origin, QName, ReferentialAction, Span, TableDef } from '../model/types';
import { moveStatement, type ParsedStatement } from './file';
import { normalizeType } from './sqltype';
import { parsePrismaFile, spanObjects } from './prisma-syntax';
import type { PrismaArg, PrismaAttribute, PrismaBlock, PrismaExpr, PrismaField, PrismaFile } from './prisma-syntax';
import { PRISMA_SCALAR_TYPES, isPrismaScalar, prismaNativeType, serialType } from './prisma-types';

export { parsePrismaFile };
export type { PrismaFile } from './prisma-syntax';
export { PRISMA_SCALAR_TYPES, prismaNativeType, type PrismaScalar } from './prisma-types';

export interface PrismaSchemaResult {
  /**
   * The dialect the facts are lowered for: from the datasource provider (postgresql|postgres|cockroachdb →
   * postgresql, mysql, sqlite), else `options.dialect`; undefined when neither is known (then no facts).
   */
  dialect?: Dialect;
  /** The datasource provider as written. */
  provider?: string;
  /** A provider Schemawise does not analyse (sqlserver, mongodb, …): no facts. */
  unsupported?: string;
  relationMode: 'foreignKeys' | 'prisma';
  /** One entry per input file, same order; one statement per top-level block. */
  files: { path: string; text: string; statements: ParsedStatement[]; comments: Span[] }[];
}

export interface LowerPrismaOptions {
  /** The dialect to assume when no datasource names a provider (a schema folder opened without its main file). */
  dialect?: Dialect;
  /** The statements of the last lowering of the same schema, kept per block (see PrismaLoweringCache). */
  cache?: PrismaLoweringCache;
}

/**
 * What lowering a schema again can keep: per block, its statement and what its lowering read of other blocks (the
 * models its relations name, the columns they reference, the enums its fields use; its join tables). A block whose
 * text (with its leading comments) is the same, in the same file, dialect and relation mode, and whose reads
 * resolve to the same, keeps its statement and fact objects, moved to where the block is now: typing in one model
 * lowers that model again, not the schema.
 */
export interface PrismaLoweringCache {
  blocks: Map<string, CachedBlock[]>;
  /** The same, by syntax-tree block: a block the re-parse kept (same text, moved) is found without slicing its text. */
  byBlock: WeakMap<PrismaBlock, CachedBlock>;
}

interface CachedBlock {
  /** The key text's owner: the file path, dialect and relation mode with the block's text and leading comments. */
  key: string;
  st: ParsedStatement;
  /** Where the key text began when the statement was made. */
  start: number;
  reads: Map<string, string>;
  joins: string;
}

export function newPrismaLoweringCache(): PrismaLoweringCache {
  return { blocks: new Map(), byBlock: new WeakMap() };
}



/** Facts as text with offsets relative to `base` (two lowerings of a moved block compare equal). */
function shapeKey(facts: readonly Fact[], base: number): string {
  return facts.length === 0 ? '' : JSON.stringify(facts, (k, v) => ((k === 'start' || k === 'end') && typeof v === 'number' ? v - base : v));
}

const PROVIDERS: Record<string, Dialect> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  cockroachdb: 'postgresql',
  mysql: 'mysql',
  sqlite: 'sqlite',
};

const ACTIONS: Record<string, ReferentialAction> = {
  Cascade: 'cascade',
  Restrict: 'restrict',
  NoAction: 'no action',
  SetNull: 'set null',
  SetDefault: 'set default',
};

/** Longest identifier per provider (prisma-engines `max_identifier_length`); Prisma cuts its default names to it. */
const IDENTIFIER_LIMIT: Record<Dialect, number> = { postgresql: 63, mysql: 64, sqlite: 10_000 };

interface ModelInfo {
  block: PrismaBlock;
  file: string;
  name: string;
  table: QName;
  ignored: boolean;
  fields: Map<string, PrismaField>;
}

interface EnumInfo {
  name: QName;
  /** Prisma value name → database value (`@map`). */
  values: Map<string, string>;
}

interface Lowered {
  column: ColumnDef;
  /** The type without SERIAL (what a column referencing this one gets). */
  plainRawType: string;
}

/** Lowers all files of one Prisma schema. Never throws. */
export function lowerPrisma(files: PrismaFile[], options: LowerPrismaOptions = {}): PrismaSchemaResult {
  const source = datasource(files);
  const fromProvider = source.provider === undefined ? undefined : PROVIDERS[source.provider];
  const unsupported = source.provider !== undefined && !fromProvider ? source.provider : undefined;
  const dialect = unsupported ? undefined : (fromProvider ?? options.dialect);
  const cache = options.cache;
  const next = new Map<string, CachedBlock[]>();
  const byBlock = new WeakMap<PrismaBlock, CachedBlock>();
  const used = new Set<CachedBlock>();
  const keep = (key: string, c: CachedBlock, b: PrismaBlock) => {
    const list = next.get(key);
    if (list) list.push(c);
    else next.set(key, [c]);
    byBlock.set(b, c);
  };
  let lowering: Lowering | undefined;
  if (dialect) {
    try {
      lowering = new Lowering(files, dialect, source.relationMode);
    } catch {
      lowering = undefined; // a bug costs the facts, never the caller
    }
  }
  const result: PrismaSchemaResult = {
    ...(dialect ? { dialect } : {}),
    ...(source.provider !== undefined ? { provider: source.provider } : {}),
    ...(unsupported ? { unsupported } : {}),
    relationMode: source.relationMode,
    files: files.map((f) => ({
      path: f.path,
      text: f.text,
      comments: f.comments.map(own),
      statements: f.blocks.map((b) => {
        const from = b.leadingComments[0]?.start ?? b.keyword.start;
        const prefix = `${f.path}\u0000${dialect}\u0000${source.relationMode}\u0000`;
        const joins = lowering && cache ? shapeKey(lowering.joinsOf(b), from) : '';
        const usable = (c: CachedBlock) => c.joins === joins && lowering!.readsHold(c.reads);
        // The block the re-parse kept (same text, moved), else one of the same text.
        const same = cache?.byBlock.get(b);
        let hit: CachedBlock | undefined;
        let key: string;
        if (lowering && same && same.key.startsWith(prefix) && !used.has(same) && usable(same)) {
          hit = same;
          key = same.key;
        } else {
          key = prefix + f.text.slice(from, b.span.end);
          const list = lowering ? cache?.blocks.get(key) : undefined;
          hit = list?.find((c) => !used.has(c) && usable(c));
        }
        if (hit) {
          used.add(hit);
          moveStatement(hit.st, from - hit.start);
          hit.start = from;
          keep(key, hit, b);
          return hit.st;
        }
        let facts: Fact[] = [];
        const reads = new Map<string, string>();
        try {
          facts = lowering?.block(b, reads) ?? [];
        } catch {
          facts = [];
        }
        const st: ParsedStatement = {
          span: own(b.span),
          facts,
          status: b.closed && !b.problem ? 'parsed' : 'recovered',
          parser: 'prisma',
          file: f.path,
          text: f.text.slice(b.span.start, b.span.end),
          leadingComments: b.leadingComments.map(own),
          spans: [],
        };
        if (b.problem) st.parseError = b.problem;
        if (cache) {
          st.spans = spanObjects(facts);
          const c = { key, st, start: from, reads, joins };
          used.add(c);
          keep(key, c, b);
        }
        return st;
      }),
    })),
  };
  if (cache) {
    cache.blocks = next;
    cache.byBlock = byBlock;
  }
  return result;
}

function datasource(files: PrismaFile[]): { provider?: string; relationMode: PrismaSchemaResult['relationMode'] } {
  for (const f of files) {
    for (const b of f.blocks) {
      if (b.kind !== 'datasource') continue;
      let provider: string | undefined;
      let relationMode: PrismaSchemaResult['relationMode'] = 'foreignKeys';
      for (const m of b.members) {
        if (m.kind !== 'assignment' || m.value?.kind !== 'string') continue;
        if (m.key.text === 'provider') provider = m.value.value;
        // `referentialIntegrity` is the name before Prisma 4.5.
        else if ((m.key.text === 'relationMode' || m.key.text === 'referentialIntegrity') && m.value.value === 'prisma') relationMode = 'prisma';
      }
      return { provider, relationMode };
    }
  }
  return { relationMode: 'foreignKeys' };
}

// ---------------------------------------------------------------------------------------------------------
// Small readers over the syntax tree

/**
 * A copy of a syntax-tree span for a fact: facts own their spans (the engine may move them in place) and must never
 * reach into the syntax tree, which is cached per file text.
 */
function own(s: Span): Span {
  return { start: s.start, end: s.end };
}

function attribute(attrs: readonly PrismaAttribute[], name: string): PrismaAttribute | undefined {
  return attrs.find((a) => a.name === name);
}

/** The argument named `name`, else the `position`-th unnamed one. */
function arg(a: PrismaAttribute | undefined, name: string, position?: number): PrismaArg | undefined {
  if (!a) return undefined;
  const named = a.args.find((x) => x.name?.text === name);
  if (named || position === undefined) return named;
  return a.args.filter((x) => !x.name)[position];
}

function stringArg(a: PrismaAttribute | undefined, name: string, position?: number): { value: string; span: Span } | undefined {
  const v = arg(a, name, position)?.value;
  return v?.kind === 'string' ? { value: v.value, span: v.span } : undefined;
}

/** `@map("x")` / `@@map(name: "x")` / `@@schema("x")`. */
function mapped(attrs: readonly PrismaAttribute[], name: string): string | undefined {
  return stringArg(attribute(attrs, name), 'name', 0)?.value;
}

function ownAttributes(b: PrismaBlock): PrismaAttribute[] {
  const out: PrismaAttribute[] = [];
  for (const m of b.members) if (m.kind === 'attribute') out.push(m.attribute);
  return out;
}

/** Field references of `[a, b(sort: Desc)]`, or of a single `a` / `a(sort: Desc)` written without brackets. */
function fieldRefs(e: PrismaExpr | undefined): { name: string; span: Span; args: PrismaArg[] }[] {
  if (!e) return [];
  const items = e.kind === 'array' ? e.items : [e];
  const out: { name: string; span: Span; args: PrismaArg[] }[] = [];
  for (const x of items) {
    if (x.kind === 'path') out.push({ name: x.text, span: x.span, args: [] });
    else if (x.kind === 'call') out.push({ name: x.name.text, span: x.span, args: x.args });
  }
  return out;
}

/** normalizeType per distinct type text: a schema repeats a few dozen types over hundreds of columns. */
const typeMemo: Record<Dialect, Map<string, NormalizedType>> = { postgresql: new Map(), mysql: new Map(), sqlite: new Map() };

function sqlType(raw: string, dialect: Dialect): NormalizedType {
  const memo = typeMemo[dialect];
  let t = memo.get(raw);
  if (!t) {
    if (memo.size >= 2000) memo.clear();
    t = normalizeType(raw, dialect);
    memo.set(raw, t);
  }
  // A copy per column: facts are never shared between statements.
  return t.values ? { ...t, values: [...t.values] } : { ...t };
}

function quoteLiteral(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

function quoteIdent(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

const utf8 = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;

function utf8Length(s: string): number {
  return ASCII.test(s) ? s.length : utf8.encode(s).length;
}

/** Prisma's default constraint/index name: `<table>_<cols><suffix>`, the prefix cut so the whole fits the provider's limit. */
function prismaName(dialect: Dialect, table: string, columns: string[] | undefined, suffix: string): string {
  const base = columns ? `${table}_${columns.join('_')}` : table;
  const room = IDENTIFIER_LIMIT[dialect] - suffix.length;
  if (utf8Length(base) <= room) return base + suffix;
  // Cut at a character boundary (prisma-engines' floor_char_boundary), counting UTF-8 bytes.
  const chars = Array.from(base);
  while (utf8Length(chars.join('')) > room) chars.pop();
  return chars.join('') + suffix;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * What a block says of itself (a model's table name, fields, @@ignore; an enum's values), read once per syntax-tree
 * block: the re-parse keeps the blocks an edit did not touch, and every lowering indexes all of them.
 */
const blockInfos = new WeakMap<PrismaBlock, { path: string; info: BlockInfo }>();

type BlockInfo = { kind: 'model'; model: ModelInfo } | { kind: 'enum'; enum: EnumInfo } | { kind: 'other' };

function blockInfo(b: PrismaBlock, path: string): BlockInfo {
  const hit = blockInfos.get(b);
  if (hit && hit.path === path) return hit.info;
  let info: BlockInfo = { kind: 'other' };
  const attrs = ownAttributes(b);
  if (b.kind === 'model') {
    const fields = new Map<string, PrismaField>();
    for (const m of b.members) if (m.kind === 'field' && !fields.has(m.name.text)) fields.set(m.name.text, m);
    info = { kind: 'model', model: { block: b, file: path, name: b.name!.text, table: qname(attrs, b.name!.text), ignored: !!attribute(attrs, 'ignore'), fields } };
  } else if (b.kind === 'enum') {
    const values = new Map<string, string>();
    for (const m of b.members) if (m.kind === 'field') values.set(m.name.text, mapped(m.attributes, 'map') ?? m.name.text);
    info = { kind: 'enum', enum: { name: qname(attrs, b.name!.text), values } };
  }
  blockInfos.set(b, { path, info });
  return info;
}

class Lowering {
  private models = new Map<string, ModelInfo>();
  private byBlock = new Map<PrismaBlock, ModelInfo>();
  private enums = new Map<string, EnumInfo>();
  private enumByBlock = new Map<PrismaBlock, EnumInfo>();
  private columns = new Map<PrismaField, Lowered | null>();
  private joins = new Map<PrismaBlock, Fact[]>();

  constructor(
    files: PrismaFile[],
    private readonly dialect: Dialect,
    private readonly relationMode: PrismaSchemaResult['relationMode'],
  ) {
    for (const f of files) {
      for (const b of f.blocks) {
        if (!b.name) continue;
        const info = blockInfo(b, f.path);
        if (info.kind === 'model') {
          this.byBlock.set(b, info.model);
          if (!this.models.has(info.model.name)) this.models.set(info.model.name, info.model);
        } else if (info.kind === 'enum') {
          this.enumByBlock.set(b, info.enum);
          if (!this.enums.has(b.name.text)) this.enums.set(b.name.text, info.enum);
        }
      }
    }
    this.findJoinTables();
  }

  /** What the block being lowered read of other blocks: a key per lookup and what it found (see readsHold). */
  private reads?: Map<string, string>;

  /** The facts of a block; `reads` receives what they depend on beyond the block's own text. */
  block(b: PrismaBlock, reads?: Map<string, string>): Fact[] {
    this.reads = reads;
    try {
      return this.blockFacts(b);
    } finally {
      this.reads = undefined;
    }
  }

  /** The join tables lowered into block `b` (their facts depend on both models of the relation). */
  joinsOf(b: PrismaBlock): readonly Fact[] {
    return (b.name && b.kind === 'model' && !this.byBlock.get(b)?.ignored && this.joins.get(b)) || [];
  }

  /** Do the lookups a cached block made find the same now? */
  readsHold(reads: ReadonlyMap<string, string>): boolean {
    for (const [k, v] of reads) if (this.lookup(k) !== v) return false;
    return true;
  }

  /** A lookup of another block, recorded while a block is lowered. Keys: `m` model, `f` model's column, `e` enum. */
  private lookups = new Map<string, string>();

  private lookup(k: string): string {
    let v = this.lookups.get(k);
    if (v === undefined) this.lookups.set(k, (v = this.resolve(k)));
    return v;
  }

  private resolve(k: string): string {
    const [kind, name, field] = k.split('\u0000');
    if (kind === 'm') {
      const m = this.models.get(name);
      return m ? `${m.table.schema ?? ''}\u0000${m.table.name}\u0000${m.ignored}` : '-';
    }
    if (kind === 'f') {
      const m = this.models.get(name);
      return m ? this.columnName(m, field) : '-';
    }
    const e = this.enums.get(name);
    return e ? JSON.stringify([e.name, [...e.values]]) : '-';
  }

  private model_(name: string): ModelInfo | undefined {
    const m = this.models.get(name);
    if (this.reads) this.reads.set('m\u0000' + name, this.lookup('m\u0000' + name));
    return m;
  }

  private enum_(name: string): EnumInfo | undefined {
    const e = this.enums.get(name);
    if (this.reads) this.reads.set('e\u0000' + name, this.lookup('e\u0000' + name));
    return e;
  }

  /** The database name of a field of another model (recorded: a relation's referenced columns). */
  private targetColumn(m: ModelInfo, field: string): string {
    const name = this.columnName(m, field);
    if (this.reads) this.reads.set(`f\u0000${m.name}\u0000${field}`, name);
    return name;
  }

  private blockFacts(b: PrismaBlock): Fact[] {
    if (!b.name) return [];
    switch (b.kind) {
      case 'model': {
        const m = this.byBlock.get(b)!;
        if (m.ignored) return [];
        return [...this.model(m), ...(this.joins.get(b) ?? [])];
      }
      case 'enum': {
        const e = this.enumByBlock.get(b);
        if (this.dialect !== 'postgresql' || !e || e.values.size === 0) return [];
        return [{ kind: 'createEnum', name: e.name, values: [...e.values.values()], span: own(b.span), nameSpan: own(b.name.span) }];
      }
      case 'view':
        return [{ kind: 'createView', name: qname(ownAttributes(b), b.name.text), span: own(b.span), nameSpan: own(b.name.span) }];
      default:
        return [];
    }
  }

  private model(m: ModelInfo): Fact[] {
    const b = m.block;
    const table: TableDef = {
      name: m.table,
      columns: [],
      constraints: [],
      indexes: [],
      origin: { file: m.file, span: own(b.span), parts: { name: own(b.name!.span), keyword: own(b.keyword) } },
    };
    if (!b.closed) table.unclosed = true;
    const indexFacts: Fact[] = [];
    for (const member of b.members) {
      if (member.kind === 'field') {
        if (!member.type || attribute(member.attributes, 'ignore')) continue;
        const lowered = this.column(m, member);
        if (lowered) {
          table.columns.push(lowered.column);
          const col = lowered.column.name;
          const id = attribute(member.attributes, 'id');
          if (id) table.constraints.push(this.key('primary', m, id, [col], [own(member.name.span)], own(member.name.span), true));
          const unique = attribute(member.attributes, 'unique');
          if (unique) table.constraints.push(this.key('unique', m, unique, [col], [own(member.name.span)], own(member.name.span), true));
          continue;
        }
        const fk = this.foreignKey(m, member);
        if (fk) table.constraints.push(fk);
      } else if (member.kind === 'attribute') {
        const a = member.attribute;
        if (a.name === 'id' || a.name === 'unique') {
          const list = arg(a, 'fields', 0)?.value;
          const refs = fieldRefs(list);
          if (!refs.length) continue;
          const kind = a.name === 'id' ? 'primary' : 'unique';
          table.constraints.push(this.key(kind, m, a, refs.map((r) => this.columnName(m, r.name)), refs.map((r) => own(r.span)), own(list!.span), false));
        } else if (a.name === 'index' || a.name === 'fulltext') {
          const ix = this.index(m, a);
          if (ix) indexFacts.push({ kind: 'createIndex', index: ix, span: own(a.span) });
        }
      }
    }
    return [{ kind: 'createTable', table, span: own(b.span) }, ...indexFacts];
  }

  /** The database name of a field of `m` (its `@map`), or the name as written when `m` has no such field. */
  private columnName(m: ModelInfo, field: string): string {
    const f = m.fields.get(field);
    return (f && mapped(f.attributes, 'map')) ?? field;
  }

  /** The column a scalar or enum field creates; null for a relation, view or composite-type field, or an unknown type. */
  private column(m: ModelInfo, f: PrismaField): Lowered | null {
    // Recorded even when the column was lowered before (for a join table): its type may name an enum.
    if (this.reads && f.type) this.enum_(f.type.name);
    const hit = this.columns.get(f);
    if (hit !== undefined) return hit;
    const lowered = this.lowerColumn(m, f);
    this.columns.set(f, lowered);
    return lowered;
  }

  private lowerColumn(m: ModelInfo, f: PrismaField): Lowered | null {
    const t = f.type;
    if (!t) return null;
    const d = this.dialect;
    const enumInfo = this.enum_(t.name);
    // Scalar lists exist on PostgreSQL (and CockroachDB) only.
    if (t.list && d !== 'postgresql') return null;
    const native = f.attributes.find((a) => a.name.startsWith('db.'));
    let raw: string;
    if (t.name === 'Unsupported') {
      if (!t.unsupported) return null;
      raw = t.unsupported;
    } else if (enumInfo) {
      raw = enumType(enumInfo, d);
    } else if (isPrismaScalar(t.name)) {
      raw = native ? prismaNativeType(native.name.slice(3), nativeArgs(native)) : PRISMA_SCALAR_TYPES[d][t.name];
    } else {
      return null;
    }
    const plainRawType = t.list ? raw + '[]' : raw;
    const col: ColumnDef = {
      name: mapped(f.attributes, 'map') ?? f.name.text,
      rawType: plainRawType,
      type: sqlType(plainRawType, d),
      nullable: !!t.optional || !!t.list,
      origin: { file: m.file, span: own(f.span), parts: { name: own(f.name.span), type: own(t.span) } },
    };
    const parts = col.origin.parts!;
    if (t.optional) parts.nullability = own(t.optional);
    if (native) parts.nativeType = own(native.span);
    const def = attribute(f.attributes, 'default');
    if (def) {
      parts.default = own(def.span);
      const v = arg(def, 'value', 0)?.value;
      if (v?.kind === 'call' && v.name.text === 'autoincrement') {
        col.autoIncrement = d === 'postgresql' ? 'serial' : d === 'mysql' ? 'auto_increment' : 'autoincrement';
        const serial = d === 'postgresql' && !t.list ? serialType(col.type.name) : undefined;
        if (serial) col.rawType = serial;
      } else if (v) {
        const sql = this.defaultValue(v, col, enumInfo);
        if (sql !== undefined) col.default = sql;
      }
    }
    return { column: col, plainRawType };
  }

  /** The SQL default Prisma writes for `@default(v)`; undefined when the database gets none. */
  private defaultValue(v: PrismaExpr, col: ColumnDef, enumInfo: EnumInfo | undefined): string | undefined {
    switch (v.kind) {
      case 'string':
        return quoteLiteral(v.value);
      case 'number':
        return v.text;
      case 'path': {
        if (v.text === 'true' || v.text === 'false') return v.text;
        const value = enumInfo?.values.get(v.text);
        return value === undefined ? undefined : quoteLiteral(value);
      }
      case 'array': {
        if (this.dialect !== 'postgresql') return undefined;
        const items = v.items.map((x) => this.defaultValue(x, col, enumInfo));
        if (items.some((x) => x === undefined)) return undefined;
        return `ARRAY[${items.join(', ')}]::${col.rawType}`;
      }
      case 'call':
        if (v.name.text === 'now') {
          // MySQL refuses CURRENT_TIMESTAMP without the column's fractional precision; Prisma writes it.
          const p = col.type.precision;
          return this.dialect === 'mysql' && p !== undefined ? `CURRENT_TIMESTAMP(${p})` : 'CURRENT_TIMESTAMP';
        }
        if (v.name.text === 'dbgenerated') {
          const e = v.args[0]?.value;
          return e?.kind === 'string' && e.value.trim() ? e.value : undefined;
        }
        return undefined; // uuid(), cuid(), nanoid(), ulid(), auto(), sequence(): filled in by the client or not SQL
    }
  }

  private key(kind: 'primary' | 'unique', m: ModelInfo, a: PrismaAttribute, columns: string[], columnSpans: Span[], columnsSpan: Span, inline: boolean): ConstraintDef {
    const map = stringArg(a, 'map');
    const parts: Origin['parts'] = { keyword: own(a.nameSpan), columns: columnsSpan };
    const c: ConstraintDef = { kind, columns, columnSpans, origin: { file: m.file, span: own(a.span), parts } };
    if (inline) c.inline = true;
    // MySQL calls every primary key PRIMARY; SQLite's has no name.
    if (kind === 'unique' || this.dialect === 'postgresql') {
      if (map) {
        c.name = map.value;
        parts.name = own(map.span);
      } else {
        c.name = kind === 'primary' ? prismaName(this.dialect, m.table.name, undefined, '_pkey') : prismaName(this.dialect, m.table.name, columns, '_key');
        c.generatedName = true;
      }
    }
    return c;
  }

  private index(m: ModelInfo, a: PrismaAttribute): IndexDef | undefined {
    const list = arg(a, 'fields', 0)?.value;
    const refs = fieldRefs(list);
    if (!refs.length) return undefined;
    const keys: IndexKey[] = refs.map((r) => {
      const k: IndexKey = { column: this.columnName(m, r.name), span: own(r.span) };
      const sort = r.args.find((x) => x.name?.text === 'sort')?.value;
      if (sort?.kind === 'path' && (sort.text === 'Asc' || sort.text === 'Desc')) k.order = sort.text === 'Asc' ? 'asc' : 'desc';
      const length = r.args.find((x) => x.name?.text === 'length')?.value;
      if (length?.kind === 'number') k.prefixLength = Number(length.text);
      const ops = opclass(r.args.find((x) => x.name?.text === 'ops')?.value);
      if (ops) k.opclass = ops;
      return k;
    });
    const parts: Origin['parts'] = { keyword: own(a.nameSpan), columns: own(list!.span) };
    const ix: IndexDef = { table: m.table, keys, unique: false, origin: { file: m.file, span: own(a.span), parts } };
    // `name:` on @@index is the legacy spelling of `map:` (prisma-engines still reads it so).
    const name = stringArg(a, 'map') ?? stringArg(a, 'name');
    if (name) {
      ix.name = name.value;
      parts.name = own(name.span);
    } else {
      ix.name = prismaName(this.dialect, m.table.name, keys.map((k) => k.column!), '_idx');
      ix.generatedName = true;
    }
    if (a.name === 'fulltext') {
      ix.method = 'fulltext';
    } else {
      const type = arg(a, 'type')?.value;
      if (type?.kind === 'path') ix.method = type.text.toLowerCase();
    }
    return ix;
  }

  private foreignKey(m: ModelInfo, f: PrismaField): ConstraintDef | undefined {
    const rel = attribute(f.attributes, 'relation');
    const fieldsArg = arg(rel, 'fields');
    const refsArg = arg(rel, 'references');
    const target = this.model_(f.type!.name);
    if (!rel || !fieldsArg?.value || !refsArg?.value || !target || target.ignored) return undefined;
    const local = fieldRefs(fieldsArg.value);
    if (!local.length) return undefined;
    const columns = local.map((r) => this.columnName(m, r.name));
    const required = local.every((r) => {
      const s = m.fields.get(r.name);
      return !!s?.type && !s.type.optional;
    });
    const action = (name: string) => {
      const v = arg(rel, name)?.value;
      return v?.kind === 'path' ? ACTIONS[v.text] : undefined;
    };
    const parts: Origin['parts'] = { keyword: own(rel.nameSpan), columns: own(fieldsArg.value.span), references: own(refsArg.span) };
    const fk: ConstraintDef = {
      kind: 'foreign',
      columns,
      columnSpans: local.map((r) => own(r.span)),
      references: {
        table: target.table,
        columns: fieldRefs(refsArg.value).map((r) => this.targetColumn(target, r.name)),
        onDelete: action('onDelete') ?? (required ? 'restrict' : 'set null'),
        onUpdate: action('onUpdate') ?? 'cascade',
      },
      origin: { file: m.file, span: own(f.span), parts },
    };
    const map = stringArg(rel, 'map');
    if (map) {
      fk.name = map.value;
      parts.name = own(map.span);
    } else {
      fk.name = prismaName(this.dialect, m.table.name, columns, '_fkey');
      fk.generatedName = true;
    }
    if (this.relationMode === 'prisma') fk.notEnforced = true;
    return fk;
  }

  /**
   * Implicit many-to-many relations: a list field on each side, neither with `fields`, the same relation name (or
   * none). Prisma names the join table `_<RelationName>` (default `<A>To<B>`, the model names sorted); column `A`
   * references the model that sorts first.
   */
  private findJoinTables(): void {
    const seen = new Set<string>();
    for (const m of this.models.values()) {
      if (m.ignored) continue;
      for (const f of m.fields.values()) {
        const target = f.type?.list ? this.models.get(f.type.name) : undefined;
        if (!target || target.ignored || attribute(f.attributes, 'ignore')) continue;
        const rel = attribute(f.attributes, 'relation');
        if (arg(rel, 'fields')) continue;
        const relName = stringArg(rel, 'name', 0)?.value;
        let other: PrismaField | undefined;
        for (const g of target.fields.values()) {
          if (g === f || !g.type?.list || g.type.name !== m.name) continue;
          const r = attribute(g.attributes, 'relation');
          if (!arg(r, 'fields') && stringArg(r, 'name', 0)?.value === relName) {
            other = g;
            break;
          }
        }
        if (!other) continue;
        const [a, b] = m.name <= target.name ? [m, target] : [target, m];
        const name = relName ?? `${a.name}To${b.name}`;
        const key = `${a.name}\0${b.name}\0${name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const facts = this.joinTable(name, a, b, a === m ? f : other);
        if (facts.length) this.joins.set(a.block, [...(this.joins.get(a.block) ?? []), ...facts]);
      }
    }
  }

  private joinTable(relation: string, a: ModelInfo, b: ModelInfo, field: PrismaField): Fact[] {
    const ida = this.singleId(a);
    const idb = this.singleId(b);
    if (!ida || !idb) return [];
    const d = this.dialect;
    const file = a.file;
    // Everything of the join table is written by the relation field of model A.
    const at = (): Origin => ({ file, span: own(field.span) });
    const table: QName = a.table.schema ? { schema: a.table.schema, name: `_${relation}` } : { name: `_${relation}` };
    const col = (name: string, raw: string): ColumnDef => ({ name, rawType: raw, type: sqlType(raw, d), nullable: false, origin: at() });
    const fk = (column: string, to: ModelInfo, id: Lowered): ConstraintDef => {
      const c: ConstraintDef = {
        kind: 'foreign',
        name: prismaName(d, table.name, [column], '_fkey'),
        generatedName: true,
        columns: [column],
        references: { table: to.table, columns: [id.column.name], onDelete: 'cascade', onUpdate: 'cascade' },
        origin: at(),
      };
      if (this.relationMode === 'prisma') c.notEnforced = true;
      return c;
    };
    const def: TableDef = {
      name: table,
      columns: [col('A', ida.plainRawType), col('B', idb.plainRawType)],
      constraints: [],
      indexes: [],
      origin: { file, span: own(field.span), parts: { name: own(field.name.span) } },
    };
    const index = (name: string, columns: string[], unique: boolean): Fact => ({
      kind: 'createIndex',
      index: { name, generatedName: true, table, keys: columns.map((column) => ({ column, span: own(field.span) })), unique, origin: at() },
      span: own(field.span),
    });
    const facts: Fact[] = [{ kind: 'createTable', table: def, span: own(field.span) }];
    // Prisma ≥ 6 gives the PostgreSQL join table a primary key; MySQL and SQLite keep the unique index.
    if (d === 'postgresql') def.constraints.push({ kind: 'primary', name: `_${relation}_AB_pkey`, generatedName: true, columns: ['A', 'B'], origin: at() });
    else facts.push(index(`_${relation}_AB_unique`, ['A', 'B'], true));
    facts.push(index(`_${relation}_B_index`, ['B'], false));
    def.constraints.push(fk('A', a, ida), fk('B', b, idb));
    return facts;
  }

  /** The column of a model's single-field primary key (`@id`, or `@@id` of one field). */
  private singleId(m: ModelInfo): Lowered | undefined {
    let field: PrismaField | undefined;
    for (const f of m.fields.values()) if (attribute(f.attributes, 'id')) field = field ?? f;
    if (!field) {
      const refs = fieldRefs(arg(attribute(ownAttributes(m.block), 'id'), 'fields', 0)?.value);
      if (refs.length === 1) field = m.fields.get(refs[0].name);
    }
    return (field && this.column(m, field)) || undefined;
  }
}

/** PostgreSQL: the enum type, by name; MySQL: an inline `enum(…)` of the values; SQLite: text. */
function enumType(e: EnumInfo, dialect: Dialect): string {
  if (dialect === 'mysql') return `enum(${[...e.values.values()].map(quoteLiteral).join(',')})`;
  if (dialect === 'sqlite') return 'text';
  return (e.name.schema ? `${quoteIdent(e.name.schema)}.` : '') + quoteIdent(e.name.name);
}

function qname(attrs: readonly PrismaAttribute[], name: string): QName {
  const table = mapped(attrs, 'map') ?? name;
  const schema = mapped(attrs, 'schema');
  return schema ? { schema, name: table } : { name: table };
}

/** `@db.VarChar(255)` → ['255']. */
function nativeArgs(a: PrismaAttribute): string[] {
  const out: string[] = [];
  for (const x of a.args) if (x.value?.kind === 'number' || x.value?.kind === 'path') out.push(x.value.text);
  return out;
}

/**
 * `ops: raw("gin_trgm_ops")` → as written; `ops: JsonbPathOps` → `jsonb_path_ops` (Prisma's names are the PostgreSQL
 * operator classes in PascalCase, with `MinMax`, `TimestampTz`, `VarBit`… for `minmax`, `timestamptz`, `varbit`).
 */
function opclass(v: PrismaExpr | undefined): string | undefined {
  if (v?.kind === 'call' && v.name.text === 'raw') {
    const s = v.args[0]?.value;
    return s?.kind === 'string' ? s.value : undefined;
  }
  if (v?.kind !== 'path') return undefined;
  return v.text
    .replace(/MinMax/g, 'Minmax')
    .replace(/TimestampTz/g, 'Timestamptz')
    .replace(/TimeTz/g, 'Timetz')
    .replace(/VarBit/g, 'Varbit')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
