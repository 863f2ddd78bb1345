/**
 * The ORM model as application code names it: per Prisma model / TypeORM entity, its table, the column of each
 * field or property, and its relations with the columns they join on. Built from a database's replayed Schema (the
 * database names: `@map`, `@@map`, TypeORM's naming strategy, as the lowering decided them) and its source files
 * (which field a column came from, relation fields, back-relations: syntax only, never executed).
 */
import type { ConstraintDef, Dialect, QName, Span } from '../model/types';
import type { Schema, Table } from '../model/schema';
import { primaryKey } from '../model/schema';
import type { ParsedFile } from './file';
import { parsePrismaFile, type PrismaAttribute, type PrismaBlock, type PrismaExpr, type PrismaField } from './prisma-syntax';
import type * as TypeormSyntax from './typeorm-syntax';
import type { ClassDecl, EntityFile, Member, Value } from './typeorm-syntax';

export interface OrmRelation {
  /** The relation field / property as written (`posts`). */
  name: string;
  /** The related model or entity as written (`Post`). */
  target: string;
  /** Many rows of the target per row of this model (`Post[]`, `@OneToMany`, `@ManyToMany`). */
  many: boolean;
  /**
   * Columns of this model's table (`local`) equal, pairwise, to columns of the target's table (`remote`); with
   * `through`, `local` pairs with `through.local` and `through.remote` with `remote`.
   */
  local: string[];
  remote: string[];
  /** Many-to-many: the join table between the two. */
  through?: { table: QName; local: string[]; remote: string[] };
  /** TypeORM lazy relation (`Promise<Post[]>` or `lazy: true`): reading the property runs a query. */
  lazy?: boolean;
}

export interface OrmModel {
  /** The model / entity class name as written. */
  name: string;
  table: QName;
  /** Field or property → database column (a TypeORM relation property → its join column). */
  fields: Map<string, string>;
  /** The columns the ORM reads when the call selects nothing in particular (every scalar column). */
  columns: string[];
  primaryKey: string[];
  relations: Map<string, OrmRelation>;
  /** TypeORM `@DeleteDateColumn`: `find*` adds `<column> IS NULL` unless `withDeleted`. */
  softDelete?: string;
}

export interface OrmModels {
  dialect: Dialect;
  /** Prisma models by name (`User`). */
  prisma: Map<string, OrmModel>;
  /** Prisma models by client property (`prisma.user`, `prisma.userProfile`: the name with its first letter lower-cased). */
  delegates: Map<string, OrmModel>;
  /** TypeORM entities by class name. */
  typeorm: Map<string, OrmModel>;
}

/** Builds the ORM model of one database. Never throws: what cannot be read is left out. */
export function buildOrmModels(schema: Schema, files: ReadonlyMap<string, ParsedFile>): OrmModels {
  const out: OrmModels = { dialect: schema.dialect, prisma: new Map(), delegates: new Map(), typeorm: new Map() };
  try {
    prismaModels(schema, files, out);
  } catch {
    // a bug costs the Prisma models, never the caller
  }
  try {
    typeormModels(schema, files, out);
  } catch {
    // likewise for the entities
  }
  return out;
}

function slice(text: string, s: Span | undefined): string | undefined {
  return s ? text.slice(s.start, s.end) : undefined;
}

/** Tables by (file, span start) of their origin: how a model or entity declaration finds its table. */
function tablesByOrigin(schema: Schema): Map<string, Table> {
  const m = new Map<string, Table>();
  for (const t of schema.tables.values()) m.set(`${t.origin.file}\u0000${t.origin.span.start}`, t);
  return m;
}

/** Field / property name → column, from the columns' name spans in their own files. */
function fieldMap(t: Table, files: ReadonlyMap<string, ParsedFile>): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of t.columns) {
    const text = files.get(c.origin.file)?.text;
    const name = text === undefined ? undefined : slice(text, c.origin.parts?.name);
    if (name && /^[\w$]+$/.test(name) && !m.has(name)) m.set(name, c.name);
  }
  return m;
}

