/**
 * Suppression comments, end to end through the Analyzer:
 *   `-- schemawise-ignore <id>[, <id>…] [-- reason]`  above a statement: that statement; inside one: the next code
 *                                                      line; trailing: its own line
 *   `-- schemawise-ignore-file <id>`                   the whole file (and only that file)
 * plus `/* … *\/` and MySQL `#` comments, unknown ids, directives that are not comments (string literals), and the
 * quick-fix edits of suppress.ts (applied, they must silence the finding on re-analysis).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Config, Diagnostic, TextEdit } from '../../server/src/core/api';
import { ignoreFileEdit, ignoreNextEdit, readSuppression } from '../../server/src/core/suppress';
import { allDiagnostics, analyze, diagKey, initCore } from '../helpers/workspace';

before(() => initCore());

/** `path:line:startCol-endCol rule-id "covered text"`, sorted. */
function found(files: Record<string, string>, config: Partial<Config> = {}): string[] {
  return describe(files, allDiagnostics(analyze(files, config)));
}

function describe(files: Record<string, string>, ds: Diagnostic[]): string[] {
  return ds.map((d) => `${diagKey(files[d.file], d)} ${JSON.stringify(files[d.file].slice(d.start, d.end))}`).sort();
}

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

const PARENT = 'CREATE TABLE p (id int PRIMARY KEY);\n';

test('control: the statements used below do report without a directive', () => {
  const a = PARENT + 'CREATE TABLE c (\n  x int,\n  p_id int REFERENCES p (id),\n  q_id int REFERENCES p (id)\n);\n';
  assert.deepEqual(found({ '/a.sql': a }), [
    '/a.sql:2:13-14 missing-primary-key "c"',
    '/a.sql:4:2-6 unindexed-foreign-key "p_id"',
    '/a.sql:5:2-6 unindexed-foreign-key "q_id"',
  ]);
});

test('own line above a statement: suppresses the named rule in the whole (multi-line) statement, and nothing else', () => {
  const a =
    PARENT +
    '-- schemawise-ignore unindexed-foreign-key\n' +
    'CREATE TABLE c (\n  x int,\n  p_id int REFERENCES p (id),\n  q_id int REFERENCES p (id)\n);\n' +
    'CREATE TABLE d (id int PRIMARY KEY, p_id int REFERENCES p (id));\n';
  assert.deepEqual(found({ '/a.sql': a }), [
    // other rules in the same statement are still reported
    '/a.sql:3:13-14 missing-primary-key "c"',
    // the next statement is not covered
    '/a.sql:8:36-40 unindexed-foreign-key "p_id"',
  ]);
});

test('own line above a statement, separated by a blank line and another comment, still leads it', () => {
  const a = '-- schemawise-ignore missing-primary-key\n\n-- the audit log\nCREATE TABLE t (a int);\nCREATE TABLE u (a int);\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:5:13-14 missing-primary-key "u"']);
});

test('own line inside a statement: the next code line only, skipping blank and `--` comment lines', () => {
  const a =
    PARENT +
    'CREATE TABLE c (\n' +
    '  id int PRIMARY KEY,\n' +
    '  -- schemawise-ignore unindexed-foreign-key\n' +
    '\n' +
    '  -- the parent link\n' +
    '  p_id int REFERENCES p (id),\n' +
    '  q_id int REFERENCES p (id)\n' +
    ');\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:8:2-6 unindexed-foreign-key "q_id"']);
});

test('own line inside a statement: a `/* … */` comment line is skipped like a `--` one', () => {
  const a =
    PARENT +
    'CREATE TABLE c (\n' +
    '  id int PRIMARY KEY,\n' +
    '  -- schemawise-ignore unindexed-foreign-key\n' +
    '  /* the parent link */\n' +
    '  p_id int REFERENCES p (id),\n' +
    '  q_id int REFERENCES p (id)\n' +
    ');\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:7:2-6 unindexed-foreign-key "q_id"']);
});

test('MySQL: own line `#` directive inside a statement skips `#` comment lines too', () => {
  const a =
    'CREATE TABLE t (\n' +
    '  id int PRIMARY KEY,\n' +
    '  a int,\n' +
    '  INDEX a1 (a),\n' +
    '  # schemawise-ignore duplicate-index\n' +
    '  # a2 serves the reporting job\n' +
    '  INDEX a2 (a),\n' +
    '  INDEX a3 (a)\n' +
    ') ENGINE=InnoDB;\n';
  assert.deepEqual(found({ '/a.sql': a }, { dialect: 'mysql' }), ['/a.sql:8:8-10 duplicate-index "a3"']);
});

