/**
 * User input is never an exception: whatever the text, `analyze` returns, every range lies inside its file and
 * covers what it claims, and nothing is reported that the text does not warrant. Also: the not-analysed hint,
 * and a rule that throws costing only that rule.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import { RULES } from '../../server/src/core/rules/registry';
import type { AnalysisResult, Config } from '../../server/src/core/api';
import { allDiagnostics, analyze, diagKey, initCore } from '../helpers/workspace';
import { rng } from '../helpers/random';

before(() => initCore());

/** Analyses, checks every range lies inside its file, returns `key "covered text"` per finding, sorted. */
function run(files: Record<string, string>, config: Partial<Config> = {}, analyzer = new Analyzer()): { keys: string[]; r: AnalysisResult } {
  const r = analyze(files, config, analyzer);
  for (const d of allDiagnostics(r)) {
    const text = files[d.file];
    assert.ok(text !== undefined, `finding in unknown file ${d.file}`);
    assert.ok(0 <= d.start && d.start <= d.end && d.end <= text.length, `range ${d.start}-${d.end} outside ${d.file} (${text.length}): ${d.ruleId}`);
    assert.notEqual(d.severity, 'error', `${d.ruleId} reported as an error`);
  }
  const keys = allDiagnostics(r)
    .map((d) => `${diagKey(files[d.file], d)} ${JSON.stringify(files[d.file].slice(d.start, d.end))}`)
    .sort();
  return { keys, r };
}

/** Deterministic PRNG (mulberry32). */

function randomBytes(seed: number, n: number): Buffer {
  const rand = rng(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
}

// --- Junk ----------------------------------------------------------------------------------------------------------

test('binary junk (latin1 / UTF-8 decoded random bytes, NULs) in every dialect: no throw, no finding', () => {
  for (let seed = 1; seed <= 4; seed++) {
    const bytes = randomBytes(seed, 8_000);
    for (const text of [bytes.toString('latin1'), bytes.toString('utf8'), '\0'.repeat(2_000), bytes.toString('latin1').replace(/[;\n]/g, '\0')]) {
      for (const dialect of ['auto', 'postgresql', 'mysql', 'sqlite'] as const) {
        assert.deepEqual(run({ '/junk.bin.sql': text }, { dialect }).keys, [], `seed ${seed} ${dialect}`);
      }
    }
  }
});

test('junk after a real statement does not disturb its finding', () => {
  const head = 'CREATE TABLE t (a int);\n';
  const text = head + randomBytes(7, 4_000).toString('latin1');
  const { keys } = run({ '/a.sql': text }, { dialect: 'postgresql' });
  assert.ok(keys.includes('/a.sql:1:13-14 missing-primary-key "t"'), keys.join('\n'));
});

test('NUL bytes inside statements: no throw, ranges inside the text', () => {
  run({ '/a.sql': 'CREATE TABLE t\0 (a int\0);\0\0CREATE\0TABLE u (id int PRIMARY KEY);' });
  run({ '/a.sql': 'CREATE TABLE t (a int);\0' }, { dialect: 'mysql' });
  run({ '/a.sql': "CREATE TABLE t (a text DEFAULT '\0');" }, { dialect: 'sqlite' });
});

test('a 5 MB pg_dump-style dump (tables with keys, indexed FKs, INSERT and COPY data) completes with no finding', () => {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < 5 * 1024 * 1024; n++) {
    const ddl =
      `CREATE TABLE public.table_${n} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL,\n` +
      `  parent_id bigint REFERENCES public.table_${Math.max(0, n - 1)} (id)\n);\n` +
      `CREATE INDEX table_${n}_parent ON public.table_${n} (parent_id);\n`;
    // Data that looks like SQL: `;`, `--` and `/*` inside strings and COPY rows must not split or comment anything.
    const rows = Array.from({ length: 40 }, (_, i) => `INSERT INTO public.table_${n} (name, parent_id) VALUES ('row ${i}; it''s -- not a comment', ${i});\n`).join('');
    const copy = `COPY public.table_${n} (id, name) FROM stdin;\n` + Array.from({ length: 40 }, (_, i) => `${i}\tname ${i}; /* x\n`).join('') + '\\.\n\n';
    const s = ddl + rows + copy;
    parts.push(s);
    size += s.length;
  }
  const { keys, r } = run({ '/dump.sql': parts.join('') });
  assert.deepEqual(keys, []);
  const info = r.files.get('/dump.sql')!;
  assert.equal(info.dialect, 'postgresql');
  assert.equal(info.statements, parts.length * 43);
  assert.equal(info.parsed, parts.length * 2);
  assert.equal(r.stats.tables, parts.length);
});