function newModel(name: string, t: Table, fields: Map<string, string>): OrmModel {
  return { name, table: t.name, fields, columns: t.columns.map((c) => c.name), primaryKey: primaryKey(t)?.columns ?? [], relations: new Map() };
}

// ---------------------------------------------------------------------------------------------------------
// Prisma

function attribute(attrs: readonly PrismaAttribute[], name: string): PrismaAttribute | undefined {
  return attrs.find((a) => a.name === name);
}

function argValue(a: PrismaAttribute | undefined, name: string, position?: number): PrismaExpr | undefined {
  if (!a) return undefined;
  const named = a.args.find((x) => x.name?.text === name);
  if (named || position === undefined) return named?.value;
  return a.args.filter((x) => !x.name)[position]?.value;
}

function names(e: PrismaExpr | undefined): string[] {
  const items = !e ? [] : e.kind === 'array' ? e.items : [e];
  return items.flatMap((x) => (x.kind === 'path' ? [x.text] : x.kind === 'call' ? [x.name.text] : []));
}

function relationName(f: PrismaField): string | undefined {
  const v = argValue(attribute(f.attributes, 'relation'), 'name', 0);
  return v?.kind === 'string' ? v.value : undefined;
}

interface PrismaDecl {
  block: PrismaBlock;
  model: OrmModel;
  fields: PrismaField[];
}

function prismaModels(schema: Schema, files: ReadonlyMap<string, ParsedFile>, out: OrmModels): void {
  const byOrigin = tablesByOrigin(schema);
  const decls = new Map<string, PrismaDecl>();
  for (const f of files.values()) {
    if (f.source !== 'prisma') continue;
    for (const b of parsePrismaFile(f.path, f.text).blocks) {
      const t = b.kind === 'model' && b.name ? byOrigin.get(`${f.path}\u0000${b.span.start}`) : undefined;
      if (!t || decls.has(b.name!.text)) continue;
      const fields = b.members.filter((m): m is PrismaField => m.kind === 'field' && !!m.type);
      decls.set(b.name!.text, { block: b, model: newModel(b.name!.text, t, fieldMap(t, files)), fields });
    }
  }
  for (const d of decls.values()) {
    for (const f of d.fields) {
      const target = decls.get(f.type!.name);
      if (!target) continue;
      const rel = prismaRelation(schema, d, f, target);
      if (rel) d.model.relations.set(f.name.text, rel);
    }
    out.prisma.set(d.model.name, d.model);
    out.delegates.set(d.model.name.charAt(0).toLowerCase() + d.model.name.slice(1), d.model);
  }
}

function prismaRelation(schema: Schema, d: PrismaDecl, f: PrismaField, target: PrismaDecl): OrmRelation | undefined {
  const col = (m: OrmModel, field: string) => m.fields.get(field) ?? field;
  const own = attribute(f.attributes, 'relation');
  const base = { name: f.name.text, target: target.model.name, many: !!f.type!.list };
  if (argValue(own, 'fields')) {
    return { ...base, local: names(argValue(own, 'fields')).map((x) => col(d.model, x)), remote: names(argValue(own, 'references')).map((x) => col(target.model, x)) };
  }
  // A back-relation: the other side holds `fields` (same relation name; not the field itself on a self-relation).
  const name = relationName(f);
  const other = target.fields.find((g) => g !== f && g.type!.name === d.model.name && relationName(g) === name && argValue(attribute(g.attributes, 'relation'), 'fields'));
  if (other) {
    const r = attribute(other.attributes, 'relation');
    return { ...base, local: names(argValue(r, 'references')).map((x) => col(d.model, x)), remote: names(argValue(r, 'fields')).map((x) => col(target.model, x)) };
  }
  // Implicit many-to-many: `_<name>` (default `<A>To<B>`, model names sorted), column A → the model sorting first.
  if (!f.type!.list) return undefined;
  const [a, b] = d.model.name <= target.model.name ? [d.model.name, target.model.name] : [target.model.name, d.model.name];
  const join = [...schema.tables.values()].find((t) => t.name.name === `_${name ?? `${a}To${b}`}`);
  if (!join || d.model.primaryKey.length !== 1 || target.model.primaryKey.length !== 1) return undefined;
  const mine = d.model.name === a ? 'A' : 'B';
  const theirs = d.model.name === b && a !== b ? 'A' : 'B';
  return { ...base, local: d.model.primaryKey, remote: target.model.primaryKey, through: { table: join.name, local: [mine], remote: [theirs] } };
}

