/**
 * TypeORM entities → facts. `parseEntityFile` reads one file's syntax (typeorm-syntax.ts, cacheable per text);
 * `lowerTypeorm` lowers a project's entity files together, as TypeORM's EntityMetadataBuilder would build them:
 * inherited columns from base classes (in other files too, found by relative import path, else by a unique class
 * name), embedded classes, relations (join columns typed like the primary key they reference, foreign keys,
 * one-to-one unique constraints, join tables), single-table inheritance, indexes and unique constraints, with the
 * names TypeORM gives them (typeorm-naming.ts) and the types each driver writes (typeorm-types.ts).
 *
 * Nothing is executed, imported or evaluated: a value that is not a literal (a constant, a function call) is
 * unknown, and what depends on it is left out. Never throws.
 *
 * Spans: a table is the entity class with its decorators, `name` the `@Entity('x')` literal when the table is named
 * there (that is what renaming it edits), else the class name; a column is the property with its decorators, `type`
 * the written type (decorator argument, `type:` option or TypeScript annotation); a key or index is its decorator
 * (`@Index(...)`, `@Unique(...)`), or the property for one declared by a column option or a relation.
 */
import type { ColumnDef, ConstraintDef, Dialect, Fact, IndexDef, IndexKey, Origin, QName, ReferentialAction, Span, TableDef } from '../model/types';
import type { ParsedStatement } from './file';
import { normalizeType } from './sqltype';
import { parseEntityFile, sourceFile, type ClassDecl, type Decorator, type EntityFile, type EnumDecl, type Member, type Prop, type Reflected, type Value } from './typeorm-syntax';
import { columnName, joinColumnName, joinTableColumnName, joinTableName, keyName, tableName as defaultTableName, type Naming } from './typeorm-naming';
import { MYSQL_DATE_PRECISION, PG_SERIAL, dateColumnType, driverType, fullType, nowDefault, quoteLiteral, versionColumnType, type OrmType, type TypeShape } from './typeorm-types';
import * as ts from 'typescript';

export { parseEntityFile, type EntityFile };

export interface TypeormOptions {
  dialect: Dialect;
  naming?: Naming;
}

export interface TypeormResult {
  /**
   * One entry per input file, in input order: one statement per entity class
   * (span = the class with its decorators; `text` = its text), and every comment of the file.
   */
  files: { path: string; text: string; statements: ParsedStatement[]; comments: Span[] }[];
}

// ---------------------------------------------------------------------------------------------------------
// DataSource options

const DRIVERS: Record<string, Dialect> = {
  postgres: 'postgresql',
  'aurora-postgres': 'postgresql',
  cockroachdb: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  'aurora-mysql': 'mysql',
  sqlite: 'sqlite',
  'better-sqlite3': 'sqlite',
  sqljs: 'sqlite',
  capacitor: 'sqlite',
  cordova: 'sqlite',
  'react-native': 'sqlite',
  nativescript: 'sqlite',
  expo: 'sqlite',
};

/** Keys of DataSource options besides `type`: an object with `type: 'postgres'` and one of these is one. */
const OPTION_KEYS = new Set([
  'entities',
  'migrations',
  'subscribers',
  'synchronize',
  'database',
  'host',
  'port',
  'username',
  'password',
  'url',
  'logging',
  'namingStrategy',
  'migrationsRun',
  'migrationsTableName',
  'dropSchema',
  'schema',
  'extra',
  'replication',
  'entityPrefix',
  'autoLoadEntities',
  'ssl',
  'poolSize',
  'driver',
]);

const DRIVER_LITERAL = new RegExp(`['"\`](?:${Object.keys(DRIVERS).join('|')})['"\`]`);

/** The dialect of the first DataSource / createConnection options object literal in a TS/JS (or JSON) text. */
export function typeormDriver(text: string): Dialect | undefined {
  if (!DRIVER_LITERAL.test(text)) return undefined;
  try {
    const json = /^\s*[[{]/.test(text);
    const sf = sourceFile('options.ts', json ? `(${text})` : text);
    let found: Dialect | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isObjectLiteralExpression(n)) found = driverOf(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return found;
  } catch {
    return undefined;
  }
}

function driverOf(o: ts.ObjectLiteralExpression): Dialect | undefined {
  let dialect: Dialect | undefined;
  let options = false;
  for (const p of o.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key === 'type' && ts.isPropertyAssignment(p)) {
      let v = p.initializer;
      while (ts.isAsExpression(v) || ts.isParenthesizedExpression(v) || ts.isSatisfiesExpression(v)) v = v.expression;
      if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v)) dialect = DRIVERS[v.text];
    } else if (key && OPTION_KEYS.has(key)) {
      options = true;
    }
  }
  return options ? dialect : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Lowering

/** A declaration and the file it is in. */
interface Found<T> {
  file: EntityFile;
  decl: T;
}

type FoundClass = Found<ClassDecl>;

/** A column as TypeORM's metadata holds it, before it is written for the dialect. */
interface Col {
  /** Property path (`address.street` inside an embedded). */
  property: string;
  name: string;
  /** The driver's type name; undefined when unknown (a type TypeORM would refuse, or not a literal). */
  shape?: TypeShape;
  enumValues?: string[];
  enumName?: string;
  nullable: boolean;
  primary: boolean;
  unique?: { span?: Span };
  default?: string;
  generation?: 'increment' | 'uuid' | 'identity' | 'rowid';
  generated?: { expression: string; stored: boolean };
  charset?: string;
  collation?: string;
  comment?: string;
  /** `primaryKeyConstraintName` of a primary column. */
  pkName?: string;
  origin: Origin;
}

type RelationKind = 'many-to-one' | 'one-to-one' | 'many-to-many';

interface JoinColumnArg {
  name?: Value;
  referencedColumnName?: string;
  foreignKeyConstraintName?: Value;
}

interface Relation {
  kind: RelationKind;
  property: string;
  file: EntityFile;
  member: Member;
  decorator: Decorator;
  target?: FoundClass;
  targetSpan?: Span;
  /** The inverse side's property (from `(c) => c.orders` or `'orders'`). */
  inverse?: string;
  nullable: boolean;
  primary: boolean;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  deferrable?: string;
  foreignKeys: boolean;
  /** `@JoinColumn(...)`: undefined when there is none. */
  joinColumns?: JoinColumnArg[];
  joinTable?: { decorator: Decorator; options?: Extract<Value, { kind: 'object' }> };
}

/** An `@Index`, `@Unique` or `@Check`: a decorator and the properties it names. */
interface KeyDecl {
  file: EntityFile;
  decorator: Decorator;
  name?: Extract<Value, { kind: 'string' }>;
  /** Property paths, with the span of each. */
  fields: { path: string; span: Span }[];
  fieldsSpan?: Span;
  options?: Extract<Value, { kind: 'object' }>;
  expression?: Extract<Value, { kind: 'string' }>;
}

interface Entity {
  cls: FoundClass;
  kind: 'table' | 'child' | 'view';
  decorator: Decorator;
  /** The table's own entity (itself, or for a single-table child the entity it extends). */
  root: Entity;
  table: QName;
  /** The table name TypeORM hashes key names from. */
  tableName: string;
  nameSpan: Span;
  /** A schema was given (key names then hash what we cannot be sure of: left to the model). */
  schemaGiven: boolean;
  engine?: string;
  withoutRowid?: boolean;
  materialized?: boolean;
  /** Regular and embedded columns by property path, in declaration order (a subclass's redeclaration replaces). */
  columns: Map<string, Col>;
  relations: Map<string, Relation>;
  indexes: KeyDecl[];
  uniques: KeyDecl[];
  checks: KeyDecl[];
  /** Single-table inheritance: the discriminator column and its `@TableInheritance` decorator. */
  discriminator?: { col: Col; file: EntityFile; decorator: Decorator };
  /** Relation join columns, once pass 2 has built them. */
  joins: Col[];
}