test('10,000 nested parentheses: no throw, no stack overflow, only warranted findings', () => {
  const deep = '('.repeat(10_000);
  assert.deepEqual(run({ '/a.sql': 'CREATE TABLE t (' + deep }).keys, []);
  assert.deepEqual(run({ '/a.sql': 'SELECT ' + deep + '1' + ')'.repeat(10_000) + ';' }).keys, []);
  assert.deepEqual(run({ '/a.sql': deep }, { dialect: 'mysql' }).keys, []);
  assert.deepEqual(run({ '/a.sql': deep + ')'.repeat(10_000) }, { dialect: 'sqlite' }).keys, []);
  // A table without a key is still one, however deep its CHECK.
  const check = 'CREATE TABLE t (a int CHECK ' + deep + 'a > 0' + ')'.repeat(10_000) + ');';
  assert.deepEqual(run({ '/a.sql': check }).keys, ['/a.sql:1:13-14 missing-primary-key "t"']);
});

test('an unterminated string, comment, identifier or dollar quote at the start swallows the file silently', () => {
  const rest = '\nCREATE TABLE t (a int);\nCREATE TABLE u (a int);\n';
  for (const [opener, dialect] of [
    ["'abc", 'postgresql'],
    ['"abc', 'postgresql'],
    ['/* abc', 'postgresql'],
    ['$$ abc', 'postgresql'],
    ['$body$ abc', 'postgresql'],
    ["E'abc\\'", 'postgresql'],
    ["'abc", 'mysql'],
    ['`abc', 'mysql'],
    ['/* abc', 'mysql'],
    ["'abc", 'sqlite'],
    ['[abc', 'sqlite'],
  ] as const) {
    assert.deepEqual(run({ '/a.sql': opener + rest }, { dialect }).keys, [], `${dialect}: ${opener}`);
  }
});

test('empty file and comment-only file: an entry with no findings, zero statements', () => {
  for (const text of ['', '\n\n', '-- a\n/* b */\n-- c', '/* only */', '\uFEFF']) {
    const { keys, r } = run({ '/a.sql': text });
    assert.deepEqual(keys, [], JSON.stringify(text));
    assert.deepEqual(r.diagnostics.get('/a.sql'), [], JSON.stringify(text));
    assert.equal(r.files.get('/a.sql')!.statements, 0, JSON.stringify(text));
  }
  const mysql = run({ '/a.sql': '# one\n# two\n' }, { dialect: 'mysql' });
  assert.deepEqual(mysql.keys, []);
});

// --- Exact ranges ----------------------------------------------------------------------------------------------

test('\\r\\n line endings: ranges stay exact', () => {
  const text =
    'CREATE TABLE p (id int PRIMARY KEY);\r\n' +
    'CREATE TABLE c (\r\n' +
    '  id int PRIMARY KEY,\r\n' +
    '  p_id int REFERENCES p (id)\r\n' +
    ');\r\n' +
    'CREATE TABLE t (a int);\r\n' +
    'CREATE INDEX c_p1 ON c (p_id);\r\nCREATE INDEX c_p2 ON c (p_id);\r\n';
  assert.deepEqual(run({ '/a.sql': text }).keys, ['/a.sql:6:13-14 missing-primary-key "t"', '/a.sql:8:13-17 duplicate-index "c_p2"']);
  const my = 'CREATE TABLE t (\r\n  a int,\r\n  INDEX a1 (a),\r\n  INDEX a2 (a)\r\n) ENGINE=InnoDB;\r\n';
  assert.deepEqual(run({ '/a.sql': my }, { dialect: 'mysql' }).keys, ['/a.sql:1:13-14 missing-primary-key "t"', '/a.sql:4:8-10 duplicate-index "a2"']);
});