// ---------------------------------------------------------------------------------------------------------
// TypeORM

let typeormSyntax: typeof TypeormSyntax | undefined;
/** The entity reader imports the TypeScript parser: loaded when a TypeORM database is read, never before. */
function entitySyntax(): typeof TypeormSyntax {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (typeormSyntax ??= require('./typeorm-syntax') as typeof TypeormSyntax);
}

/** The last entity file read per path: models are rebuilt after every schema change, files rarely change with them. */
const entityFiles = new Map<string, EntityFile>();

function entityFile(f: ParsedFile): EntityFile {
  const hit = entityFiles.get(f.path);
  if (hit && hit.text === f.text) return hit;
  const ef = entitySyntax().parseEntityFile(f.path, f.text);
  if (entityFiles.size > 5000) entityFiles.clear();
  entityFiles.set(f.path, ef);
  return ef;
}

interface EntityDecl {
  file: EntityFile;
  cls: ClassDecl;
  model: OrmModel;
}

const RELATIONS = new Set(['ManyToOne', 'OneToOne', 'OneToMany', 'ManyToMany']);

function typeormModels(schema: Schema, files: ReadonlyMap<string, ParsedFile>, out: OrmModels): void {
  const parsed = [...files.values()].filter((f) => f.source === 'typeorm').map(entityFile);
  if (!parsed.length) return;
  const byOrigin = tablesByOrigin(schema);
  const classes = new Map<string, { file: EntityFile; cls: ClassDecl }[]>();
  for (const ef of parsed) for (const cls of ef.classes) classes.set(cls.name, [...(classes.get(cls.name) ?? []), { file: ef, cls }]);
  const decls = new Map<string, EntityDecl>();
  for (const ef of parsed) {
    for (const cls of ef.classes) {
      const t = byOrigin.get(`${ef.path}\u0000${cls.span.start}`);
      if (t && !decls.has(cls.name)) decls.set(cls.name, { file: ef, cls, model: newModel(cls.name, t, fieldMap(t, files)) });
    }
  }
  // A single-table child (`@ChildEntity() class Admin extends User`) reads its parent's table.
  for (const [name, list] of classes) {
    if (decls.has(name) || !list[0].cls.decorators.some((d) => d.name === 'ChildEntity')) continue;
    const parent = chain(list[0], classes).map((c) => decls.get(c.cls.name)).find((x) => x);
    if (parent) decls.set(name, { ...list[0], model: { ...parent.model, name, relations: new Map() } });
  }
  for (const d of decls.values()) {
    for (const c of chain(d, classes)) {
      for (const m of c.cls.members) {
        if (m.decorators.some((x) => x.name === 'DeleteDateColumn')) d.model.softDelete ??= d.model.fields.get(m.name);
        const dec = m.decorators.find((x) => RELATIONS.has(x.name));
        if (!dec || d.model.relations.has(m.name)) continue;
        const rel = typeormRelation(schema, decls, d.model, { file: c.file, member: m }, dec.name, dec.args);
        if (rel) d.model.relations.set(m.name, rel);
      }
    }
    out.typeorm.set(d.model.name, d.model);
  }
}

