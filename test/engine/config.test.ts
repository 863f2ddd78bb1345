/**
 * Configuration: validation of one raw layer (clear messages naming the source and the key, never fatal),
 * layering, and what each setting does to an analysis.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, DEFAULT_MIGRATION_GLOBS, mergeConfig, validateConfigLayer } from '../../server/src/core/config';
import { knownRuleIds } from '../../server/src/core/engine';
import type { Config } from '../../server/src/core/api';
import { allDiagnostics, analyze, diagKey, initCore } from '../helpers/workspace';

before(() => initCore());

const SRC = '/ws/.schemawise.json';

function validate(raw: unknown) {
  return validateConfigLayer(raw, SRC, knownRuleIds());
}

/** Exactly one error, naming the source; returns it. */
function oneError(raw: unknown): string {
  const { errors } = validate(raw);
  assert.equal(errors.length, 1, `errors for ${JSON.stringify(raw)}: ${JSON.stringify(errors)}`);
  assert.ok(errors[0].startsWith(SRC + ': '), errors[0]);
  return errors[0];
}

function found(files: Record<string, string>, config: Partial<Config> = {}): string[] {
  return allDiagnostics(analyze(files, config))
    .map((d) => `${diagKey(files[d.file], d)} ${d.severity}`)
    .sort();
}

// --- validateConfigLayer ---------------------------------------------------------------------------------------

test('a valid layer passes through unchanged, with no errors', () => {
  const raw = {
    $schema: './node_modules/schemawise/schemas/schemawise.schema.json',
    dialect: 'mysql',
    rules: { 'missing-primary-key': 'off', 'redundant-index': 'hint', 'duplicate-index': 'error', 'unindexed-foreign-key': 'info' },
    migrations: ['db/**/*.sql'],
    exclude: ['**/vendor/**', '**/*.down.sql'],
    reportNotAnalysed: true,
  };
  assert.deepEqual(validate(raw), {
    config: {
      dialect: 'mysql',
      rules: { 'missing-primary-key': 'off', 'redundant-index': 'hint', 'duplicate-index': 'error', 'unindexed-foreign-key': 'info' },
      migrations: ['db/**/*.sql'],
      exclude: ['**/vendor/**', '**/*.down.sql'],
      reportNotAnalysed: true,
    },
    errors: [],
  });
  assert.deepEqual(validate({}), { config: {}, errors: [] });
  assert.deepEqual(validate(undefined), { config: {}, errors: [] });
  assert.deepEqual(validate(null), { config: {}, errors: [] });
});

test('dialect aliases and case are normalised', () => {
  for (const [v, want] of [
    ['postgres', 'postgresql'],
    ['pg', 'postgresql'],
    ['PG', 'postgresql'],
    ['PostgreSQL', 'postgresql'],
    ['mariadb', 'mysql'],
    ['MySQL', 'mysql'],
    ['sqlite3', 'sqlite'],
    ['auto', 'auto'],
  ] as const) {
    assert.deepEqual(validate({ dialect: v }), { config: { dialect: want }, errors: [] }, v);
  }
});

test('non-object roots: one error naming what was found', () => {
  assert.equal(oneError([]), `${SRC}: expected an object, got an array`);
  assert.equal(oneError(42), `${SRC}: expected an object, got 42`);
  assert.equal(oneError('postgresql'), `${SRC}: expected an object, got "postgresql"`);
  assert.equal(oneError(true), `${SRC}: expected an object, got true`);
  assert.deepEqual(validate([]).config, {});
});

test('unknown setting: named, with the known ones listed; the valid keys of the layer are kept', () => {
  const r = validate({ dialect: 'sqlite', severity: 'error' });
  assert.deepEqual(r.config, { dialect: 'sqlite' });
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0], /^\/ws\/\.schemawise\.json: unknown setting "severity"/);
  assert.match(r.errors[0], /dialect, rules, migrations, exclude, reportNotAnalysed, postgresVersion, mysqlVersion, largeTables/);
});

