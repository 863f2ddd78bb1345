/**
 * Every Prisma schema of ../shared/corpus/prisma read and lowered: no throw, every block parsed, every key, index
 * and foreign key naming columns and tables that exist; multi-file schemas (a `prisma/schema/` folder) lowered as one
 * set. umami and documenso are also checked against counts made by hand from the files (see HAND_COUNTS).
 * Skips with a message when the corpus is absent (a contributor's clone); CI always has it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { lowerPrisma, parsePrismaFile, type PrismaSchemaResult } from '../../server/src/core/parse/prisma';
import { buildSchema, findColumn, findTable, type Schema } from '../../server/src/core/model/schema';
import type { Fact, Span } from '../../server/src/core/model/types';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'prisma');
const MISSING = `../shared/corpus/prisma not found at ${CORPUS}: Prisma corpus tests skipped (CI always has it)`;

/** One schema per folder: a single schema.prisma, or a prismaSchemaFolder's `*.prisma` files. */
function schemas(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.prisma')) out.set(dir, [...(out.get(dir) ?? []), p]);
    }
  };
  walk(CORPUS);
  return out;
}

function lowerFolder(paths: string[]): PrismaSchemaResult {
  return lowerPrisma(paths.map((p) => parsePrismaFile(p, readFileSync(p, 'utf8'))));
}

function build(r: PrismaSchemaResult): Schema {
  return buildSchema(
    'corpus',
    r.dialect!,
    r.files.map((f) => ({ path: f.path, isMigration: false, statements: f.statements })),
  );
}

function factsOf(r: PrismaSchemaResult): Fact[] {
  return r.files.flatMap((f) => f.statements.flatMap((s) => s.facts));
}

test('every corpus Prisma schema lowers completely, and its keys name columns and tables that exist', (t) => {
  if (!existsSync(CORPUS)) return t.skip(MISSING);
  const all = schemas();
  assert.ok(all.size >= 5, `expected the five corpus schemas, found ${all.size}`);
  for (const [dir, paths] of all) {
    const name = relative(CORPUS, dir);
    const r = lowerFolder(paths);
    assert.ok(r.dialect, `${name}: a datasource with a provider`);
    assert.equal(r.unsupported, undefined, name);
    for (const f of r.files) {
      for (const st of f.statements) {
        assert.equal(st.status, 'parsed', `${relative(CORPUS, f.path)}: ${st.parseError} in ${st.text.slice(0, 60)}`);
        assert.equal(st.text, f.text.slice(st.span.start, st.span.end));
      }
      // Every span of every fact lies inside its own file.
      const inside = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(inside);
        if (v === null || typeof v !== 'object') return;
        const o = v as Record<string, unknown>;
        if (typeof o.start === 'number' && typeof o.end === 'number') {
          const s = o as unknown as Span;
          assert.ok(s.start >= 0 && s.start <= s.end && s.end <= f.text.length, `${f.path}: span ${s.start}-${s.end} outside the file`);
        }
        if (typeof o.file === 'string') assert.equal(o.file, f.path);
        Object.values(o).forEach(inside);
      };
      inside(f.statements.map((s) => s.facts));
    }
    const s = build(r);
    const tables = factsOf(r).filter((f) => f.kind === 'createTable');
    assert.equal(s.tables.size, tables.length, `${name}: every table in the model`);
    for (const tb of s.tables.values()) {
      for (const c of tb.constraints) {
        for (const col of c.columns) assert.ok(findColumn(tb, col), `${name}: ${tb.name.name} ${c.kind} ${c.name} names a missing column ${col}`);
        if (!c.references) continue;
        const target = findTable(s, c.references.table);
        assert.ok(target, `${name}: ${c.name} references a missing table ${c.references.table.name}`);
        for (const col of c.references.columns) assert.ok(findColumn(target, col), `${name}: ${c.name} references a missing column ${col}`);
      }
      for (const ix of tb.indexes) for (const k of ix.keys) assert.ok(findColumn(tb, k.column!), `${name}: index ${ix.name} names a missing column ${k.column}`);
    }
    t.diagnostic(`${name}: ${paths.length} file(s), ${s.tables.size} tables, ${s.enums.size} enums, ${r.dialect}, relationMode ${r.relationMode}`);
  }
});

test('a schema folder is one schema: dub’s models, spread over 37 files, find the datasource and each other', (t) => {
  if (!existsSync(CORPUS)) return t.skip(MISSING);
  const dir = join(CORPUS, 'dub', 'apps', 'web', 'prisma', 'schema');
  const paths = schemas().get(dir);
  assert.ok(paths, 'dub schema folder');
  assert.equal(paths.length, 37);
  const r = lowerFolder(paths);
  assert.equal(r.dialect, 'mysql');
  assert.equal(r.relationMode, 'prisma');
  const s = build(r);
  // Link (link.prisma) → Project (workspace.prisma): a relation across files, kept by Prisma only.
  const link = s.tables.get('link')!;
  const toProject = link.constraints.find((c) => c.kind === 'foreign' && c.references?.table.name === 'Project');
  assert.ok(toProject, 'Link → Project');
  assert.equal(toProject.notEnforced, true);
  assert.ok(dirname(link.origin.file).endsWith('schema') && link.origin.file.endsWith('link.prisma'));
});

/**
 * Counted by hand from the files, not with this reader: `grep -c '^model '`, `grep -c '^\s*@@index'`,
 * `grep -c '@relation([^)]*fields:'`, `grep -c '^enum '`, `@id`/`@@id` and `@unique`/`@@unique` lines, and an awk
 * pass counting model fields whose type is a scalar or an enum (columns). Neither schema has `@@ignore`, `@ignore`,
 * `@@fulltext`, a view, or an implicit many-to-many (documenso's `Folder[]` back-relation pairs with a `fields:` side).
 */
const HAND_COUNTS = {
  umami: { dir: 'umami/prisma', tables: 17, columns: 170, indexes: 73, foreignKeys: 23, primaryKeys: 17, uniques: 6, enums: 0, relationMode: 'prisma' },
  documenso: { dir: 'documenso/packages/prisma', tables: 51, columns: 489, indexes: 44, foreignKeys: 63, primaryKeys: 51, uniques: 43, enums: 30, relationMode: 'foreignKeys' },
};

test('umami and documenso: tables, columns, indexes, keys and foreign keys match the counts made by hand', (t) => {
  if (!existsSync(CORPUS)) return t.skip(MISSING);
  for (const [name, want] of Object.entries(HAND_COUNTS)) {
    const r = lowerFolder(schemas().get(join(CORPUS, want.dir))!);
    const facts = factsOf(r);
    const tables = facts.flatMap((f) => (f.kind === 'createTable' ? [f.table] : []));
    const constraints = tables.flatMap((tb) => tb.constraints);
    const got = {
      dir: want.dir,
      tables: tables.length,
      columns: tables.reduce((n, tb) => n + tb.columns.length, 0),
      indexes: facts.filter((f) => f.kind === 'createIndex').length,
      foreignKeys: constraints.filter((c) => c.kind === 'foreign').length,
      primaryKeys: constraints.filter((c) => c.kind === 'primary').length,
      uniques: constraints.filter((c) => c.kind === 'unique').length,
      enums: facts.filter((f) => f.kind === 'createEnum').length,
      relationMode: r.relationMode,
    };
    assert.deepEqual(got, want, name);
  }
});