test('a UTF-8 BOM at the start: ranges stay exact, the dialect marker still counts', () => {
  assert.deepEqual(run({ '/a.sql': '\uFEFFCREATE TABLE t (a int);' }).keys, ['/a.sql:1:14-15 missing-primary-key "t"']);
  const marked = '\uFEFF-- schemawise: dialect=mysql\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));\n';
  const { keys, r } = run({ '/a.sql': marked });
  assert.equal(r.files.get('/a.sql')!.dialect, 'mysql');
  assert.deepEqual(keys, []);
});

test('emoji and other astral characters before a finding: ranges exact in UTF-16, in every parser', () => {
  const lead = '-- 🎉🎉 ✍️ 草稿 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n';
  const pg = lead + "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE \"😀t\" (a int); CREATE TABLE c (id int PRIMARY KEY, note text DEFAULT '🎉👍🏽', p_id int REFERENCES p (id));\n";
  assert.deepEqual(run({ '/a.sql': pg }).keys, ['/a.sql:3:13-18 missing-primary-key "\\"😀t\\""', '/a.sql:3:92-96 unindexed-foreign-key "p_id"']);
  const my = lead + "CREATE TABLE t (id int PRIMARY KEY, note varchar(10) DEFAULT '🎉👍🏽', a int, INDEX a1 (a), INDEX `a😀2` (a));\n";
  assert.deepEqual(run({ '/a.sql': my }, { dialect: 'mysql' }).keys, ['/a.sql:2:98-104 duplicate-index "`a😀2`"']);
  const lite = lead + "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, note TEXT DEFAULT '🎉👍🏽', p_id INTEGER REFERENCES p (id));\n";
  assert.deepEqual(run({ '/a.sql': lite }, { dialect: 'sqlite' }).keys, ['/a.sql:3:68-72 unindexed-foreign-key "p_id"']);
});

// --- While typing ----------------------------------------------------------------------------------------------

function typeThrough(schema: string, first: string) {
  const analyzer = new Analyzer();
  const baseline = run({ '/s.sql': first }).keys;
  const secondEnd = schema.indexOf(';', first.length) + 1;
  let checked = 0;
  for (let i = 0; i <= schema.length; i++) {
    const p = schema.slice(0, i);
    const files = { '/s.sql': p };
    // run() asserts no throw and every range inside the text; the stateful analyzer agrees with a fresh one.
    const live = run(files, {}, analyzer).keys;
    assert.deepEqual(live, run(files).keys, `prefix ${i}: cached analysis differs from a fresh one`);
    if (i >= first.length && i < secondEnd) {
      const onFirst = allDiagnostics(analyze(files)).filter((d) => d.start < first.length);
      assert.deepEqual(
        onFirst.map((d) => `${diagKey(p, d)} ${JSON.stringify(p.slice(d.start, d.end))}`).sort(),
        baseline,
        `prefix ${i} ${JSON.stringify(p.slice(first.length))}`,
      );
      checked++;
    }
  }
  assert.ok(checked > 20);
}

test('typing a 3-statement PG schema character by character: no throw, ranges inside, first statement stable', () => {
  const first = 'CREATE TABLE a (id bigint PRIMARY KEY);\n';
  const schema = first + 'CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  a_id bigint NOT NULL REFERENCES a (id)\n);\nCREATE INDEX b_a_id ON b (a_id);\n';
  typeThrough(schema, first);
  assert.deepEqual(run({ '/s.sql': schema }).keys, []);
});

test('typing after a first statement that has a finding: that finding stays exactly while the second is half-typed', () => {
  // `a.id` is UNIQUE so that b's foreign key is one the database accepts (else foreign-key-to-non-unique, an error).
  const first = 'CREATE TABLE a (id bigint UNIQUE, name text);\n';
  const schema = first + 'CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id), CONSTRAINT u UNIQUE (a_id, id));\nCREATE INDEX b_a ON b USING btree (a_id DESC NULLS LAST);\n';
  typeThrough(schema, first);
  assert.deepEqual(run({ '/s.sql': first }).keys, ['/s.sql:1:13-14 missing-primary-key "a"']);
});