test('trailing comment: suppresses its own line only', () => {
  const a =
    PARENT +
    'CREATE TABLE c (\n' +
    '  id int PRIMARY KEY,\n' +
    '  p_id int REFERENCES p (id), -- schemawise-ignore unindexed-foreign-key\n' +
    '  q_id int REFERENCES p (id)\n' +
    ');\n' +
    'CREATE TABLE t (a int); -- schemawise-ignore missing-primary-key\n' +
    'CREATE TABLE u (a int);\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:5:2-6 unindexed-foreign-key "q_id"', '/a.sql:8:13-14 missing-primary-key "u"']);
});

test('several ids, comma- or space-separated, with or without a reason', () => {
  const body = 'CREATE TABLE c (x int, p_id int REFERENCES p (id));\n';
  for (const directive of [
    '-- schemawise-ignore missing-primary-key, unindexed-foreign-key',
    '-- schemawise-ignore missing-primary-key,unindexed-foreign-key',
    '-- schemawise-ignore missing-primary-key unindexed-foreign-key',
    '-- schemawise-ignore unindexed-foreign-key, missing-primary-key -- legacy table, owned by billing',
  ]) {
    assert.deepEqual(found({ '/a.sql': PARENT + directive + '\n' + body }), [], directive);
  }
});

test('the reason after `--` is not read as rule ids', () => {
  const a = PARENT + '-- schemawise-ignore unindexed-foreign-key -- missing-primary-key is tracked in JIRA-12\nCREATE TABLE c (x int, p_id int REFERENCES p (id));\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:3:13-14 missing-primary-key "c"']);
});

test('`/* schemawise-ignore … */` works above a statement, on the same line before it, and as a trailing comment', () => {
  assert.deepEqual(found({ '/a.sql': '/* schemawise-ignore missing-primary-key */\nCREATE TABLE t (a int);\nCREATE TABLE u (a int);\n' }), [
    '/a.sql:3:13-14 missing-primary-key "u"',
  ]);
  assert.deepEqual(found({ '/a.sql': '/* schemawise-ignore missing-primary-key */ CREATE TABLE t (a int);\nCREATE TABLE u (a int);\n' }), [
    '/a.sql:2:13-14 missing-primary-key "u"',
  ]);
  assert.deepEqual(found({ '/a.sql': 'CREATE TABLE t (a int); /* schemawise-ignore missing-primary-key */\nCREATE TABLE u (a int);\n' }), [
    '/a.sql:2:13-14 missing-primary-key "u"',
  ]);
});

test('ignore-file anywhere in the file suppresses that rule in the whole file, and only in that file', () => {
  const a =
    'CREATE TABLE t (a int);\n' +
    'CREATE TABLE p (id int PRIMARY KEY);\n' +
    'CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));\n' +
    'CREATE TABLE u (a int);\n' +
    '-- schemawise-ignore-file missing-primary-key\n';
  const b = 'CREATE TABLE v (a int);\n';
  assert.deepEqual(found({ '/a.sql': a, '/b.sql': b }), [
    '/a.sql:3:36-40 unindexed-foreign-key "p_id"',
    '/b.sql:1:13-14 missing-primary-key "v"',
  ]);
});

test('MySQL `#` comments hold directives (leading, trailing, ignore-file)', () => {
  const cfg = { dialect: 'mysql' as const };
  assert.deepEqual(found({ '/a.sql': '# schemawise-ignore missing-primary-key\nCREATE TABLE t (a int) ENGINE=InnoDB;\nCREATE TABLE u (a int);\n' }, cfg), [
    '/a.sql:3:13-14 missing-primary-key "u"',
  ]);
  assert.deepEqual(found({ '/a.sql': 'CREATE TABLE t (a int); # schemawise-ignore missing-primary-key\nCREATE TABLE u (a int);\n' }, cfg), [
    '/a.sql:2:13-14 missing-primary-key "u"',
  ]);
  assert.deepEqual(found({ '/a.sql': 'CREATE TABLE t (a int);\n#schemawise-ignore-file missing-primary-key\nCREATE TABLE u (a int);\n' }, cfg), []);
});