test('bad dialect: names the key, the allowed values and the value given', () => {
  assert.equal(oneError({ dialect: 'oracle' }), `${SRC}: "dialect" must be one of auto, postgresql, mysql, sqlite; got "oracle"`);
  assert.match(oneError({ dialect: 5 }), /"dialect" must be one of .*; got 5$/);
  assert.match(oneError({ dialect: null }), /"dialect" .*got null$/);
  assert.deepEqual(validate({ dialect: 'oracle' }).config, {});
});

test('rules that are not an object', () => {
  for (const v of [[], null, 'off', 3]) {
    assert.match(oneError({ rules: v }), /: "rules" must be an object mapping rule ids to off\|hint\|info\|warning\|error$/, JSON.stringify(v));
  }
});

test('unknown rule id: a near miss gets a "did you mean", a far one does not; other rules are kept', () => {
  const r = validate({ rules: { 'missing-primary-keys': 'off', 'duplicate-index': 'error' } });
  assert.deepEqual(r.config, { rules: { 'duplicate-index': 'error' } });
  assert.deepEqual(r.errors, [`${SRC}: unknown rule "missing-primary-keys" in "rules" (did you mean "missing-primary-key"?)`]);
  assert.equal(oneError({ rules: { 'unindexed-foreign-keys': 'off' } }), `${SRC}: unknown rule "unindexed-foreign-keys" in "rules" (did you mean "unindexed-foreign-key"?)`);
  assert.equal(oneError({ rules: { 'prefer-uuid-v7': 'off' } }), `${SRC}: unknown rule "prefer-uuid-v7" in "rules"`);
});

test('bad severity: names the rule, the allowed values and the value given', () => {
  assert.equal(oneError({ rules: { 'missing-primary-key': 'warn' } }), `${SRC}: rule "missing-primary-key" must be one of off, hint, info, warning, error (or [severity, { options }]); got "warn"`);
  assert.match(oneError({ rules: { 'missing-primary-key': false } }), /rule "missing-primary-key" must be one of .*; got false$/);
  assert.match(oneError({ rules: { 'missing-primary-key': 2 } }), /got 2$/);
});

test('migrations / exclude that are not arrays of non-empty strings', () => {
  for (const key of ['migrations', 'exclude'] as const) {
    for (const v of ['**/migrations/**', ['a', 1], [''], {}, null]) {
      assert.equal(oneError({ [key]: v }), `${SRC}: "${key}" must be an array of glob strings`, `${key}: ${JSON.stringify(v)}`);
    }
    assert.deepEqual(validate({ [key]: [] }), { config: { [key]: [] }, errors: [] });
  }
});

test('reportNotAnalysed that is not a boolean', () => {
  for (const v of ['yes', 'true', 1, null]) {
    assert.equal(oneError({ reportNotAnalysed: v }), `${SRC}: "reportNotAnalysed" must be true or false`, JSON.stringify(v));
  }
});

test('database versions and large tables: accepted forms, clear messages for the rest, merged by layer', () => {
  assert.deepEqual(validate({ postgresVersion: 12, mysqlVersion: '8.0.29', largeTables: ['events', 'audit_*'] }), {
    config: { postgresVersion: 12, mysqlVersion: '8.0.29', largeTables: ['events', 'audit_*'] },
    errors: [],
  });
  // A version typed as a string or a number is read as the user meant it.
  assert.deepEqual(validate({ postgresVersion: '15', mysqlVersion: 5.7 }).config, { postgresVersion: 15, mysqlVersion: '5.7' });
  for (const v of [9, 19, 16.5, 'sixteen', null]) {
    assert.equal(oneError({ postgresVersion: v }), `${SRC}: "postgresVersion" must be a PostgreSQL major version from 10 to 18; got ${v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : v}`);
  }
  for (const v of ['8', 'latest', '4.1', []]) {
    assert.match(oneError({ mysqlVersion: v }), /"mysqlVersion" must be a MySQL version like "8\.0" or "8\.0\.29"/);
  }
  assert.equal(oneError({ largeTables: 'events' }), `${SRC}: "largeTables" must be an array of table names or globs`);
  const merged = mergeConfig({ postgresVersion: 12, largeTables: ['a'] }, { largeTables: ['b'] });
  assert.deepEqual([merged.postgresVersion, merged.mysqlVersion, merged.largeTables], [12, '8.0', ['b']]);
});

