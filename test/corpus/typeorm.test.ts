/**
 * The TypeORM entity folders of ../shared/corpus/typeorm (vendure, spacebar): every one loads on every dialect
 * without a throw, one statement per entity class, into a model; spacebar's tables, columns, keys and indexes match
 * a count made by hand from its sources. Load times are printed as test diagnostics (no timing asserts).
 * Skips with a message when the corpus is absent (a contributor's clone); CI always has it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lowerTypeorm, parseEntityFile, type TypeormResult } from '../../server/src/core/parse/typeorm';
import { buildSchema } from '../../server/src/core/model/schema';
import type { Dialect, Fact, TableDef } from '../../server/src/core/model/types';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'typeorm');
const skip = existsSync(CORPUS) ? false : `../shared/corpus/typeorm not found at ${CORPUS}: TypeORM corpus tests skipped (CI always has it)`;

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (n.endsWith('.ts')) out.push(p);
  }
  return out;
}

function load(folder: string, dialect: Dialect): { result: TypeormResult; texts: string[]; parseMs: number; lowerMs: number } {
  const paths = tsFiles(join(CORPUS, folder));
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const t0 = performance.now();
  const files = paths.map((p, i) => parseEntityFile(p, texts[i]));
  const t1 = performance.now();
  const result = lowerTypeorm(files, { dialect });
  return { result, texts, parseMs: t1 - t0, lowerMs: performance.now() - t1 };
}

test('every TypeORM corpus folder loads on every dialect: a statement per entity class, a model built from them', { skip }, (t) => {
  for (const folder of readdirSync(CORPUS).sort()) {
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      const { result, texts, parseMs, lowerMs } = load(folder, dialect);
      // Entity and child-entity decorators that start a line (not in a `//` comment).
      const declared = texts.reduce((n, text) => n + (text.match(/^\s*@(?:Entity|ChildEntity|ViewEntity)\(/gm) ?? []).length, 0);
      const statements = result.files.reduce((n, f) => n + f.statements.length, 0);
      assert.equal(statements, declared, `${folder} (${dialect}): one statement per entity class`);
      const schema = buildSchema(folder, dialect, result.files.map((f) => ({ path: f.path, isMigration: false, statements: f.statements })));
      assert.ok(schema.tables.size > 40, `${folder} (${dialect}): ${schema.tables.size} tables`);
      if (dialect === 'postgresql') t.diagnostic(`${folder}: ${texts.length} files, parse ${parseMs.toFixed(1)} ms, lower ${lowerMs.toFixed(1)} ms, ${statements} entity classes, ${schema.tables.size} tables`);
    }
  }
});

/**
 * spacebar/src/database/entities, counted by hand (grep of decorators that start a line, comments read):
 * - tables: 48 `@Entity(` classes, and 5 join tables (one per `@JoinTable`, each on a many-to-many).
 * - columns: 477 `@Column(` + 7 `@PrimaryColumn(` + 5 `@PrimaryGeneratedColumn(` + 4 `@CreateDateColumn(` = 493
 *   decorators; BaseClass.ts's `@PrimaryColumn id` is inherited by the 36 entities that extend BaseClass
 *   (492 + 36 = 528); 3 properties carry two column decorators (AuditLog.changes, InstanceBan.created_at,
 *   Message.timestamp): 525 columns; plus the 10 join columns no `@Column` declares (applications.bot_user_id,
 *   applications.team_id, audit_logs.target_id, automod_rules.creator_id, backup_codes.user_id,
 *   messages.message_reference_id, notes.owner_id, notes.target_id, sticker_packs.coverStickerId,
 *   users.settingsIndex): 535. The join tables have 2 columns each: 10.
 * - foreign keys: 80 `@ManyToOne(` written, one inside a block comment (Member.ts) and one after `//`
 *   (VoiceState.ts): 78; and 4 `@OneToOne(`, each with a `@JoinColumn`: 82. Join tables: 2 each, 10.
 * - indexes: 11 `@Index(`; join tables: 2 each, 10.
 * - unique constraints: `@Unique` on Note and `unique: true` on Template.code: 2; one-to-one REL_ uniques: 4,
 *   less UserSettingsProtos.user on PostgreSQL (its join column is the primary key): 3.
 */
test('spacebar matches a count by hand', { skip }, () => {
  const count = (dialect: Dialect) => {
    const facts = load('spacebar', dialect).result.files.flatMap((f) => f.statements.map((s) => s.facts));
    const first = (fs: Fact[]) => fs.find((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable')?.table;
    const entities = facts.map(first).filter((x): x is TableDef => !!x);
    const joins = facts.flatMap((fs) => fs.filter((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable' && f.table !== first(fs)).map((f) => f.table));
    const sum = (ts: TableDef[], f: (t: TableDef) => number) => ts.reduce((n, t) => n + f(t), 0);
    const keys = (ts: TableDef[], kind: string, rel?: boolean) => sum(ts, (t) => t.constraints.filter((c) => c.kind === kind && (rel === undefined || rel === !!c.name?.startsWith('REL_'))).length);
    return {
      entities: entities.length,
      columns: sum(entities, (t) => t.columns.length),
      foreignKeys: keys(entities, 'foreign'),
      indexes: sum(entities, (t) => t.indexes.length),
      uniques: keys(entities, 'unique', false),
      oneToOneUniques: keys(entities, 'unique', true),
      primaryKeys: keys(entities, 'primary'),
      joinTables: joins.length,
      joinColumns: sum(joins, (t) => t.columns.length),
      joinForeignKeys: keys(joins, 'foreign'),
      joinIndexes: sum(joins, (t) => t.indexes.length),
    };
  };
  const hand = { entities: 48, columns: 535, foreignKeys: 82, indexes: 11, uniques: 2, oneToOneUniques: 3, primaryKeys: 48, joinTables: 5, joinColumns: 10, joinForeignKeys: 10, joinIndexes: 10 };
  assert.deepEqual(count('postgresql'), hand);
  assert.deepEqual(count('mysql'), { ...hand, oneToOneUniques: 4 });
});