test('CRLF line endings: leading, inner and trailing directives work and unknown ids are located exactly', () => {
  const a =
    'CREATE TABLE p (id int PRIMARY KEY);\r\n' +
    'CREATE TABLE c (\r\n' +
    '  id int PRIMARY KEY,\r\n' +
    '  -- schemawise-ignore unindexed-foreign-key\r\n' +
    '\r\n' +
    '  p_id int REFERENCES p (id),\r\n' +
    '  q_id int REFERENCES p (id), -- schemawise-ignore unindexed-foreign-key\r\n' +
    '  r_id int REFERENCES p (id)\r\n' +
    ');\r\n' +
    '-- schemawise-ignore missing-primary-key, no-such-rule\r\n' +
    'CREATE TABLE t (a int);\r\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:10:42-54 unknown-rule-id "no-such-rule"', '/a.sql:8:2-6 unindexed-foreign-key "r_id"']);
});

test('`-- schemawise-ignore-file not-analysed` silences the not-analysed hint', () => {
  const a = 'CREATE TABLE t (id int PRIMARY KEY) FROBNICATE;\n';
  assert.deepEqual(found({ '/a.sql': a }, { reportNotAnalysed: true }).map((k) => k.split(' ')[1]), ['not-analysed']);
  assert.deepEqual(found({ '/a.sql': '-- schemawise-ignore-file not-analysed\n' + a }, { reportNotAnalysed: true }), []);
});

// --- Directives that are not comments -------------------------------------------------------------------------

test('a directive inside a string literal does not suppress, and is not read as a directive', () => {
  // Each of these texts holds the directive only inside a string: the finding stays, and no unknown-rule-id appears.
  const pg = [
    "CREATE TABLE t (a text DEFAULT '-- schemawise-ignore missing-primary-key ');\n",
    "CREATE TABLE t (a text DEFAULT '/* schemawise-ignore missing-primary-key */');\n",
    "CREATE TABLE t (a text DEFAULT '-- schemawise-ignore-file missing-primary-key ');\n",
    "CREATE TABLE t (a text DEFAULT $$-- schemawise-ignore missing-primary-key $$);\n",
  ];
  for (const a of pg) assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:1:13-14 missing-primary-key "t"'], a);
  const my = "CREATE TABLE t (a varchar(80) DEFAULT '# schemawise-ignore missing-primary-key ') ENGINE=InnoDB;\n";
  assert.deepEqual(found({ '/a.sql': my }, { dialect: 'mysql' }), ['/a.sql:1:13-14 missing-primary-key "t"'], my);
});

test('a directive on its own line inside a multi-line string literal does not suppress the next line', () => {
  const a =
    PARENT +
    'CREATE TABLE c (\n' +
    '  id int PRIMARY KEY,\n' +
    "  note text DEFAULT '\n" +
    '-- schemawise-ignore unindexed-foreign-key\n' +
    "', p_id int REFERENCES p (id)\n" +
    ');\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:6:3-7 unindexed-foreign-key "p_id"']);
});

test('a comment that merely mentions schemawise-ignore in prose is not a directive', () => {
  const a = '-- see the docs on schemawise-ignore missing-primary-key\nCREATE TABLE t (a int);\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:2:13-14 missing-primary-key "t"']);
});

// --- Unknown ids ----------------------------------------------------------------------------------------------

test('an unknown id: warning `unknown-rule-id` exactly on the id, and it suppresses nothing', () => {
  const a = '-- schemawise-ignore no-such-rule\nCREATE TABLE t (a int);\n';
  const ds = allDiagnostics(analyze({ '/a.sql': a }));
  const unknown = ds.filter((d) => d.ruleId === 'unknown-rule-id');
  assert.equal(unknown.length, 1);
  assert.equal(unknown[0].severity, 'warning');
  assert.equal(a.slice(unknown[0].start, unknown[0].end), 'no-such-rule');
  assert.equal(unknown[0].start, a.indexOf('no-such-rule'));
  assert.match(unknown[0].message, /`no-such-rule`/);
  assert.deepEqual(describe({ '/a.sql': a }, ds), ['/a.sql:1:21-33 unknown-rule-id "no-such-rule"', '/a.sql:2:13-14 missing-primary-key "t"']);
});

test('a typo of a real id suppresses nothing and is reported', () => {
  for (const [a, at] of [
    ['-- schemawise-ignore missing-primary-keys\nCREATE TABLE t (a int);\n', '/a.sql:1:21-41 unknown-rule-id "missing-primary-keys"'],
    ['CREATE TABLE t (a int); -- schemawise-ignore missing-pk\n', '/a.sql:1:45-55 unknown-rule-id "missing-pk"'],
    ['CREATE TABLE t (a int);\n-- schemawise-ignore-file missing_primary_key\n', '/a.sql:2:26-45 unknown-rule-id "missing_primary_key"'],
  ] as const) {
    const files = { '/a.sql': a };
    const mpk = found(files).filter((k) => k.includes('missing-primary-key "t"'));
    assert.equal(mpk.length, 1, a);
    assert.deepEqual(found(files).filter((k) => k.includes('unknown-rule-id')), [at]);
  }
});

