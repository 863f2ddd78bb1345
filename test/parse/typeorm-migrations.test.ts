/** TypeORM migration files → the SQL of `up()` with spans into the TypeScript file, and the facts of that SQL. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileOffset, parseTypeormMigration, readTypeormMigration } from '../../server/src/core/parse/typeorm-migrations';
import { StatementCache } from '../../server/src/core/parse/file';
import { compareMigrations } from '../../server/src/core/model/order';
import type { Fact } from '../../server/src/core/model/types';
import { initCore } from '../helpers/workspace';

const PATH = '/p/src/migrations/1700000000000-Init.ts';

/** The source text of each query (what its span covers). */
function sources(text: string): string[] {
  return readTypeormMigration(PATH, text).statements.map((q) => text.slice(q.span.start, q.span.end));
}

test('the SQL of up(), not down(); template literals and quoted strings; any receiver of .query()', () => {
  const text = `import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1700000000000 implements MigrationInterface {
    name = 'Init1700000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`CREATE TABLE "user" ("id" SERIAL NOT NULL)\`);
        await queryRunner.query('CREATE INDEX "IDX_1" ON "user" ("id")');
        await queryRunner.query("ALTER TABLE user ADD x int", undefined);
        await queryRunner.manager.query(\`UPDATE "user" SET "id" = $1\`, [1]);
        if (process.env.SEED) {
            await this.queryRunner.query(\`INSERT INTO "user" DEFAULT VALUES\`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`DROP TABLE "user"\`);
    }
}
`;
  const r = readTypeormMigration(PATH, text);
  assert.deepEqual(
    r.statements.map((q) => q.text),
    ['CREATE TABLE "user" ("id" SERIAL NOT NULL)', 'CREATE INDEX "IDX_1" ON "user" ("id")', 'ALTER TABLE user ADD x int', 'UPDATE "user" SET "id" = $1', 'INSERT INTO "user" DEFAULT VALUES'],
  );
  // Without escapes, a span covers exactly the text.
  assert.deepEqual(sources(text), r.statements.map((q) => q.text));
  assert.ok(r.statements.every((q) => q.offsets === undefined));
  assert.deepEqual(r.skipped, []);
  assert.equal(r.timestamp, '1700000000000');
});

test('templates with ${} and other expressions are not read, and are recorded as skipped', () => {
  const text = `export class AddIndexes1700000000001 {
  async up(queryRunner) {
    const table = "user";
    await queryRunner.query(\`CREATE INDEX "a" ON "\${table}" ("id")\`);
    await queryRunner.query("DROP TABLE " + table);
    await queryRunner.query(sql);
    await queryRunner.query(\`SELECT 1\`);
  }
}`;
  const r = readTypeormMigration(PATH, text);
  assert.deepEqual(r.statements.map((q) => q.text), ['SELECT 1']);
  assert.deepEqual(
    r.skipped.map((s) => text.slice(s.start, s.end)),
    ['`CREATE INDEX "a" ON "${table}" ("id")`', '"DROP TABLE " + table', 'sql'],
  );
  assert.equal(r.timestamp, '1700000000001');
});

test('escapes: the value is the SQL, each character maps back to where it is written', () => {
  const text = 'class M1700000000000 { async up(q) {\n' +
    '  await q.query("CREATE TABLE \\"user\\" (\\"id\\" int)");\n' +
    '  await q.query(`CREATE TABLE \\`post\\` (\\`id\\` int)\\nENGINE=InnoDB`);\n' +
    "  await q.query('SELECT \\'é\\' AS \\u0078');\n" +
    '} }';
  const r = readTypeormMigration(PATH, text);
  assert.deepEqual(r.statements.map((q) => q.text), ['CREATE TABLE "user" ("id" int)', 'CREATE TABLE `post` (`id` int)\nENGINE=InnoDB', "SELECT 'é' AS x"]);
  const [a, b, c] = r.statements;
  // `"user"` in the value (offsets 13..19) is `\"user\"` in the file.
  assert.equal(text.slice(fileOffset(a, 13), fileOffset(a, 18)), '\\"user');
  assert.equal(text.slice(fileOffset(a, 13), fileOffset(a, 19)), '\\"user\\"');
  assert.equal(text.slice(fileOffset(b, 0), fileOffset(b, b.text.length)), 'CREATE TABLE \\`post\\` (\\`id\\` int)\\nENGINE=InnoDB');
  assert.equal(text.slice(fileOffset(c, c.text.length - 1), fileOffset(c, c.text.length)), '\\u0078');
  assert.equal(fileOffset(c, c.text.length), c.span.end);
});