const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn']);
const RELATION_DECORATORS: Record<string, RelationKind> = { ManyToOne: 'many-to-one', OneToOne: 'one-to-one', ManyToMany: 'many-to-many', TreeParent: 'many-to-one' };
const ACTIONS: Record<string, ReferentialAction> = { CASCADE: 'cascade', RESTRICT: 'restrict', 'SET NULL': 'set null', 'SET DEFAULT': 'set default', 'NO ACTION': 'no action' };
const CONSTRUCTORS = new Set(['String', 'Number', 'Boolean', 'Date', 'Buffer', 'Object', 'Array']);
/** How deep embedded classes may nest and import chains may go before we stop following them. */
const MAX_DEPTH = 8;

/** Lowers a project's entity files. Never throws: an entity that cannot be read costs only itself. */
export function lowerTypeorm(files: EntityFile[], options: TypeormOptions): TypeormResult {
  return new Lowering(files, options.dialect, options.naming ?? 'default').run();
}

class Lowering {
  private readonly byPath = new Map<string, EntityFile>();
  private readonly classesByName = new Map<string, FoundClass[]>();
  private readonly enumsByName = new Map<string, Found<EnumDecl>[]>();
  private readonly entities = new Map<ClassDecl, Entity>();

  constructor(
    private readonly files: EntityFile[],
    private readonly dialect: Dialect,
    private readonly naming: Naming,
  ) {
    for (const f of files) {
      this.byPath.set(normPath(f.path), f);
      for (const c of f.classes) push(this.classesByName, c.name, { file: f, decl: c });
      for (const e of f.enums) push(this.enumsByName, e.name, { file: f, decl: e });
    }
  }

  run(): TypeormResult {
    // Pass 1: every entity's table and own columns; pass 2: relations, which need the referenced primary keys.
    for (const f of this.files) {
      for (const c of f.classes) {
        try {
          this.entity({ file: f, decl: c });
        } catch {
          // An entity we cannot read costs only itself.
        }
      }
    }
    for (const e of this.entities.values()) {
      try {
        this.joinColumns(e);
      } catch {
        e.joins = [];
      }
    }
    const out: TypeormResult['files'] = [];
    for (const f of this.files) {
      const statements: ParsedStatement[] = [];
      for (const c of f.classes) {
        const e = this.entities.get(c);
        if (!e) continue;
        let facts: Fact[];
        try {
          facts = this.facts(e);
        } catch {
          continue;
        }
        statements.push({
          span: c.span,
          facts,
          status: 'parsed',
          parser: 'typeorm',
          file: f.path,
          text: f.text.slice(c.span.start, c.span.end),
          leadingComments: [],
          spans: [],
        });
      }
      // Files without an entity too (a base class, an embedded type): the findings on their columns are theirs.
      out.push({ path: f.path, text: f.text, statements, comments: f.comments });
    }
    return { files: out };
  }

  // -------------------------------------------------------------------------------------------------------
  // Name resolution: by relative import path (through re-exports), else a class of that name declared once.