/** The class and its base classes (by name, among the database's files), the class first. */
function chain(start: { file: EntityFile; cls: ClassDecl }, classes: Map<string, { file: EntityFile; cls: ClassDecl }[]>): { file: EntityFile; cls: ClassDecl }[] {
  const out = [start];
  for (let c = start; c.cls.extends && out.length < 16; ) {
    const base = classes.get(c.cls.extends[c.cls.extends.length - 1])?.[0];
    if (!base || out.includes(base)) break;
    out.push(base);
    c = base;
  }
  return out;
}

/** `() => Post` / `'Post'` → `Post`; `(p) => p.author` / `'author'` → `author`. */
function refName(v: Value | undefined, inverse: boolean): string | undefined {
  const x = v?.kind === 'arrow' ? v.body : v;
  if (x?.kind === 'string') return x.value;
  if (x?.kind !== 'ref') return undefined;
  return inverse ? (x.path.length >= 2 ? x.path.slice(1).join('.') : undefined) : x.path[x.path.length - 1];
}

function at(c: ConstraintDef | Table, file: EntityFile, m: Member): boolean {
  return c.origin.file === file.path && c.origin.span.start === m.span.start && c.origin.span.end === m.span.end;
}

function typeormRelation(schema: Schema, decls: Map<string, EntityDecl>, self: OrmModel, here: { file: EntityFile; member: Member }, kind: string, args: Value[]): OrmRelation | undefined {
  const target = decls.get(refName(args[0], false) ?? '');
  if (!target) return undefined;
  const inverseName = refName(args[1], true);
  const options = [args[1], args[2]].find((a) => a?.kind === 'object') as Extract<Value, { kind: 'object' }> | undefined;
  const lazyOption = options?.props.find((p) => p.key === 'lazy')?.value;
  const typeText = here.member.type ? here.file.text.slice(here.member.type.span.start, here.member.type.span.end) : '';
  const lazy = /^Promise\s*</.test(typeText) || (lazyOption?.kind === 'boolean' && lazyOption.value);
  const base: OrmRelation = { name: here.member.name, target: target.model.name, many: kind === 'OneToMany' || kind === 'ManyToMany', local: [], remote: [] };
  if (lazy) base.lazy = true;
  const tables = [...schema.tables.values()];
  const refs = (fk: ConstraintDef, owner: OrmModel | undefined) => (fk.references?.columns.length ? fk.references.columns : (owner?.primaryKey ?? []));
  const tableOf = (m: OrmModel) => tables.find((t) => t.name.name === m.table.name && t.name.schema === m.table.schema);
  const ownFk = (m: OrmModel, file: EntityFile, member: Member) => tableOf(m)?.constraints.find((c) => c.kind === 'foreign' && at(c, file, member));
  if (kind === 'ManyToMany') {
    // The join table is the one @JoinTable declared, on this side or on the inverse one (then read mirrored).
    const inverse = inverseName ? target.cls.members.find((m) => m.name === inverseName) : undefined;
    const ownJoin = tables.find((t) => at(t, here.file, here.member));
    const join = ownJoin ?? (inverse ? tables.find((t) => at(t, target.file, inverse)) : undefined);
    const fks = join?.constraints.filter((c) => c.kind === 'foreign') ?? [];
    if (!join || fks.length !== 2) return undefined;
    const [mine, theirs] = ownJoin ? fks : [fks[1], fks[0]];
    return { ...base, local: refs(mine, self), remote: refs(theirs, target.model), through: { table: join.name, local: mine.columns, remote: theirs.columns } };
  }
  const fk = ownFk(self, here.file, here.member);
  if (fk) return { ...base, local: fk.columns, remote: refs(fk, target.model) };
  // OneToMany, or the inverse side of a OneToOne: the foreign key is the target's, on its inverse property.
  const inverse = inverseName ? target.cls.members.find((m) => m.name === inverseName) : undefined;
  const theirs = inverse && ownFk(target.model, target.file, inverse);
  if (!theirs) return undefined;
  return { ...base, local: refs(theirs, self), remote: theirs.columns };
}