test('JavaScript migrations: a class expression, `up` as an arrow property; the `name` property orders it', () => {
  const js = `module.exports = class Init1700000000000 {
  name = 'Renamed1700000000005';
  up = async (queryRunner) => { await queryRunner.query("CREATE TABLE a (id int)"); };
  async down(queryRunner) { await queryRunner.query("DROP TABLE a"); }
};`;
  const r = readTypeormMigration('/p/migrations/1700000000000-Init.js', js);
  assert.deepEqual(r.statements.map((q) => q.text), ['CREATE TABLE a (id int)']);
  assert.equal(r.timestamp, '1700000000005');
});

test('no migration class, broken or binary text: nothing, never a throw', () => {
  for (const text of ['', 'export const x = 1;', 'class A { up( { query(`x', 'export class B { async up(q) { await q.query(`CREATE TABLE', '\0\0\0binary']) {
    const r = readTypeormMigration(PATH, text);
    assert.ok(Array.isArray(r.statements) && Array.isArray(r.skipped));
  }
  assert.deepEqual(readTypeormMigration(PATH, 'export class Helper { run(q) { return q.query("SELECT 1"); } }').statements, []);
});

test('comments are collected (for // schemawise-ignore), not the // inside strings', () => {
  const text = `export class M1700000000000 {
  // schemawise-ignore blocking-index-creation
  async up(q) { await q.query(\`CREATE INDEX i ON t (c) -- note\`); /* why */ }
}`;
  const r = readTypeormMigration(PATH, text);
  assert.deepEqual(r.comments.map((c) => text.slice(c.start, c.end)), ['// schemawise-ignore blocking-index-creation', '/* why */']);
});

test('parsed as a migration file: facts with spans into the TypeScript text, through escapes and non-ASCII text', async () => {
  await initCore();
  const text = `// Ünïcödé before the class moves every offset in UTF-16 code units, not bytes.
export class Init1700000000000 {
  public async up(queryRunner) {
    await queryRunner.query(\`CREATE TABLE "user" ("id" SERIAL NOT NULL, "name" text, CONSTRAINT "PK_1" PRIMARY KEY ("id"))\`);
    await queryRunner.query("CREATE INDEX \\"IDX_name\\" ON \\"user\\" (\\"name\\"); ALTER TABLE \\"user\\" DROP COLUMN \\"name\\"");
  }
  public async down(queryRunner) {
    await queryRunner.query(\`DROP TABLE "user"\`);
  }
}
`;
  const pf = parseTypeormMigration(PATH, text, 'postgresql', new StatementCache());
  assert.equal(pf.source, 'typeorm');
  assert.deepEqual(pf.statements.map((s) => s.facts.map((f) => f.kind)), [['createTable'], ['createIndex'], ['alterTable']]);
  const create = pf.statements[0].facts[0] as Extract<Fact, { kind: 'createTable' }>;
  const name = create.table.columns[1];
  assert.equal(text.slice(name.origin.span.start, name.origin.span.end), '"name" text');
  assert.equal(name.origin.file, PATH);
  const index = pf.statements[1].facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  assert.equal(text.slice(index.index.origin.parts!.name!.start, index.index.origin.parts!.name!.end), '\\"IDX_name\\"');
  assert.equal(text.slice(pf.statements[2].span.start, pf.statements[2].span.end), 'ALTER TABLE \\"user\\" DROP COLUMN \\"name\\"');
  assert.ok(pf.statements.every((s) => s.spans.length > 0 && s.file === PATH));
});

test('TypeORM migrations replay in the order of their timestamps', () => {
  assert.ok(compareMigrations('/p/src/migrations/1700000000000-Init.ts', '/p/src/migrations/1700000100000-AddPosts.ts') < 0);
  assert.ok(compareMigrations('/p/src/migrations/999999999999-Old.ts', '/p/src/migrations/1700000000000-Init.ts') < 0);
});