test('known ids next to an unknown one still suppress', () => {
  const a = '-- schemawise-ignore no-such-rule, missing-primary-key\nCREATE TABLE t (a int);\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:1:21-33 unknown-rule-id "no-such-rule"']);
});

test('an unknown id that also occurs inside an earlier id is located on its own occurrence', () => {
  // `missing` occurs first inside `missing-primary-key`; the diagnostic must sit on the second word.
  const a = '-- schemawise-ignore missing-primary-key, missing\nCREATE TABLE t (a int);\n';
  const u = allDiagnostics(analyze({ '/a.sql': a })).filter((d) => d.ruleId === 'unknown-rule-id');
  assert.equal(u.length, 1);
  assert.equal(u[0].start, a.lastIndexOf('missing'));
  assert.equal(u[0].end, a.lastIndexOf('missing') + 'missing'.length);
});

// --- Quick-fix edits ------------------------------------------------------------------------------------------

function only(files: Record<string, string>, ruleId: string): Diagnostic[] {
  return allDiagnostics(analyze(files)).filter((d) => d.ruleId === ruleId);
}

test('ignoreNextEdit above a statement: inserts the directive line and silences the finding', () => {
  const a = 'CREATE TABLE keep (a int);\nCREATE TABLE t (a int);\n';
  const [, d] = only({ '/a.sql': a }, 'missing-primary-key');
  assert.equal(a.slice(d.start, d.end), 't');
  const e = ignoreNextEdit('/a.sql', a, d.start, d.ruleId);
  const b = apply(a, e);
  assert.equal(b, 'CREATE TABLE keep (a int);\n-- schemawise-ignore missing-primary-key\nCREATE TABLE t (a int);\n');
  assert.deepEqual(found({ '/a.sql': b }), ['/a.sql:1:13-17 missing-primary-key "keep"']);
});

test('ignoreNextEdit inside a statement: keeps the indentation and silences that line only', () => {
  const a = PARENT + 'CREATE TABLE c (\n  id int PRIMARY KEY,\n\tp_id int REFERENCES p (id),\n  q_id int REFERENCES p (id)\n);\n';
  const ds = only({ '/a.sql': a }, 'unindexed-foreign-key');
  assert.deepEqual(ds.map((d) => a.slice(d.start, d.end)), ['p_id', 'q_id']);
  let b = apply(a, ignoreNextEdit('/a.sql', a, ds[1].start, ds[1].ruleId));
  assert.ok(b.includes('\n  -- schemawise-ignore unindexed-foreign-key\n  q_id int'), b);
  assert.deepEqual(found({ '/a.sql': b }), ['/a.sql:4:1-5 unindexed-foreign-key "p_id"']);
  // The tab-indented line gets a tab-indented directive.
  const d2 = only({ '/a.sql': b }, 'unindexed-foreign-key')[0];
  b = apply(b, ignoreNextEdit('/a.sql', b, d2.start, d2.ruleId));
  assert.ok(b.includes('\n\t-- schemawise-ignore unindexed-foreign-key\n\tp_id int'), b);
  assert.deepEqual(found({ '/a.sql': b }), []);
});

test('ignoreNextEdit on the second statement of a line silences that statement', () => {
  const a = 'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE t (a int);\n';
  const [d] = only({ '/a.sql': a }, 'missing-primary-key');
  assert.equal(a.slice(d.start, d.end), 't');
  const b = apply(a, ignoreNextEdit('/a.sql', a, d.start, d.ruleId));
  assert.deepEqual(found({ '/a.sql': b }), []);
});

test('ignoreFileEdit without a directive: one line at the top silences the rule in the whole file', () => {
  const a = 'CREATE TABLE t (a int);\nCREATE TABLE u (a int);\n';
  const e = ignoreFileEdit('/a.sql', a, 'missing-primary-key', 'postgresql');
  const b = apply(a, e);
  assert.equal(b, '-- schemawise-ignore-file missing-primary-key\n' + a);
  assert.deepEqual(found({ '/a.sql': b }), []);
});