const BEFORE = 'CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE c (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));\nCREATE TABLE n (x int);\n';
const BEFORE_KEYS = ['/s.sql:2:39-43 unindexed-foreign-key "a_id"', '/s.sql:3:13-14 missing-primary-key "n"'];
const AFTER = '\nCREATE TABLE d (id bigint PRIMARY KEY, note text);\nCREATE INDEX d_note ON d (note);\n';

test('a half-typed statement in the middle: earlier findings kept, no FK or PK finding from the half-typed part', () => {
  for (const mid of [
    'CREATE TAB',
    'CREATE TABLE b (',
    'CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  a_id bigint REFER',
    'CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  a_id bigint REFERENCES a (i',
    'CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  a_id bigint REFERENCES a (id',
    'CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  a_id bigint REFERENCES a (id)',
    "CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  note text DEFAULT 'x",
    'CREATE INDEX c_a ON c (a_',
    'ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (a_id) REFERENCES a (',
    'ALTER TABLE n ADD PRIMARY KE',
  ]) {
    const text = BEFORE + mid + AFTER;
    const keys = run({ '/s.sql': text }).keys;
    assert.deepEqual(
      keys.filter((k) => Number(k.split(':')[1]) <= 3),
      BEFORE_KEYS,
      JSON.stringify(mid),
    );
    assert.deepEqual(
      keys.filter((k) => Number(k.split(':')[1]) > 3),
      [],
      JSON.stringify(mid),
    );
  }
});

test('a table whose `)` is not typed yet, cut off in the middle of its PRIMARY KEY: no missing-primary-key on it', () => {
  const text = BEFORE + 'CREATE TABLE b (\n  a_id bigint REFERENCES a (id),\n  id bigint PRIM' + AFTER;
  const keys = run({ '/s.sql': text }).keys;
  assert.deepEqual(keys.filter((k) => k.includes('missing-primary-key')), ['/s.sql:3:13-14 missing-primary-key "n"']);
});

test('typing a statement in the middle of a large file (incremental re-parse): same as a fresh analysis at every step', () => {
  // Above the incremental threshold (16 KB) while a fresh analysis per step stays cheap: 40 statements and a long comment.
  const filler =
    Array.from({ length: 40 }, (_, i) => `CREATE TABLE f${i} (id bigint PRIMARY KEY, v text);\n`).join('') +
    `/*\n${'  Generated by the schema exporter; do not edit by hand.\n'.repeat(300)}*/\n`;
  const fillerLines = filler.split('\n').length - 1;
  const head = filler + BEFORE;
  const typed = 'CREATE TABLE b (\n  id bigint PRIMARY KEY,\n  a_id bigint NOT NULL REFERENCES a (id)\n);\nCREATE INDEX b_a_id ON b (a_id);\n';
  const tail = AFTER + 'CREATE TABLE z (x int);\n';
  assert.ok(head.length > 16 * 1024);
  const headLines = head.split('\n').length - 1;
  const beforeKeys = run({ '/s.sql': head + tail }).keys.filter((k) => Number(k.split(':')[1]) <= headLines);
  assert.deepEqual(beforeKeys, BEFORE_KEYS.map((k) => k.replace(/:(\d+):/, (_, l) => `:${Number(l) + fillerLines}:`)));
  const analyzer = new Analyzer();
  const complete = typed.indexOf('(id)\n)') + '(id)\n)'.length;
  for (let i = 0; i <= typed.length; i++) {
    const text = head + typed.slice(0, i) + tail;
    const files = { '/s.sql': text };
    const live = run(files, {}, analyzer);
    assert.deepEqual(live.keys, run(files).keys, `step ${i}`);
    assert.deepEqual(live.keys.filter((k) => Number(k.split(':')[1]) <= headLines), beforeKeys, `step ${i}`);
    // Findings that start inside the typed text: never a missing key on `b`, and the FK only once its element is complete.
    const inTyped = allDiagnostics(live.r).filter((d) => d.start >= head.length && d.start < head.length + i);
    const what = inTyped.map((d) => `${d.ruleId} ${text.slice(d.start, d.end)}`);
    assert.ok(!what.some((w) => w.startsWith('missing-primary-key')), `step ${i}: ${what}`);
    if (i < complete) assert.deepEqual(what.filter((w) => w.startsWith('unindexed-foreign-key')), [], `step ${i} ${JSON.stringify(typed.slice(0, i))}`);
  }
  // Fully typed: the new table is clean.
  assert.deepEqual(
    run({ '/s.sql': head + typed + tail }).keys.filter((k) => Number(k.split(':')[1]) > headLines),
    [`/s.sql:${headLines + 9}:13-14 missing-primary-key "z"`],
  );
});