test('several problems in one layer: one message each, in key order', () => {
  const r = validate({ dialect: 'db2', rules: { 'missing-primary-key': 'loud', nope: 'off' }, exclude: 'x', extra: 1 });
  assert.deepEqual(r.errors, [
    `${SRC}: "dialect" must be one of auto, postgresql, mysql, sqlite; got "db2"`,
    `${SRC}: rule "missing-primary-key" must be one of off, hint, info, warning, error (or [severity, { options }]); got "loud"`,
    `${SRC}: unknown rule "nope" in "rules"`,
    `${SRC}: "exclude" must be an array of glob strings`,
    `${SRC}: unknown setting "extra" (known: dialect, rules, migrations, exclude, reportNotAnalysed, postgresVersion, mysqlVersion, largeTables, typeorm, workload)`,
  ]);
  assert.deepEqual(r.config, { rules: {} });
});

// --- mergeConfig ------------------------------------------------------------------------------------------------

test('mergeConfig: defaults, later layer wins, rules merge per id, exclude accumulates, migrations replace', () => {
  assert.deepEqual(mergeConfig(), defaultConfig());
  assert.deepEqual(defaultConfig(), {
    dialect: 'auto',
    rules: {},
    migrations: DEFAULT_MIGRATION_GLOBS,
    exclude: [],
    reportNotAnalysed: false,
    postgresVersion: 16,
    mysqlVersion: '8.0',
    largeTables: [],
    typeormEntities: ['**/*.entity.ts', '**/entities/**/*.ts', '**/entity/**/*.ts'],
    typeormNaming: 'default',
    workloadInclude: ['**/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
  });
  const settings: Partial<Config> = { dialect: 'mysql', rules: { 'missing-primary-key': 'off', 'redundant-index': 'hint' }, exclude: ['**/a/**'], reportNotAnalysed: true };
  const file: Partial<Config> = { dialect: 'postgresql', rules: { 'missing-primary-key': 'error' }, exclude: ['**/b/**'], migrations: ['**/sql/**'] };
  const cli: Partial<Config> = { exclude: ['**/c/**'], reportNotAnalysed: false };
  assert.deepEqual(mergeConfig(settings, file, cli), {
    dialect: 'postgresql',
    rules: { 'missing-primary-key': 'error', 'redundant-index': 'hint' },
    migrations: ['**/sql/**'],
    exclude: ['**/a/**', '**/b/**', '**/c/**'],
    reportNotAnalysed: false,
    postgresVersion: 16,
    mysqlVersion: '8.0',
    largeTables: [],
    typeormEntities: ['**/*.entity.ts', '**/entities/**/*.ts', '**/entity/**/*.ts'],
    typeormNaming: 'default',
    workloadInclude: ['**/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
  });
  // A layer that does not mention a key leaves it alone.
  assert.equal(mergeConfig({ dialect: 'sqlite' }, {}).dialect, 'sqlite');
  assert.equal(mergeConfig({ reportNotAnalysed: true }, { dialect: 'mysql' }).reportNotAnalysed, true);
});

test('typeorm: entity globs and naming strategy, with clear messages for the rest', () => {
  const ok = validateConfigLayer({ typeorm: { entities: ['src/model/*.ts'], namingStrategy: 'snake' } }, 'x', knownRuleIds());
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.config, { typeormEntities: ['src/model/*.ts'], typeormNaming: 'snake' });
  assert.deepEqual(mergeConfig(ok.config).typeormNaming, 'snake');
  const bad = validateConfigLayer({ typeorm: { entities: 'src', namingStrategy: 'kebab', extra: 1 } }, 'x', knownRuleIds());
  assert.deepEqual(bad.errors, [
    'x: "typeorm.entities" must be an array of glob strings',
    'x: "typeorm.namingStrategy" must be one of default, snake; got "kebab"',
    'x: unknown setting "typeorm.extra" (known: entities, namingStrategy)',
  ]);
  assert.deepEqual(validateConfigLayer({ typeorm: [] }, 'x', knownRuleIds()).errors, ['x: "typeorm" must be an object: { "entities": [globs], "namingStrategy": "default" | "snake" }']);
});

test('mergeConfig does not alias its inputs or the defaults', () => {
  const layer: Partial<Config> = { rules: { 'missing-primary-key': 'off' }, migrations: ['x/**'], exclude: ['y/**'] };
  const merged = mergeConfig(layer);
  merged.rules['duplicate-index'] = 'off';
  merged.migrations.push('z');
  merged.exclude.push('z');
  assert.deepEqual(layer, { rules: { 'missing-primary-key': 'off' }, migrations: ['x/**'], exclude: ['y/**'] });
  assert.deepEqual(defaultConfig().migrations, DEFAULT_MIGRATION_GLOBS);
  mergeConfig().migrations.push('w');
  assert.deepEqual(defaultConfig().migrations, DEFAULT_MIGRATION_GLOBS);
});

// --- Through the Analyzer ---------------------------------------------------------------------------------------

const SCHEMA = `CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (a int);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));
`;

test('rules: off removes a rule\'s findings, a severity changes theirs, the others keep their defaults', () => {
  const files = { '/ws/s.sql': SCHEMA };
  assert.deepEqual(found(files), ['/ws/s.sql:2:13-14 missing-primary-key warning', '/ws/s.sql:3:36-40 unindexed-foreign-key warning']);
  assert.deepEqual(found(files, { rules: { 'missing-primary-key': 'off' } }), ['/ws/s.sql:3:36-40 unindexed-foreign-key warning']);
  assert.deepEqual(found(files, { rules: { 'missing-primary-key': 'error' } }), ['/ws/s.sql:2:13-14 missing-primary-key error', '/ws/s.sql:3:36-40 unindexed-foreign-key warning']);
  assert.deepEqual(found(files, { rules: { 'unindexed-foreign-key': 'hint', 'missing-primary-key': 'info' } }), [
    '/ws/s.sql:2:13-14 missing-primary-key info',
    '/ws/s.sql:3:36-40 unindexed-foreign-key hint',
  ]);
});

test('validated layers feed the analyzer: a later layer re-enables a rule an earlier one turned off', () => {
  const a = validate({ rules: { 'missing-primary-key': 'off' } });
  const b = validate({ rules: { 'missing-primary-key': 'error' } });
  assert.deepEqual([...a.errors, ...b.errors], []);
  const files = { '/ws/s.sql': SCHEMA };
  assert.deepEqual(found(files, mergeConfig(a.config)), ['/ws/s.sql:3:36-40 unindexed-foreign-key warning']);
  assert.deepEqual(found(files, mergeConfig(a.config, b.config)), ['/ws/s.sql:2:13-14 missing-primary-key error', '/ws/s.sql:3:36-40 unindexed-foreign-key warning']);
});

test('every id the validator accepts in "rules" is honoured by the analyzer (not-analysed: off / severity)', () => {
  const files = { '/ws/s.sql': 'CREATE TABLE t (id int PRIMARY KEY) FROBNICATE;\n' };
  assert.deepEqual(validate({ rules: { 'not-analysed': 'off' } }).errors, []);
  assert.deepEqual(found(files, { reportNotAnalysed: true }), ['/ws/s.sql:1:0-46 not-analysed hint']);
  assert.deepEqual(found(files, { reportNotAnalysed: true, rules: { 'not-analysed': 'off' } }), []);
  assert.deepEqual(found(files, { reportNotAnalysed: true, rules: { 'not-analysed': 'info' } }), ['/ws/s.sql:1:0-46 not-analysed info']);
});

test('dialect set in config overrides the file\'s marker comment', () => {
  const files = { '/ws/s.sql': '-- schemawise: dialect=postgresql\n' + SCHEMA };
  const pg = analyze(files);
  assert.deepEqual(
    { dialect: pg.files.get('/ws/s.sql')!.dialect, source: pg.files.get('/ws/s.sql')!.dialectSource },
    { dialect: 'postgresql', source: 'marker' },
  );
  assert.ok(allDiagnostics(pg).some((d) => d.ruleId === 'unindexed-foreign-key'));
  const my = analyze(files, { dialect: 'mysql' });
  assert.deepEqual(
    { dialect: my.files.get('/ws/s.sql')!.dialect, source: my.files.get('/ws/s.sql')!.dialectSource },
    { dialect: 'mysql', source: 'setting' },
  );
  // MySQL: InnoDB indexes foreign keys itself, so only the missing primary key remains.
  assert.deepEqual(
    allDiagnostics(my).map((d) => diagKey(files['/ws/s.sql'], d)),
    ['/ws/s.sql:3:13-14 missing-primary-key'],
  );
});

test('exclude drops matching files entirely: no entry, no findings, no contribution to the schema', () => {
  const files = {
    '/ws/app/schema.sql': 'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));\n',
    '/ws/skip/legacy.sql': 'CREATE TABLE old (a int);\nCREATE INDEX c_p_id ON c (p_id);\n',
  };
  // Not excluded: the legacy file's index serves the FK, its table lacks a PK.
  assert.deepEqual(found(files), ['/ws/skip/legacy.sql:1:13-16 missing-primary-key warning']);
  const r = analyze(files, { exclude: ['**/skip/**'] });
  assert.deepEqual([...r.diagnostics.keys()], ['/ws/app/schema.sql']);
  assert.deepEqual([...r.files.keys()], ['/ws/app/schema.sql']);
  assert.equal(r.stats.files, 1);
  // Without the excluded index, the FK is unindexed.
  assert.deepEqual(
    allDiagnostics(r).map((d) => diagKey(files[d.file as keyof typeof files], d)),
    ['/ws/app/schema.sql:2:36-40 unindexed-foreign-key'],
  );
});

test('migrations: a declaration plus a migration folder — the migration replays after the declarations', () => {
  const files = {
    '/ws/schema.sql': 'CREATE TABLE t (a int NOT NULL);\n',
    '/ws/migrations/0001_add_pk.sql': 'ALTER TABLE t ADD PRIMARY KEY (a);\n',
  };
  const r = analyze(files);
  assert.equal(r.files.get('/ws/migrations/0001_add_pk.sql')!.isMigration, true);
  assert.equal(r.files.get('/ws/schema.sql')!.isMigration, false);
  // `/ws/migrations/…` sorts before `/ws/schema.sql`, yet the migration runs after the declaration: the key counts
  // (no missing-primary-key), and it is added to a table that existed before the migration (a lock to report).
  assert.deepEqual(allDiagnostics(r).map((d) => d.ruleId), ['unique-constraint-addition']);
  // With other globs that folder is not a migration folder.
  const r2 = analyze(files, { migrations: ['**/changes/**'] });
  assert.equal(r2.files.get('/ws/migrations/0001_add_pk.sql')!.isMigration, false);
});

test('migrations: a custom glob makes a folder replay in version order (2 before 10), not path order', () => {
  const files = {
    '/ws/db/1_tables.sql': 'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));\n',
    '/ws/db/2_index.sql': 'CREATE INDEX c_p ON c (p_id);\n',
    '/ws/db/10_drop_index.sql': 'DROP INDEX c_p;\n',
  };
  const fk = '/ws/db/1_tables.sql:2:36-40 unindexed-foreign-key';
  // Each later migration changes a table that existed before it: the index build and drop take locks.
  const locks = ['/ws/db/2_index.sql:1:0-12 blocking-index-creation', '/ws/db/10_drop_index.sql:1:0-14 blocking-index-drop'];
  // As migrations (1, 2, 10): the index is created, then dropped, so the FK is unindexed.
  const mig = analyze(files, { migrations: ['**/db/*.sql'] });
  assert.ok([...mig.files.values()].every((f) => f.isMigration));
  assert.deepEqual(allDiagnostics(mig).map((d) => diagKey(files[d.file as keyof typeof files], d)), [fk, ...locks]);
  // With the default globs `db/` is not a migration folder: declarations in path order (`10_…` first), so the
  // DROP runs before the index exists and the index stays.
  const plain = analyze(files);
  assert.ok([...plain.files.values()].every((f) => !f.isMigration));
  assert.deepEqual(allDiagnostics(plain), []);
  // Default globs that do match: golang-migrate style `.up.sql` files anywhere.
  const up = Object.fromEntries(Object.entries(files).map(([p, t]) => [p.replace(/\.sql$/, '.up.sql'), t]));
  assert.deepEqual(
    allDiagnostics(analyze(up)).map((d) => diagKey(up[d.file], d)),
    [fk, ...locks].map((k) => k.replace(/(\d+_\w+)\.sql/, '$1.up.sql')),
  );
});

test('declarations describe one state: an index or ALTER in a file that sorts before the table\'s file still applies', () => {
  // A common layout: schema/indexes.sql, schema/tables.sql (alphabetical: indexes first).
  const files = {
    '/ws/schema/tables.sql': 'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));\nCREATE TABLE t (a int NOT NULL);\n',
    '/ws/schema/indexes.sql': 'CREATE INDEX c_p ON c (p_id);\n',
    '/ws/schema/constraints.sql': 'ALTER TABLE t ADD PRIMARY KEY (a);\n',
  };
  const r = analyze(files);
  assert.ok([...r.files.values()].every((f) => !f.isMigration));
  assert.deepEqual(allDiagnostics(r).map((d) => diagKey(files[d.file as keyof typeof files], d)), []);
});

test('migrations: an empty list means no file is a migration; malformed globs never throw', () => {
  const files = { '/ws/migrations/1_t.sql': 'CREATE TABLE t (a int);\n' };
  const r = analyze(files, { migrations: [] });
  assert.equal(r.files.get('/ws/migrations/1_t.sql')!.isMigration, false);
  assert.equal(allDiagnostics(r).length, 1);
  for (const cfg of [{ migrations: ['['] }, { migrations: ['**/{'] }, { exclude: ['('] }, { exclude: ['[z-a]'] }]) {
    // These globs match nothing here: the file is analysed as usual.
    const out = analyze(files, cfg);
    assert.equal(out.files.size, 1, JSON.stringify(cfg));
    assert.deepEqual(allDiagnostics(out).map((d) => d.ruleId), ['missing-primary-key'], JSON.stringify(cfg));
  }
});

test('rule options: [severity, { options }] validated against the rule meta, defaults merged, later layers win per option', async () => {
  const { RULES } = await import('../../server/src/core/rules/registry');
  const { validateConfigLayer, mergeConfig } = await import('../../server/src/core/config');
  const known = new Set(RULES.map((r) => r.meta.id));
  const specs = new Map([['missing-primary-key', { max: { type: 'number' as const, default: 8, description: 'x' }, style: { type: 'string' as const, default: 'a', description: 'y', enum: ['a', 'b'] } }]]);
  const ok = validateConfigLayer({ rules: { 'missing-primary-key': ['hint', { max: 3 }] } }, 'f', known, specs);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.config.rules, { 'missing-primary-key': 'hint' });
  assert.deepEqual(ok.config.ruleOptions, { 'missing-primary-key': { max: 3 } });
  const bad = validateConfigLayer({ rules: { 'missing-primary-key': ['hint', { max: 'x', style: 'c', other: 1 }] } }, 'f', known, specs);
  assert.deepEqual(bad.errors, [
    'f: rule "missing-primary-key": option "max" must be a number; got "x"',
    'f: rule "missing-primary-key": option "style" must be one of a, b; got "c"',
    'f: rule "missing-primary-key": unknown option "other" (options: max, style)',
  ]);
  const merged = mergeConfig({ ruleOptions: { 'missing-primary-key': { max: 3, style: 'b' } } }, { ruleOptions: { 'missing-primary-key': { max: 5 } } });
  assert.deepEqual(merged.ruleOptions, { 'missing-primary-key': { max: 5, style: 'b' } });
  const noOpts = validateConfigLayer({ rules: { 'duplicate-index': ['warning', { x: 1 }] } }, 'f', known);
  assert.deepEqual(noOpts.errors, ['f: rule "duplicate-index": unknown option "x" (it has no options)']);
});