test('ignoreFileEdit with an existing `--` directive adds the id to it instead of a second line', () => {
  const a =
    '-- schemawise-ignore-file redundant-index\n' +
    'CREATE TABLE t (a int, b int);\n' +
    'CREATE INDEX t_a ON t (a);\n' +
    'CREATE INDEX t_ab ON t (a, b);\n';
  assert.deepEqual(found({ '/a.sql': a }), ['/a.sql:2:13-14 missing-primary-key "t"']);
  const b = apply(a, ignoreFileEdit('/a.sql', a, 'missing-primary-key', 'postgresql'));
  assert.equal(b.split('\n')[0], '-- schemawise-ignore-file redundant-index, missing-primary-key');
  assert.equal(b.split('schemawise-ignore-file').length - 1, 1);
  // Both the old and the new id are honoured.
  assert.deepEqual(found({ '/a.sql': b }), []);
});

test('ignoreFileEdit with an existing directive that has a reason adds the id before the reason', () => {
  const a = '-- schemawise-ignore-file redundant-index -- legacy tables\nCREATE TABLE t (a int);\n';
  const b = apply(a, ignoreFileEdit('/a.sql', a, 'missing-primary-key', 'postgresql'));
  assert.equal(b.split('\n')[0], '-- schemawise-ignore-file redundant-index, missing-primary-key -- legacy tables');
  assert.deepEqual(found({ '/a.sql': b }), []);
});

test('ignoreFileEdit with an existing `/* … */` directive adds the id inside the comment', () => {
  const a = '/* schemawise-ignore-file redundant-index */\nCREATE TABLE t (a int);\n';
  const b = apply(a, ignoreFileEdit('/a.sql', a, 'missing-primary-key', 'postgresql'));
  assert.equal(b, '/* schemawise-ignore-file redundant-index, missing-primary-key */\nCREATE TABLE t (a int);\n');
  const r = analyze({ '/a.sql': b });
  assert.deepEqual(allDiagnostics(r), []);
  // …and the statement still parses (the edit did not silence the finding by breaking the SQL).
  assert.equal(r.files.get('/a.sql')!.parsed, 1);
});

test('ignoreFileEdit ignores directive-like text inside a string literal and adds a real directive', () => {
  const a = "CREATE TABLE t (a int, note text DEFAULT '-- schemawise-ignore-file redundant-index');\n";
  const b = apply(a, ignoreFileEdit('/a.sql', a, 'missing-primary-key', 'postgresql'));
  assert.equal(b, '-- schemawise-ignore-file missing-primary-key\n' + a);
  assert.deepEqual(found({ '/a.sql': b }), []);
});

test('Prisma and TypeORM files: `//` directives above a field or property, at a line end, and for the file; the quick-fix edits write `//`', () => {
  const schema = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    BigInt @id @default(autoincrement())
  posts Post[]
}

model Post {
  id       BigInt @id @default(autoincrement())
  amount   Float
  authorId BigInt
  author   User   @relation(fields: [authorId], references: [id])
}
`;
  const entity = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Invoice {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('float') total: number;
}
`;
  const files = { '/p/schema.prisma': schema, '/p/src/entities/invoice.entity.ts': entity };
  assert.deepEqual(found(files), [
    '/p/schema.prisma:13:11-16 float-for-money "Float"',
    '/p/schema.prisma:15:36-46 unindexed-foreign-key "[authorId]"',
    '/p/src/entities/invoice.entity.ts:5:10-17 float-for-money "\'float\'"',
  ]);
  const quiet = {
    '/p/schema.prisma': schema
      .replace('  amount   Float', '  amount   Float // schemawise-ignore float-for-money -- a ratio, not money')
      .replace('  author ', '  // schemawise-ignore unindexed-foreign-key\n  author '),
    '/p/src/entities/invoice.entity.ts': '// schemawise-ignore-file float-for-money\n' + entity,
  };
  assert.deepEqual(found(quiet), []);
  // The quick-fix edits: `//` comments in these files.
  const next = ignoreNextEdit('/p/schema.prisma', schema, schema.indexOf('author '), 'unindexed-foreign-key');
  assert.equal(next.newText, '  // schemawise-ignore unindexed-foreign-key\n');
  const whole = ignoreFileEdit('/p/src/entities/invoice.entity.ts', entity, 'float-for-money', 'postgresql');
  assert.equal(whole.newText, '// schemawise-ignore-file float-for-money\n');
  assert.deepEqual(found({ '/p/schema.prisma': apply(schema, next), '/p/src/entities/invoice.entity.ts': apply(entity, whole) }), ['/p/schema.prisma:13:11-16 float-for-money "Float"']);
  const again = ignoreFileEdit('/p/x.entity.ts', '// schemawise-ignore-file float-for-money\n' + entity, 'timestamp-without-time-zone', 'postgresql');
  assert.equal(again.newText, ', timestamp-without-time-zone');
});