// --- Syntax the parsers do not know ------------------------------------------------------------------------------

test('unfamiliar but valid syntax: no finding unless warranted, never an error', () => {
  const clean: [Config['dialect'], string][] = [
    ['postgresql', 'CREATE TABLE t (id int PRIMARY KEY) WITH (fillfactor=70) TABLESPACE x;'],
    ['postgresql', 'CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL, c int CHECK (c > 0) NOT ENFORCED);'],
    ['postgresql', 'CREATE TABLE r (id int, valid tstzrange, PRIMARY KEY (id, valid WITHOUT OVERLAPS));'],
    ['postgresql', 'CREATE TABLE p (id uuid PRIMARY KEY DEFAULT uuidv7());\nCREATE TABLE c (id int PRIMARY KEY, p_id uuid REFERENCES p (id) NOT ENFORCED);\nCREATE INDEX c_p ON c (p_id);'],
    ['postgresql', 'CREATE TABLE t (id int PRIMARY KEY) USING heap;\nCREATE UNLOGGED TABLE u (id int PRIMARY KEY);'],
    ['mysql', 'CREATE TABLE t (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y)) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE);'],
    ['mysql', '/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE t (id bigint NOT NULL AUTO_INCREMENT, a int, b int AS (a * 2) STORED, PRIMARY KEY (id), KEY a_idx (a) INVISIBLE) /*!50100 PARTITION BY HASH (id) PARTITIONS 4 */;'],
    ['sqlite', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT) STRICT;'],
    ['sqlite', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a ANY) STRICT, WITHOUT ROWID;\nCREATE TABLE [u] ([id] INTEGER PRIMARY KEY, b INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL) STRICT;'],
  ];
  for (const [dialect, sql] of clean) {
    assert.deepEqual(run({ '/a.sql': sql }, { dialect }).keys, [], `${dialect}: ${sql}`);
    // With the hint on, at most the hint, and never as an error (run() checks severities).
    const hinted = run({ '/a.sql': sql }, { dialect, reportNotAnalysed: true }).keys;
    assert.ok(hinted.every((k) => k.includes(' not-analysed ')), `${dialect}: ${hinted}`);
  }
});

test('unfamiliar syntax around a real problem: the finding is still reported, exactly', () => {
  assert.deepEqual(
    run({ '/a.sql': 'CREATE TABLE logs (y int) ENGINE=InnoDB PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE);' }, { dialect: 'mysql' }).keys,
    ['/a.sql:1:13-17 missing-primary-key "logs"'],
  );
  assert.deepEqual(
    run({ '/a.sql': 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id)) STRICT;' }, { dialect: 'sqlite' }).keys,
    ['/a.sql:2:40-44 unindexed-foreign-key "p_id"'],
  );
  assert.deepEqual(
    run({ '/a.sql': 'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (\n  id int PRIMARY KEY, p_id int REFERENCES p (id)) WITH (fillfactor=70) TABLESPACE x;' }).keys,
    ['/a.sql:3:22-26 unindexed-foreign-key "p_id"'],
  );
});

// --- not-analysed ------------------------------------------------------------------------------------------------

const BROKEN = 'CREATE TABLE t (id int PRIMARY KEY) FROBNICATE;\nCREATE TABLE u (id int PRIMARY KEY);\nCREATE TABLE v (id int PRIMARY KEY) FROB;\n';