  private module(from: EntityFile, specifier: string): EntityFile | undefined {
    if (!specifier.startsWith('.')) return undefined;
    const base = joinPath(dirName(normPath(from.path)), specifier);
    const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
    for (const p of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, `${stem}/index.ts`, `${stem}/index.tsx`, `${stem}/index.js`]) {
      const f = this.byPath.get(p);
      if (f) return f;
    }
    return undefined;
  }

  /** The class or enum `file` exports as `name`. */
  private exported<T extends ClassDecl | EnumDecl>(file: EntityFile, name: string, kind: 'class' | 'enum', depth = 0): Found<T> | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (name === 'default') {
      const c = kind === 'class' ? file.classes.find((x) => x.exportedDefault) : undefined;
      return c ? ({ file, decl: c } as Found<T>) : undefined;
    }
    const local = file.localExports.get(name);
    const own = this.local<T>(file, local ?? name, kind);
    if (own && (local || own.decl.exported)) return own;
    if (local && file.imports.has(local)) {
      const b = file.imports.get(local)!;
      const target = this.module(file, b.from);
      const hit = target && this.exported<T>(target, b.imported, kind, depth + 1);
      if (hit) return hit;
    }
    for (const re of file.reExports) {
      const inner = re.names ? re.names.get(name) : name;
      if (inner === undefined) continue;
      const target = this.module(file, re.from);
      const hit = target && this.exported<T>(target, inner, kind, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }

  private local<T extends ClassDecl | EnumDecl>(file: EntityFile, name: string, kind: 'class' | 'enum'): Found<T> | undefined {
    const d = kind === 'class' ? file.classes.find((c) => c.name === name) : file.enums.find((e) => e.name === name);
    return d ? ({ file, decl: d } as Found<T>) : undefined;
  }

  /** What `path` (`Customer`, `entities.Customer`; `from`: in that module) names in `file`. */
  private resolve<T extends ClassDecl | EnumDecl>(file: EntityFile, path: string[], kind: 'class' | 'enum', from?: string): Found<T> | undefined {
    let global = path[path.length - 1];
    if (from !== undefined) {
      const target = this.module(file, from);
      const hit = target && this.exported<T>(target, path[0], kind);
      if (hit) return hit;
    } else if (path.length === 1) {
      const own = this.local<T>(file, path[0], kind);
      if (own) return own;
      const b = file.imports.get(path[0]);
      if (b && b.imported !== '*') {
        const target = this.module(file, b.from);
        const hit = target && this.exported<T>(target, b.imported, kind);
        if (hit) return hit;
        if (b.imported !== 'default') global = b.imported;
      }
    } else if (path.length === 2) {
      const b = file.imports.get(path[0]);
      const target = b && b.imported === '*' ? this.module(file, b.from) : undefined;
      const hit = target && this.exported<T>(target, path[1], kind);
      if (hit) return hit;
    }
    const all = (kind === 'class' ? this.classesByName.get(global) : this.enumsByName.get(global)) as Found<T>[] | undefined;
    return all && all.length === 1 ? all[0] : undefined;
  }

  /** Does the class extend, through its bases, a class we cannot read (not TypeORM's own `BaseEntity`)? */
  private unknownBase(cls: FoundClass): boolean {
    const root = this.chain(cls)[0];
    const ext = root.decl.extends;
    if (!ext) return false;
    const from = root.file.imports.get(ext[0])?.from;
    return from !== 'typeorm';
  }

  /** The class and its bases, the root first (a base we cannot find ends the chain). */
  private chain(cls: FoundClass): FoundClass[] {
    const out: FoundClass[] = [cls];
    const seen = new Set<ClassDecl>([cls.decl]);
    for (let c = cls; c.decl.extends && out.length <= MAX_DEPTH * 4; ) {
      const base = this.resolve<ClassDecl>(c.file, c.decl.extends, 'class');
      if (!base || seen.has(base.decl)) break;
      seen.add(base.decl);
      out.unshift(base);
      c = base;
    }
    return out;
  }

  private enumValues(file: EntityFile, v: Value | undefined): string[] | undefined {
    if (!v) return undefined;
    if (v.kind === 'array') {
      const vals = v.items.map((i) => (i.kind === 'string' ? i.value : i.kind === 'number' ? String(i.value) : i.kind === 'ref' ? this.enumMember(file, i.path) : undefined));
      return vals.every((x) => x !== undefined) ? (vals as string[]) : undefined;
    }
    if (v.kind === 'ref') return this.resolve<EnumDecl>(file, v.path, 'enum')?.decl.members?.map((m) => String(m.value));
    if (v.kind === 'object') {
      const vals = v.props.map((p) => (p.value.kind === 'string' ? p.value.value : p.value.kind === 'number' ? String(p.value.value) : undefined));
      return vals.every((x) => x !== undefined) ? (vals as string[]) : undefined;
    }
    return undefined;
  }

  /** `Status.Active` → its value. */
  private enumMember(file: EntityFile, path: string[]): string | undefined {
    const v = this.enumMemberValue(file, path);
    return v === undefined ? undefined : String(v);
  }

  private enumMemberValue(file: EntityFile, path: string[]): string | number | undefined {
    if (path.length < 2) return undefined;
    const e = this.resolve<EnumDecl>(file, path.slice(0, -1), 'enum');
    return e?.decl.members?.find((m) => m.name === path[path.length - 1])?.value;
  }

  /** The design:type of a property: an enum is a String or a Number; any other named type an Object. */
  private reflected(file: EntityFile, r: Reflected): OrmType {
    if (typeof r === 'string') return r;
    const e = this.resolve<EnumDecl>(file, [r.ref], 'enum') ?? (r.qualifier ? this.resolve<EnumDecl>(file, [r.qualifier], 'enum') : undefined);
    const kinds = new Set(e?.decl.members?.map((m) => typeof m.value));
    return kinds.size !== 1 ? 'Object' : kinds.has('string') ? 'String' : 'Number';
  }

  // -------------------------------------------------------------------------------------------------------
  // Pass 1: entities, their tables and columns.

  private entity(cls: FoundClass): Entity | undefined {
    const known = this.entities.get(cls.decl);
    if (known) return known;
    const dec = cls.decl.decorators.find((d) => d.typeorm && (d.name === 'Entity' || d.name === 'ViewEntity' || d.name === 'ChildEntity'));
    if (!dec) return undefined;
    const chain = this.chain(cls);
    let e: Entity;
    if (dec.name === 'ChildEntity') {
      // Single-table inheritance: the columns go to the table of the nearest entity it extends; those of the
      // classes up to that entity are already there.
      let at = chain.length - 2;
      while (at >= 0 && !chain[at].decl.decorators.some((d) => d.typeorm && (d.name === 'Entity' || d.name === 'ChildEntity'))) at--;
      const parent = at >= 0 ? this.entity(chain[at]) : undefined;
      if (!parent || parent.kind === 'view') return undefined;
      const root = parent.root;
      e = this.blank(cls, 'child', dec, root.table, root.tableName, cls.decl.nameSpan, root.schemaGiven, root);
      this.entities.set(cls.decl, e);
      this.members(e, chain.slice(at + 1));
      return e;
    }
    const { name, nameSpan, options } = entityName(dec);
    const tableName = name ?? defaultTableName(cls.decl.name);
    const schema = stringProp(options, 'schema') ?? (this.dialect === 'mysql' ? stringProp(options, 'database') : undefined);
    const table: QName = schema && !(this.dialect === 'postgresql' && schema === 'public') ? { schema, name: tableName } : { name: tableName };
    e = this.blank(cls, dec.name === 'ViewEntity' ? 'view' : 'table', dec, table, tableName, nameSpan ?? cls.decl.nameSpan, !!schema);
    if (e.kind === 'view') {
      e.materialized = boolProp(options, 'materialized');
      this.entities.set(cls.decl, e);
      return e;
    }
    const engine = stringProp(options, 'engine');
    if (this.dialect === 'mysql') e.engine = engine ?? 'InnoDB';
    if (this.dialect === 'sqlite' && boolProp(options, 'withoutRowid')) e.withoutRowid = true;
    this.entities.set(cls.decl, e);
    this.members(e, chain);
    const inh = chain.map((c) => ({ c, d: c.decl.decorators.find((d) => d.typeorm && d.name === 'TableInheritance') })).find((x) => x.d);
    if (inh) this.discriminator(e, inh.c.file, inh.d!);
    return e;
  }

  private blank(cls: FoundClass, kind: Entity['kind'], decorator: Decorator, table: QName, tableName: string, nameSpan: Span, schemaGiven: boolean, root?: Entity): Entity {
    const e: Omit<Entity, 'root'> & { root?: Entity } = { cls, kind, decorator, root, table, tableName, nameSpan, schemaGiven, columns: new Map(), relations: new Map(), indexes: [], uniques: [], checks: [], joins: [] };
    e.root ??= e as Entity;
    return e as Entity;
  }

  /** Columns, relations, indexes, uniques and checks declared in `classes` (root first). */
  private members(e: Entity, classes: FoundClass[]): void {
    for (const c of classes) {
      for (const d of c.decl.decorators) {
        if (!d.typeorm) continue;
        if (d.name === 'Index') pushKey(e.indexes, classKey(c.file, d, 'index'));
        else if (d.name === 'Unique') pushKey(e.uniques, classKey(c.file, d, 'unique'));
        else if (d.name === 'Check') pushKey(e.checks, classKey(c.file, d, 'check'));
      }
      for (const m of c.decl.members) this.member(e, c.file, m, [], '', 0);
    }
  }

  /** One property: a column, an embedded class, a relation; and the `@Index` / `@Unique` on it. */
  private member(e: Entity, file: EntityFile, m: Member, prefixes: string[], pathPrefix: string, depth: number): void {
    const decs = m.decorators.filter((d) => d.typeorm);
    const path = pathPrefix + m.name;
    // Decorators run bottom-up and TypeORM keeps a property's first column: of two, the one nearest the property.
    // A project's own decorator named `Primary…` (vendure's `@PrimaryGeneratedId()`) wraps a TypeORM primary column
    // whose type it decides at run time: a primary key of unknown type, rather than a table without one.
    const customPrimary = m.decorators.find((d) => !d.typeorm && /^Primary[A-Z]/.test(d.name));
    const colDec =
      [...decs].reverse().find((d) => COLUMN_DECORATORS.has(d.name)) ?? (customPrimary ? { ...customPrimary, name: 'PrimaryColumn', args: [] } : undefined);
    const relDec = decs.find((d) => RELATION_DECORATORS[d.name] !== undefined);
    if (colDec && colDec.name === 'Column' && colDec.args[0]?.kind === 'arrow') {
      if (depth < MAX_DEPTH) this.embedded(e, file, m, colDec, prefixes, path, depth);
      return;
    }
    // A subclass that redeclares an inherited property replaces it, as a column or as a relation.
    if (colDec) {
      e.columns.set(path, this.column(file, m, colDec, decs, prefixes, path));
      if (!relDec) e.relations.delete(path);
    }
    if (relDec && !pathPrefix) {
      e.relations.set(path, this.relation(e, file, m, relDec, decs));
      if (!colDec) e.columns.delete(path);
    }
    for (const d of decs) {
      if (d.name === 'Index') e.indexes.push(propertyKey(file, d, m, path));
      else if (d.name === 'Unique') e.uniques.push(propertyKey(file, d, m, path));
    }
  }

  private embedded(e: Entity, file: EntityFile, m: Member, dec: Decorator, prefixes: string[], path: string, depth: number): void {
    const fn = dec.args[0] as Extract<Value, { kind: 'arrow' }>;
    const target = fn.body.kind === 'ref' ? this.resolve<ClassDecl>(file, fn.body.path, 'class', fn.body.from) : undefined;
    if (!target) return;
    const prefixOpt = prop(objectArg(dec.args[1]), 'prefix')?.value;
    const own = prefixOpt?.kind === 'string' ? prefixOpt.value : prefixOpt?.kind === 'boolean' && !prefixOpt.value ? '' : m.name;
    const next = own ? [...prefixes, own] : prefixes;
    for (const c of this.chain(target)) for (const sub of c.decl.members) this.member(e, c.file, sub, next, `${path}.`, depth + 1);
  }

  private column(file: EntityFile, m: Member, dec: Decorator, decs: Decorator[], prefixes: string[], path: string): Col {
    const d = this.dialect;
    let typeArg: Value | undefined;
    let options: Extract<Value, { kind: 'object' }> | undefined;
    let strategy: string | undefined;
    const [a0, a1] = dec.args;
    if (dec.name === 'PrimaryGeneratedColumn') {
      if (a0?.kind === 'string') {
        strategy = a0.value;
        options = objectArg(a1);
      } else {
        options = objectArg(a0);
      }
      strategy ??= 'increment';
    } else if (dec.name === 'Column' || dec.name === 'PrimaryColumn') {
      if (a0 && a0.kind !== 'object') {
        typeArg = a0;
        options = objectArg(a1);
      } else {
        options = objectArg(a0);
      }
    } else {
      options = objectArg(a0);
    }
    const opt = (k: string) => prop(options, k);
    const typeValue = opt('type')?.value ?? typeArg;
    const generatedOpt = opt('generated')?.value;
    const generatedDec = decs.find((x) => x.name === 'Generated');
    const generation = (strategy ??
      (generatedDec ? (generatedDec.args[0]?.kind === 'string' ? generatedDec.args[0].value : 'increment') : undefined) ??
      (generatedOpt?.kind === 'string' ? generatedOpt.value : generatedOpt?.kind === 'boolean' && generatedOpt.value ? 'increment' : undefined)) as Col['generation'];

    let type: OrmType | undefined = typeValue ? ormType(typeValue) : undefined;
    if (generation === 'uuid') type = 'uuid';
    else if (generation === 'rowid') type = 'int';
    else if (!type && !typeValue) {
      if (generation) type = 'Number';
      else if (dec.name === 'CreateDateColumn' || dec.name === 'UpdateDateColumn' || dec.name === 'DeleteDateColumn') type = dateColumnType(d);
      else if (dec.name === 'VersionColumn') type = versionColumnType(d);
      else if (m.type) type = this.reflected(file, m.type.reflected);
    }
    const dbType = type !== undefined ? driverType(type, d) : undefined;

    const name = columnName(this.naming, m.name, stringProp(options, 'name'), prefixes);
    const parts: NonNullable<Origin['parts']> = { name: m.nameSpan, decorator: dec.span };
    const typeSpan = typeValue?.span ?? m.type?.span;
    if (typeSpan) parts.type = typeSpan;
    const col: Col = { property: path, name, nullable: false, primary: dec.name === 'PrimaryColumn' || dec.name === 'PrimaryGeneratedColumn', origin: { file: file.path, span: m.span, parts } };
    if (dbType) {
      const shape: TypeShape = { type: dbType };
      const length = opt('length')?.value;
      if (length?.kind === 'number' || length?.kind === 'string') shape.length = String(length.value);
      const width = numberProp(options, 'width');
      if (width !== undefined) shape.width = width;
      const precision = opt('precision')?.value;
      if (precision?.kind === 'number') shape.precision = precision.value;
      else if (d === 'mysql' && precision?.kind !== 'null' && /^(?:CreateDate|UpdateDate|DeleteDate)Column$/.test(dec.name)) shape.precision = MYSQL_DATE_PRECISION;
      const scale = numberProp(options, 'scale');
      if (scale !== undefined) shape.scale = scale;
      if (boolProp(options, 'unsigned')) shape.unsigned = true;
      if (boolProp(options, 'zerofill')) shape.zerofill = true;
      if (boolProp(options, 'array')) shape.array = true;
      if (type === 'uuid') shape.uuid = true;
      const feature = stringProp(options, 'spatialFeatureType');
      if (feature) shape.spatialFeatureType = feature;
      const srid = numberProp(options, 'srid');
      if (srid !== undefined) shape.srid = srid;
      col.shape = shape;
      if (dbType === 'enum' || dbType === 'set') {
        col.enumValues = this.enumValues(file, opt('enum')?.value);
        col.enumName = stringProp(options, 'enumName');
      }
    }
    const nullable = opt('nullable');
    if (nullable?.value.kind === 'boolean') {
      col.nullable = nullable.value.value;
      parts.nullability = nullable.span;
    }
    if (dec.name === 'DeleteDateColumn' && !nullable) col.nullable = true;
    if (boolProp(options, 'primary')) col.primary = true;
    if (generation) col.generation = generation;
    const unique = opt('unique');
    if (unique?.value.kind === 'boolean' && unique.value.value) col.unique = { span: unique.span };
    const def = opt('default');
    if (def) {
      const sql = this.defaultSql(file, def.value, col);
      if (sql !== undefined) {
        col.default = sql;
        parts.default = def.value.span;
      }
    } else if (dec.name === 'CreateDateColumn' || dec.name === 'UpdateDateColumn') {
      col.default = nowDefault(d);
    } else if (generation === 'uuid' && d === 'postgresql') {
      col.default = 'uuid_generate_v4()';
    }
    const asExpression = stringProp(options, 'asExpression');
    if (asExpression !== undefined) col.generated = { expression: asExpression, stored: stringProp(options, 'generatedType')?.toUpperCase() === 'STORED' };
    for (const k of ['charset', 'collation'] as const) {
      const v = opt(k);
      if (v?.value.kind === 'string') {
        col[k] = v.value.value;
        parts[k] = v.value.span;
      }
    }
    const comment = stringProp(options, 'comment');
    if (comment !== undefined) col.comment = comment;
    const pkName = stringProp(options, 'primaryKeyConstraintName');
    if (pkName !== undefined) col.pkName = pkName;
    return col;
  }

  /** The SQL of a `default` option as the driver writes it; undefined for what is not a literal. */
  private defaultSql(file: EntityFile, v: Value, col: Col): string | undefined {
    const enumLike = col.shape?.type === 'enum';
    const lit = (x: string | number | boolean): string => {
      if (typeof x === 'boolean') return this.dialect === 'postgresql' ? String(x) : x ? '1' : '0';
      if (typeof x === 'number' && !enumLike) return String(x);
      return quoteLiteral(String(x));
    };
    switch (v.kind) {
      case 'string':
      case 'number':
      case 'boolean':
        return lit(v.value);
      case 'arrow':
        return v.body.kind === 'string' ? v.body.value : undefined;
      case 'ref': {
        const x = this.enumMemberValue(file, v.path);
        return x === undefined ? undefined : lit(x);
      }
      case 'array':
      case 'object': {
        const json = staticJson(v);
        return json === undefined ? undefined : quoteLiteral(JSON.stringify(json));
      }
    }
    return undefined;
  }

  private relation(e: Entity, file: EntityFile, m: Member, dec: Decorator, decs: Decorator[]): Relation {
    const kind = RELATION_DECORATORS[dec.name];
    const [a0, a1, a2] = dec.args;
    let target: FoundClass | undefined;
    let targetSpan: Span | undefined;
    let inverse: string | undefined;
    let options: Extract<Value, { kind: 'object' }> | undefined;
    if (dec.name === 'TreeParent') {
      target = e.cls;
      options = objectArg(a0);
    } else {
      const t = a0?.kind === 'arrow' ? a0.body : a0;
      if (t?.kind === 'ref') target = this.resolve<ClassDecl>(file, t.path, 'class', t.from);
      else if (t?.kind === 'string') target = this.byName(t.value);
      targetSpan = t?.span;
      if (a1?.kind === 'object') {
        options = a1;
      } else {
        options = objectArg(a2);
        const inv = a1?.kind === 'arrow' ? a1.body : a1;
        if (inv?.kind === 'ref' && inv.path.length >= 2) inverse = inv.path.slice(1).join('.');
        else if (inv?.kind === 'string') inverse = inv.value;
      }
    }
    const rel: Relation = {
      kind,
      property: m.name,
      file,
      member: m,
      decorator: dec,
      target,
      targetSpan,
      inverse,
      nullable: boolProp(options, 'nullable') ?? true,
      primary: !!boolProp(options, 'primary'),
      onDelete: action(stringProp(options, 'onDelete')),
      onUpdate: action(stringProp(options, 'onUpdate')),
      deferrable: stringProp(options, 'deferrable'),
      foreignKeys: boolProp(options, 'createForeignKeyConstraints') !== false,
    };
    const jc = decs.find((d) => d.name === 'JoinColumn');
    if (jc) rel.joinColumns = joinColumnArgs(jc.args[0]);
    const jt = decs.find((d) => d.name === 'JoinTable');
    if (jt) rel.joinTable = { decorator: jt, options: objectArg(jt.args[0]) };
    return rel;
  }

  /** An entity class named `name` (a string relation target): the class of that name, if declared once. */
  private byName(name: string): FoundClass | undefined {
    const all = this.classesByName.get(name);
    return all && all.length === 1 ? all[0] : undefined;
  }

  private discriminator(e: Entity, file: EntityFile, dec: Decorator): void {
    const o = objectArg(dec.args[0]);
    const c = prop(o, 'column')?.value;
    const opts = c?.kind === 'object' ? c : undefined;
    const name = c?.kind === 'string' ? c.value : (stringProp(opts, 'name') ?? 'type');
    const type = driverType(stringProp(opts, 'type')?.toLowerCase() ?? 'varchar', this.dialect);
    const length = prop(opts, 'length')?.value;
    const shape: TypeShape | undefined = type ? { type } : undefined;
    if (shape && (length?.kind === 'number' || length?.kind === 'string')) shape.length = String(length.value);
    e.discriminator = {
      file,
      decorator: dec,
      col: { property: name, name, shape, nullable: false, primary: false, origin: { file: file.path, span: dec.span, parts: { name: dec.span, decorator: dec.span } } },
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Pass 2: join columns (typed like the primary key they reference).

  private joinColumns(e: Entity): void {
    if (e.kind === 'view') return;
    for (const rel of e.relations.values()) {
      if (!this.owns(rel)) continue;
      const target = rel.target && this.entities.get(rel.target.decl);
      for (const j of this.joinSpecs(e, rel, target)) {
        const ref = j.ref;
        const declared = this.columnNamed(e, j.name);
        if (declared) {
          // A join column the entity also declares with @Column: TypeORM gives it the referenced column's type
          // ("types of relational column and join column must be equal", RelationJoinColumnBuilder).
          if (ref?.shape) copyType(ref, declared);
          continue;
        }
        const col: Col = {
          property: rel.property,
          name: j.name,
          nullable: rel.primary ? false : rel.nullable,
          primary: rel.primary,
          origin: { file: rel.file.path, span: rel.member.span, parts: { name: rel.member.nameSpan, decorator: rel.decorator.span } },
        };
        if (ref) copyType(ref, col);
        e.joins.push(col);
      }
    }
  }

  /** A relation with join columns on this side: many-to-one, and one-to-one with `@JoinColumn`. */
  private owns(rel: Relation): boolean {
    return rel.kind === 'many-to-one' || (rel.kind === 'one-to-one' && !!rel.joinColumns);
  }

  /** The join columns of a relation: their names and the columns they reference. */
  private joinSpecs(e: Entity, rel: Relation, target: Entity | undefined): { name: string; nameSpan?: Span; ref?: Col; refName: string }[] {
    const args = rel.joinColumns ?? [];
    return this.referenced(target?.root, args).map((r) => {
      const written = namedArg(args, r.property)?.name as Extract<Value, { kind: 'string' }> | undefined;
      return {
        name: written ? written.value : joinColumnName(this.naming, rel.property, r.property),
        nameSpan: written?.span,
        ref: r.col,
        refName: r.name,
      };
    });
  }

  /**
   * The columns one side of a relation references: those its join columns name (`referencedColumnName`, a
   * property), else the primary key; `id`, of unknown type, for an entity whose key we cannot read (a custom
   * decorator): TypeORM refuses an entity without one.
   */
  private referenced(ent: Entity | undefined, args: JoinColumnArg[]): { property: string; name: string; col?: Col }[] {
    const explicit = args.filter((a) => a.referencedColumnName);
    if (explicit.length) {
      return explicit.map((a) => {
        const col = ent && this.columnByProperty(ent, a.referencedColumnName!);
        return { property: a.referencedColumnName!, name: col?.name ?? a.referencedColumnName!, col };
      });
    }
    const pk = ent ? this.primaryColumns(ent) : [];
    return pk.length ? pk.map((col) => ({ property: col.property, name: col.name, col })) : [{ property: 'id', name: 'id' }];
  }

  private primaryColumns(e: Entity): Col[] {
    return [...e.columns.values()].filter((c) => c.primary);
  }

  private columnByProperty(e: Entity, property: string): Col | undefined {
    return e.columns.get(property);
  }

  private columnNamed(e: Entity, name: string): Col | undefined {
    const all = [...this.allColumns(e.root), ...(e.kind === 'child' ? this.allColumns(e) : [])];
    return all.find((c) => c.name === name);
  }

  private allColumns(e: Entity): Col[] {
    return [...e.columns.values(), ...(e.discriminator ? [e.discriminator.col] : []), ...e.joins];
  }

  // -------------------------------------------------------------------------------------------------------
  // Facts.

  private facts(e: Entity): Fact[] {
    const file = e.cls.file;
    if (e.kind === 'view') {
      const fact: Fact = { kind: 'createView', name: e.table, span: e.cls.decl.span, nameSpan: e.nameSpan };
      if (e.materialized) fact.materialized = true;
      return [fact];
    }
    const table = e.root;
    const cols = this.allColumns(e);
    const facts: Fact[] = [];
    const columns = cols.map((c) => this.columnDef(c, table));
    for (const c of cols) {
      this.pushEnum(facts, c, table, e.cls.decl.span);
    }
    const constraints: ConstraintDef[] = [];
    const pk = this.primaryKey(table, cols);
    if (pk) constraints.push(pk);
    for (const c of cols) if (c.unique) constraints.push(this.columnUnique(table, c));
    for (const u of e.uniques) {
      const def = this.unique(e, u);
      if (def) constraints.push(def);
    }
    for (const k of e.checks) {
      const def = this.check(table, k);
      if (def) constraints.push(def);
    }
    const junctions: { def: TableDef; cols: Col[]; table: Entity; span: Span }[] = [];
    for (const rel of e.relations.values()) {
      if (this.owns(rel)) constraints.push(...this.relationKeys(e, rel));
      else if (rel.kind === 'many-to-many' && rel.joinTable) {
        const j = this.junction(e, rel);
        // The fact's span lies in this file: an inherited relation's is its class's.
        if (j) junctions.push({ ...j, span: rel.file === file ? rel.member.span : e.cls.decl.span });
      }
    }
    const indexes: IndexDef[] = [];
    for (const k of e.indexes) {
      const ix = this.index(e, k);
      if (ix) indexes.push(ix);
    }
    if (e.kind === 'table' && e.discriminator) {
      const d = e.discriminator;
      indexes.push(this.indexDef(table, [{ column: d.col.name, span: d.decorator.span }], false, { file: d.file.path, span: d.decorator.span, parts: { decorator: d.decorator.span } }));
    }
    if (e.kind === 'table') {
      const def: TableDef = {
        name: e.table,
        columns,
        constraints,
        indexes,
        origin: { file: file.path, span: e.cls.decl.span, parts: { name: e.nameSpan, decorator: e.decorator.span } },
      };
      if (e.engine) def.engine = e.engine;
      if (e.withoutRowid) def.withoutRowid = true;
      // A class still being typed, or one whose base class is outside the files read (vendure's
      // `AdjustmentSource`): its table may have more columns and keys than we see.
      if (e.cls.decl.unclosed || this.unknownBase(e.cls)) def.unclosed = true;
      facts.push({ kind: 'createTable', table: def, span: e.cls.decl.span });
    } else {
      // A single-table child adds its columns and keys to its parent's table; a key written on one of the added
      // columns comes with it.
      const adds = columns.map((column) => ({ action: 'addColumn' as const, column, constraints: [] as ConstraintDef[] }));
      const actions: Extract<Fact, { kind: 'alterTable' }>['actions'] = [...adds];
      for (const c of constraints) {
        const add = c.inline ? adds.find((a) => a.column.name === c.columns[0]) : undefined;
        if (add) add.constraints.push(c);
        else actions.push({ action: 'addConstraint', constraint: c });
      }
      for (const index of indexes) actions.push({ action: 'addIndex', index });
      if (actions.length) facts.push({ kind: 'alterTable', table: e.table, actions, span: e.cls.decl.span, nameSpan: e.cls.decl.nameSpan });
    }
    for (const j of junctions) {
      for (const c of j.cols) {
        this.pushEnum(facts, c, j.table, j.span);
      }
      facts.push({ kind: 'createTable', table: j.def, span: j.span });
    }
    return facts;
  }

  private columnDef(c: Col, table: Entity): ColumnDef {
    const d = this.dialect;
    let raw = '';
    let autoIncrement: ColumnDef['autoIncrement'];
    if (c.shape) {
      if (c.generation === 'increment' && d === 'postgresql' && PG_SERIAL[c.shape.type] && !c.shape.array) {
        raw = PG_SERIAL[c.shape.type];
        autoIncrement = 'serial';
      } else {
        raw = fullType(c.shape, d, this.enumType(c, table));
        if (c.generation === 'increment') autoIncrement = d === 'mysql' ? 'auto_increment' : d === 'sqlite' ? 'autoincrement' : undefined;
        else if (c.generation === 'identity' && d === 'postgresql') autoIncrement = 'identity';
      }
    }
    const def: ColumnDef = {
      name: c.name,
      rawType: raw,
      type: normalizeType(raw, d),
      nullable: c.primary || autoIncrement ? false : c.nullable,
      origin: c.origin,
    };
    if (c.default !== undefined) def.default = c.default;
    if (c.generated) def.generated = c.generated;
    if (autoIncrement) def.autoIncrement = autoIncrement;
    if (c.charset) def.charset = c.charset;
    if (c.collation) def.collation = c.collation;
    if (c.comment !== undefined) def.comment = c.comment;
    return def;
  }

  /** PG: the enum type's name (`<table>_<column>_enum` unless `enumName`); MySQL: `enum('a','b')`. */
  private enumType(c: Col, table: Entity): string | undefined {
    if (this.dialect === 'mysql') {
      return c.enumValues ? `${c.shape!.type}(${c.enumValues.map(quoteLiteral).join(',')})` : undefined;
    }
    if (this.dialect !== 'postgresql') return undefined;
    const name = this.enumName(c, table);
    const quote = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
    return (name.schema ? quote(name.schema) + '.' : '') + quote(name.name);
  }

  private enumName(c: Col, table: Entity): QName {
    const name = c.enumName ?? `${table.tableName}_${c.name.toLowerCase()}_enum`;
    return table.table.schema ? { schema: table.table.schema, name } : { name };
  }

  /** PG: the `CREATE TYPE … AS ENUM` of an enum column (once per type name). */
  private pushEnum(facts: Fact[], c: Col, table: Entity, span: Span): void {
    if (this.dialect !== 'postgresql' || c.shape?.type !== 'enum' || !c.enumValues) return;
    const name = this.enumName(c, table);
    if (facts.some((f) => f.kind === 'createEnum' && f.name.name === name.name && f.name.schema === name.schema)) return;
    facts.push({ kind: 'createEnum', name, values: c.enumValues, span, nameSpan: c.origin.parts?.type ?? c.origin.span });
  }

  /** The primary key over every primary column. */
  private primaryKey(table: Entity, cols: Col[]): ConstraintDef | undefined {
    const pk = cols.filter((c) => c.primary);
    if (!pk.length) return undefined;
    const names = pk.map((c) => c.name);
    const first = pk[0];
    const def: ConstraintDef = {
      kind: 'primary',
      columns: names,
      columnSpans: sameFile(pk.map((c) => c.origin), first.origin.file) ? pk.map((c) => c.origin.parts!.name!) : [],
      origin: { file: first.origin.file, span: first.origin.span, parts: { columns: first.origin.parts!.name!, decorator: first.origin.parts!.decorator! } },
    };
    if (pk.length === 1) def.inline = true;
    const given = pk.find((c) => c.pkName)?.pkName;
    if (given) def.name = given;
    else if (this.dialect !== 'mysql' && !table.schemaGiven) Object.assign(def, { name: keyName.primary(table.tableName, names), generatedName: true });
    return def;
  }

  private columnUnique(table: Entity, c: Col): ConstraintDef {
    const parts: NonNullable<Origin['parts']> = { columns: c.origin.parts!.name! };
    if (c.unique!.span) parts.keyword = c.unique!.span;
    if (c.origin.parts?.decorator) parts.decorator = c.origin.parts.decorator;
    return { kind: 'unique', columns: [c.name], columnSpans: [c.origin.parts!.name!], inline: true, ...this.uniqueName(table, [c.name]), origin: { file: c.origin.file, span: c.origin.span, parts } };
  }

  /** TypeORM names an unnamed unique `UQ_…`; on MySQL it becomes a unique index, named `IDX_…`. */
  private uniqueName(table: Entity, columns: string[]): { name?: string; generatedName?: boolean } {
    return { name: this.dialect === 'mysql' ? keyName.index(table.tableName, columns) : keyName.unique(table.tableName, columns), generatedName: true };
  }

  private unique(e: Entity, k: KeyDecl): ConstraintDef | undefined {
    const cols = this.keyColumns(e, k);
    if (!cols) return undefined;
    const parts: NonNullable<Origin['parts']> = { decorator: k.decorator.span };
    if (k.fieldsSpan) parts.columns = k.fieldsSpan;
    if (k.name) parts.name = k.name.span;
    const def: ConstraintDef = {
      kind: 'unique',
      columns: cols.map((c) => c.column!),
      columnSpans: cols.map((c) => c.span),
      ...(k.name ? { name: k.name.value } : this.uniqueName(e.root, cols.map((c) => c.column!))),
      origin: { file: k.file.path, span: k.decorator.span, parts },
    };
    return def;
  }

  private check(table: Entity, k: KeyDecl): ConstraintDef | undefined {
    if (!k.expression) return undefined;
    const parts: NonNullable<Origin['parts']> = { decorator: k.decorator.span };
    if (k.name) parts.name = k.name.span;
    const expression = k.expression.value;
    const name = k.name ? { name: k.name.value } : { name: keyName.check(table.tableName, expression), generatedName: true };
    return { kind: 'check', columns: [], expression, ...name, origin: { file: k.file.path, span: k.decorator.span, parts } };
  }

  /** The foreign key of a relation's join columns, and for a one-to-one its unique constraint. */
  private relationKeys(e: Entity, rel: Relation): ConstraintDef[] {
    const target = rel.target && this.entities.get(rel.target.decl);
    if (!target || target.kind === 'view') return [];
    const specs = this.joinSpecs(e, rel, target);
    const table = e.root;
    const columns = specs.map((s) => s.name);
    const spans = specs.map((s) => s.nameSpan ?? rel.member.nameSpan);
    const parts: NonNullable<Origin['parts']> = { decorator: rel.decorator.span, columns: spans[0] };
    if (rel.targetSpan) parts.references = rel.targetSpan;
    const given = rel.joinColumns?.find((a) => a.foreignKeyConstraintName?.kind === 'string')?.foreignKeyConstraintName as Extract<Value, { kind: 'string' }> | undefined;
    if (given) parts.name = given.span;
    const origin: Origin = { file: rel.file.path, span: rel.member.span, parts };
    const fk: ConstraintDef = {
      kind: 'foreign',
      ...(given ? { name: given.value } : { name: keyName.foreign(table.tableName, columns), generatedName: true }),
      columns,
      columnSpans: spans,
      references: { table: target.root.table, columns: specs.map((s) => s.refName) },
      origin,
    };
    if (columns.length === 1) fk.inline = true;
    if (rel.onDelete) fk.references!.onDelete = rel.onDelete;
    if (rel.onUpdate) fk.references!.onUpdate = rel.onUpdate;
    if (rel.deferrable && /^INITIALLY (?:DEFERRED|IMMEDIATE)$/i.test(rel.deferrable)) {
      fk.deferrable = true;
      if (/DEFERRED/i.test(rel.deferrable)) fk.initiallyDeferred = true;
    }
    if (!rel.foreignKeys) return [{ ...fk, notEnforced: true }];
    const out = [fk];
    // PostgreSQL: a one-to-one whose join columns are the primary key needs no unique constraint of its own.
    const allPrimary = rel.primary || columns.every((n) => this.allColumns(table).some((c) => c.name === n && c.primary));
    if (rel.kind === 'one-to-one' && !(this.dialect === 'postgresql' && allPrimary)) {
      out.push({ kind: 'unique', name: keyName.relation(table.tableName, columns), generatedName: true, columns, columnSpans: spans, origin: { ...origin, parts: { ...parts } } });
    }
    return out;
  }

  /** `@ManyToMany` + `@JoinTable`: the join table, its composite key, a foreign key and an index on each side. */
  private junction(e: Entity, rel: Relation): { def: TableDef; cols: Col[]; table: Entity } | undefined {
    const target = rel.target && this.entities.get(rel.target.decl);
    if (!target || target.kind === 'view') return undefined;
    const owner = e.root;
    const other = target.root;
    const o = rel.joinTable!.options;
    const nameValue = prop(o, 'name')?.value;
    const name = nameValue?.kind === 'string' ? nameValue.value : joinTableName(owner.tableName, other.tableName, rel.property);
    const schema = stringProp(o, 'schema') ?? owner.table.schema;
    const file = rel.file.path;
    const span = rel.member.span;
    const side = (ent: Entity, single: string, plural: string) => {
      const args = [single, plural].flatMap((k) => (prop(o, k) ? joinColumnArgs(prop(o, k)!.value) : []));
      return this.referenced(ent, args).map((ref) => {
        const arg = namedArg(args, ref.property);
        const colName = arg?.name?.kind === 'string' ? arg.name.value : joinTableColumnName(this.naming, ent.tableName, ref.name);
        const fkName = arg?.foreignKeyConstraintName?.kind === 'string' ? arg.foreignKeyConstraintName.value : undefined;
        return { ref, name: colName, fkName };
      });
    };
    const mine = side(owner, 'joinColumn', 'joinColumns');
    const theirs = side(other, 'inverseJoinColumn', 'inverseJoinColumns');
    // A self-referencing join table would name both sides alike: TypeORM appends `_1` and `_2`. The FK of the
    // owner's side cascades unless the relation says otherwise; the other side's takes the inverse relation's
    // actions when there is one (none: NO ACTION), else cascades.
    for (const a of mine) {
      for (const b of theirs) {
        if (a.name === b.name) {
          a.name += '_1';
          b.name += '_2';
        }
      }
    }
    const parts = { name: nameValue?.span ?? rel.member.nameSpan, decorator: rel.joinTable!.decorator.span };
    const origin = (p: NonNullable<Origin['parts']> = parts): Origin => ({ file, span, parts: p });
    const junction = this.blank(e.cls, 'table', rel.joinTable!.decorator, schema ? { schema, name } : { name }, name, parts.name, !!schema);
    const cols = [...mine, ...theirs].map((x) => {
      const c: Col = { property: x.name, name: x.name, nullable: false, primary: true, origin: origin({ name: rel.member.nameSpan, decorator: rel.decorator.span }) };
      if (x.ref.col) copyType(x.ref.col, c);
      return c;
    });
    const columns = cols.map((c) => this.columnDef(c, junction));
    const names = columns.map((c) => c.name);
    const pk: ConstraintDef = { kind: 'primary', columns: names, columnSpans: [], origin: origin() };
    if (this.dialect !== 'mysql' && !schema) Object.assign(pk, { name: keyName.primary(name, names), generatedName: true });
    const fk = (sideCols: typeof mine, ref: Entity, onDelete: ReferentialAction | undefined, onUpdate: ReferentialAction | undefined): ConstraintDef => {
      const fkCols = sideCols.map((x) => x.name);
      const given = sideCols[0].fkName;
      const def: ConstraintDef = {
        kind: 'foreign',
        ...(given ? { name: given } : { name: keyName.foreign(name, fkCols), generatedName: true }),
        columns: fkCols,
        columnSpans: [],
        references: { table: ref.table, columns: sideCols.map((x) => x.ref.name) },
        origin: origin({ ...parts, decorator: rel.decorator.span, ...(rel.targetSpan ? { references: rel.targetSpan } : {}) }),
      };
      if (onDelete) def.references!.onDelete = onDelete;
      if (onUpdate) def.references!.onUpdate = onUpdate;
      return def;
    };
    const inverse = rel.inverse !== undefined ? target.relations.get(rel.inverse) : undefined;
    const constraints: ConstraintDef[] = [pk];
    if (rel.foreignKeys) {
      constraints.push(fk(mine, owner, rel.onDelete ?? 'cascade', rel.onUpdate ?? 'cascade'));
      constraints.push(fk(theirs, other, inverse ? inverse.onDelete : 'cascade', inverse ? inverse.onUpdate : 'cascade'));
    }
    const key = (cols: string[]) => cols.map((column) => ({ column, span: parts.name }));
    // TypeORM always creates these two; no option of @JoinTable leaves them out.
    const indexes = [mine, theirs].map((s) => ({ ...this.indexDef(junction, key(s.map((x) => x.name)), false, origin()), implicit: true }));
    const def: TableDef = { name: junction.table, columns, constraints, indexes, origin: origin() };
    if (this.dialect === 'mysql') def.engine = 'InnoDB';
    return { def, cols, table: junction };
  }

  private index(e: Entity, k: KeyDecl): IndexDef | undefined {
    const keys = this.keyColumns(e, k);
    if (!keys) return undefined;
    const o = k.options;
    const where = this.dialect === 'mysql' ? undefined : prop(o, 'where')?.value;
    const parts: NonNullable<Origin['parts']> = { decorator: k.decorator.span };
    if (k.fieldsSpan) parts.columns = k.fieldsSpan;
    if (k.name) parts.name = k.name.span;
    if (where?.kind === 'string') parts.predicate = where.span;
    const def = this.indexDef(e.root, keys, !!boolProp(o, 'unique'), { file: k.file.path, span: k.decorator.span, parts }, k.name?.value, where?.kind === 'string' ? where.value : undefined);
    // A spatial index is GiST on PostgreSQL; FULLTEXT exists on MySQL only (the other drivers ignore the option).
    const d = this.dialect;
    const method = boolProp(o, 'spatial') ? (d === 'postgresql' ? 'gist' : d === 'mysql' ? 'spatial' : undefined) : boolProp(o, 'fulltext') && d === 'mysql' ? 'fulltext' : undefined;
    if (method) def.method = method;
    return def;
  }

  private indexDef(table: Entity, keys: IndexKey[], unique: boolean, origin: Origin, name?: string, where?: string): IndexDef {
    const def: IndexDef = {
      ...(name ? { name } : { name: keyName.index(table.tableName, keys.map((x) => x.column!), where), generatedName: true }),
      table: table.table,
      keys,
      unique,
      origin,
    };
    if (where !== undefined) def.where = where;
    return def;
  }

  /** The columns an index or unique names (property paths; a relation names its join columns). */
  private keyColumns(e: Entity, k: KeyDecl): IndexKey[] | undefined {
    const out: IndexKey[] = [];
    for (const f of k.fields) {
      const cols = this.propertyColumns(e, f.path);
      for (const c of cols) out.push({ column: c, span: f.span });
    }
    return out.length ? out : undefined;
  }

  private propertyColumns(e: Entity, path: string): string[] {
    for (const ent of e.kind === 'child' ? [e, e.root] : [e]) {
      const col = ent.columns.get(path);
      if (col) return [col.name];
      const rel = ent.relations.get(path);
      if (rel && this.owns(rel)) {
        const target = rel.target && this.entities.get(rel.target.decl);
        return this.joinSpecs(ent, rel, target).map((s) => s.name);
      }
    }
    // A property we could not read (a custom decorator, an unresolved base class): its name under the strategy.
    return [columnName(this.naming, path, undefined, [])];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Decorator arguments.

function entityName(dec: Decorator): { name?: string; nameSpan?: Span; options?: Extract<Value, { kind: 'object' }> } {
  const [a0, a1] = dec.args;
  if (a0?.kind === 'string') return { name: a0.value, nameSpan: a0.span, options: objectArg(a1) };
  const options = objectArg(a0);
  const n = prop(options, 'name')?.value;
  return n?.kind === 'string' ? { name: n.value, nameSpan: n.span, options } : { options };
}

/** `@Index([...])`, `@Index('name', [...], { … })`, `@Index((e) => [e.a, e.b])`, `@Unique(...)`, `@Check('name', 'expr')` on a class. */
function classKey(file: EntityFile, dec: Decorator, what: 'index' | 'unique' | 'check'): KeyDecl | undefined {
  const k: KeyDecl = { file, decorator: dec, fields: [] };
  const args = [...dec.args];
  if (what === 'check') {
    const strings = args.filter((a): a is Extract<Value, { kind: 'string' }> => a.kind === 'string');
    if (strings.length >= 2) k.name = strings[0];
    k.expression = strings[strings.length - 1];
    return k.expression ? k : undefined;
  }
  if (args[0]?.kind === 'string') k.name = args.shift() as Extract<Value, { kind: 'string' }>;
  const fields = args[0];
  if (fields?.kind === 'array') {
    k.fieldsSpan = fields.span;
    for (const i of fields.items) if (i.kind === 'string') k.fields.push({ path: i.value.trim(), span: i.span });
    args.shift();
  } else if (fields?.kind === 'arrow' && fields.body.kind === 'array') {
    k.fieldsSpan = fields.body.span;
    const param = fields.params[0];
    for (const i of fields.body.items) if (i.kind === 'ref' && i.path[0] === param && i.path.length > 1) k.fields.push({ path: i.path.slice(1).join('.'), span: i.span });
    args.shift();
  }
  k.options = objectArg(args[0]);
  return k.fields.length ? k : undefined;
}

/** `@Index()`, `@Index('name', { unique })`, `@Unique()` on a property: the property's columns. */
function propertyKey(file: EntityFile, dec: Decorator, m: Member, path: string): KeyDecl {
  const k: KeyDecl = { file, decorator: dec, fields: [{ path, span: m.nameSpan }] };
  const args = [...dec.args];
  if (args[0]?.kind === 'string') k.name = args.shift() as Extract<Value, { kind: 'string' }>;
  k.options = objectArg(args[0]);
  return k;
}

function pushKey(list: KeyDecl[], k: KeyDecl | undefined): void {
  if (k) list.push(k);
}

/** The join column that names the column referencing `property` (or any, when it names no referenced column). */
function namedArg(args: JoinColumnArg[], property: string): JoinColumnArg | undefined {
  return args.find((a) => (!a.referencedColumnName || a.referencedColumnName === property) && a.name?.kind === 'string');
}

/** `@JoinColumn()`, `@JoinColumn({ … })`, `@JoinColumn([{ … }, { … }])`, and JoinTable's `joinColumn(s)`. */
function joinColumnArgs(v: Value | undefined): JoinColumnArg[] {
  if (!v) return [{}];
  const items = v.kind === 'array' ? v.items : [v];
  return items.map((i) => {
    const o = objectArg(i);
    const arg: JoinColumnArg = {};
    const name = prop(o, 'name')?.value;
    if (name) arg.name = name;
    const ref = stringProp(o, 'referencedColumnName');
    if (ref !== undefined) arg.referencedColumnName = ref;
    const fk = prop(o, 'foreignKeyConstraintName')?.value;
    if (fk) arg.foreignKeyConstraintName = fk;
    return arg;
  });
}

function ormType(v: Value): OrmType | undefined {
  if (v.kind === 'string') return v.value.toLowerCase();
  if (v.kind === 'ref' && v.path.length === 1 && CONSTRUCTORS.has(v.path[0])) return v.path[0];
  return undefined;
}

function action(s: string | undefined): ReferentialAction | undefined {
  return s === undefined ? undefined : ACTIONS[s.toUpperCase()];
}

function objectArg(v: Value | undefined): Extract<Value, { kind: 'object' }> | undefined {
  return v?.kind === 'object' ? v : undefined;
}

function prop(o: Extract<Value, { kind: 'object' }> | undefined, key: string): Prop | undefined {
  return o?.props.find((p) => p.key === key);
}

function stringProp(o: Extract<Value, { kind: 'object' }> | undefined, key: string): string | undefined {
  const v = prop(o, key)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

function numberProp(o: Extract<Value, { kind: 'object' }> | undefined, key: string): number | undefined {
  const v = prop(o, key)?.value;
  return v?.kind === 'number' ? v.value : undefined;
}

function boolProp(o: Extract<Value, { kind: 'object' }> | undefined, key: string): boolean | undefined {
  const v = prop(o, key)?.value;
  return v?.kind === 'boolean' ? v.value : undefined;
}

/** A literal array/object default as JSON; undefined when any part of it is not a literal. */
function staticJson(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'null':
      return null;
    case 'array': {
      const items = v.items.map(staticJson);
      return items.includes(undefined) ? undefined : items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of v.props) {
        const x = staticJson(p.value);
        if (x === undefined) return undefined;
        out[p.key] = x;
      }
      return out;
    }
  }
  return undefined;
}

/** A join column takes the type of the column it references (without its generation, default or keys). */
function copyType(ref: Col, col: Col): void {
  if (ref.shape) col.shape = { ...ref.shape };
  if (ref.enumValues) col.enumValues = ref.enumValues;
  if (ref.enumName !== undefined) col.enumName = ref.enumName;
  if (ref.charset !== undefined) col.charset = ref.charset;
  if (ref.collation !== undefined) col.collation = ref.collation;
}

function sameFile(origins: Origin[], file: string): boolean {
  return origins.every((o) => o.file === file);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

// ---------------------------------------------------------------------------------------------------------
// Paths: `/`-separated (Windows separators turned), relative imports resolved syntactically.

function normPath(p: string): string {
  return p.replace(/\\/g, '/');
}

function dirName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function joinPath(dir: string, rel: string): string {
  const out: string[] = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') {
      if (out.length > 1 || (out.length === 1 && out[0] !== '')) out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}