test('not-analysed is off by default', () => {
  assert.deepEqual(run({ '/a.sql': BROKEN }).keys, []);
});

test('reportNotAnalysed: exactly one hint per file with unparseable statements, on the first one; none for clean files', () => {
  const files = { '/a.sql': BROKEN, '/b.sql': 'CREATE TABLE w (id int PRIMARY KEY);\n', '/c.sql': 'CREATE TABLE x (id int PRIMARY KEY) FROB;\n' };
  const { keys, r } = run(files, { reportNotAnalysed: true });
  assert.deepEqual(keys, [
    '/a.sql:1:0-46 not-analysed "CREATE TABLE t (id int PRIMARY KEY) FROBNICATE"',
    '/c.sql:1:0-40 not-analysed "CREATE TABLE x (id int PRIMARY KEY) FROB"',
  ]);
  const hint = r.diagnostics.get('/a.sql')![0];
  assert.equal(hint.severity, 'hint');
  assert.match(hint.message, /^2 statements in this file could not be fully analysed by the postgresql parser$/);
  assert.match(r.diagnostics.get('/c.sql')![0].message, /^1 statement in this file/);
  assert.ok(hint.help && hint.help.includes('First parser message'));
  assert.deepEqual(r.diagnostics.get('/b.sql'), []);
});

test('reportNotAnalysed: the hint covers the first line of the statement even without a trailing newline', () => {
  const text = 'CREATE TABLE t (id int PRIMARY KEY) FROBNICATE;';
  assert.deepEqual(run({ '/a.sql': text }, { reportNotAnalysed: true }).keys, ['/a.sql:1:0-46 not-analysed "CREATE TABLE t (id int PRIMARY KEY) FROBNICATE"']);
});

test('reportNotAnalysed: DML, comments and empty files are not "not analysed"', () => {
  const files = {
    '/a.sql': "INSERT INTO t VALUES (1);\nSELECT 1;\nUPDATE t SET a = 1;\n-- note\n",
    '/b.sql': '',
    '/c.sql': '/* only a comment */',
  };
  assert.deepEqual(run(files, { reportNotAnalysed: true }).keys, []);
});

// --- A rule that throws ------------------------------------------------------------------------------------------

test('a rule that throws costs only that rule: others report, one internal error for repeated runs, analyze returns', () => {
  const rule = RULES.find((r) => r.meta.id === 'duplicate-index')!;
  const original = rule.checkTable;
  rule.checkTable = () => {
    throw new Error('boom in duplicate-index');
  };
  try {
    const files = {
      '/a.sql':
        'CREATE TABLE p (id int PRIMARY KEY);\n' +
        'CREATE TABLE t (a int, b int, p_id int REFERENCES p (id));\n' +
        'CREATE INDEX t_a1 ON t (a);\nCREATE INDEX t_a2 ON t (a);\nCREATE INDEX t_ab ON t (a, b);\n',
    };
    const analyzer = new Analyzer();
    const expected = ['/a.sql:2:13-14 missing-primary-key "t"', '/a.sql:2:30-34 unindexed-foreign-key "p_id"', '/a.sql:3:13-17 redundant-index "t_a1"'];
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(run(files, {}, analyzer).keys, expected, `run ${i}`);
    }
    assert.equal(analyzer.internalErrors.length, 1, analyzer.internalErrors.join('\n'));
    assert.match(analyzer.internalErrors[0], /^rule duplicate-index failed on postgresql schema \(workspace\): .*boom in duplicate-index/s);
    // Hover still works on the same analyzer.
    const text = files['/a.sql'];
    assert.ok(analyzer.hover('/a.sql', text.indexOf('t_ab'))?.markdown.startsWith('**Index `t_ab`**'));
  } finally {
    rule.checkTable = original;
  }
  // Restored: the rule reports again.
  assert.ok(run({ '/a.sql': 'CREATE TABLE t (a int PRIMARY KEY);\nCREATE INDEX i1 ON t (a);\n' }).keys.some((k) => k.includes('duplicate-index')));
});
