/** The renderers on hand-built diagnostics: no engine involved, so these pin the output formats exactly. */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic, SourceFile } from '../../server/src/core/api';
import { codeFrame, renderJson, renderSarif, renderText, type Report } from '../../server/src/cli/format';
import { LineIndex } from '../../server/src/node/lines';
import { matchSnapshot, validateSarif } from './helpers';

const CWD = '/work/project';

const schema: SourceFile = {
  path: `${CWD}/db/schema.sql`,
  text: [
    '-- schemawise: dialect=postgresql',
    'CREATE TABLE orders (',
    '\tid bigint,',
    '  customer_id bigint REFERENCES customers (id),',
    "  note text DEFAULT '日本'",
    ');',
    'CREATE INDEX a ON orders (customer_id);',
    'CREATE INDEX b ON orders (customer_id);',
    '',
  ].join('\n'),
};
const crlf: SourceFile = { path: `${CWD}/db/legacy.sql`, text: 'CREATE TABLE t (\r\n  x int\r\n);\r\n' };
const clean: SourceFile = { path: `${CWD}/db/clean.sql`, text: 'CREATE TABLE c (id int PRIMARY KEY);\n' };
const outside: SourceFile = { path: '/elsewhere/shared schema.sql', text: 'CREATE TABLE s (v int);\n' };

/** Offsets of the `nth` occurrence of `needle` in `file`. */
function at(file: SourceFile, needle: string, nth = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = file.text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in ${file.path}`);
  return { start: i, end: i + needle.length };
}

function diag(file: SourceFile, needle: string, d: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'severity' | 'message'>, nth = 0): Diagnostic {
  return { file: file.path, ...at(file, needle, nth), fixes: [], ...d };
}

const statementB = 'CREATE INDEX b ON orders (customer_id);';
const diagnostics: Diagnostic[] = [
  diag(schema, 'orders', {
    ruleId: 'missing-primary-key',
    severity: 'warning',
    message: 'Table `orders` has no primary key',
    help: 'Add a primary key, e.g. `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`',
  }),
  diag(schema, 'customer_id', {
    ruleId: 'unindexed-foreign-key',
    severity: 'error',
    message: 'Foreign key `orders(customer_id)` has no index',
    help: 'Add an index whose leading column is `customer_id`',
    fixes: [
      {
        title: 'Add index on `orders(customer_id)`',
        safe: true,
        edits: [{ file: schema.path, start: schema.text.indexOf(');') + 2, end: schema.text.indexOf(');') + 2, newText: '\nCREATE INDEX ON orders (customer_id);' }],
      },
    ],
  }),
  {
    ...diag(schema, statementB, { ruleId: 'duplicate-index', severity: 'info', message: 'Index `b` duplicates index `a`' }),
    related: [{ file: schema.path, ...at(schema, 'CREATE INDEX a'), message: 'Index `a` is defined here' }],
    fixes: [{ title: 'Drop index `b`', safe: false, edits: [{ file: schema.path, ...at(schema, statementB + '\n'), newText: '' }] }],
  },
  diag(schema, 'id', { ruleId: 'tab-column', severity: 'hint', message: 'Column `id` follows a tab' }, 0),
  {
    file: schema.path,
    start: schema.text.indexOf('CREATE TABLE'),
    end: schema.text.indexOf(');') + 2,
    ruleId: 'multi-line',
    severity: 'warning',
    message: 'Statement spans several lines',
    fixes: [],
  },
  diag(crlf, 'x int', { ruleId: 'crlf-range', severity: 'warning', message: 'Column `x` in a CRLF file' }),
  diag(outside, 's', { ruleId: 'missing-primary-key', severity: 'warning', message: 'Table `s` has no primary key' }),
];

const report: Report = { cwd: CWD, files: [schema, crlf, clean, outside], diagnostics, elapsedMs: 412.3 };

describe('renderers', () => {
  test('text without colors', () => {
    matchSnapshot('render.txt', renderText(report, { color: false }));
  });

  test('text with colors', () => {
    const out = renderText(report, { color: true });
    matchSnapshot('render-color.txt', out);
    assert.equal(out.replace(/\x1b\[\d+m/g, ''), renderText(report, { color: false }));
  });

  test('text summary for a clean run and for info/hints', () => {
    assert.equal(renderText({ cwd: CWD, files: [clean], diagnostics: [], elapsedMs: 9 }, { color: false }), '✔ no problems in 1 file, 0.01 s\n');
    const notAnalysed = renderText({ cwd: CWD, files: [clean], diagnostics: [], elapsedMs: 0, notAnalysed: { statements: 3, files: 1 } }, { color: false });
    assert.match(notAnalysed, /3 statements in 1 file could not be analysed/);
    assert.match(renderText(report, { color: false }), /✖ 7 problems \(1 error, 4 warnings, 1 info, 1 hint\) in 4 files, 0\.41 s\n$/);
  });

  test('json (ESLint-compatible)', () => {
    const out = renderJson(report);
    matchSnapshot('render.json', out);
    const results = JSON.parse(out);
    assert.deepEqual(
      results.map((r: { filePath: string }) => r.filePath),
      [clean.path, crlf.path, schema.path, outside.path].sort(),
    );
    const s = results.find((r: { filePath: string }) => r.filePath === schema.path);
    assert.equal(s.errorCount, 1);
    assert.equal(s.warningCount, 4, 'ESLint warningCount = every severity-1 message (warning, info, hint)');
    assert.equal(s.infoCount, 1);
    assert.equal(s.hintCount, 1);
    assert.equal(s.fixableErrorCount, 1);
    const fk = s.messages.find((m: { ruleId: string }) => m.ruleId === 'unindexed-foreign-key');
    assert.deepEqual(
      { severity: fk.severity, level: fk.level, line: fk.line, column: fk.column, endLine: fk.endLine, endColumn: fk.endColumn },
      { severity: 2, level: 'error', line: 4, column: 3, endLine: 4, endColumn: 14 },
    );
    // Applying the ESLint fix to the text gives the edit's result.
    const fixed = schema.text.slice(0, fk.fix.range[0]) + fk.fix.text + schema.text.slice(fk.fix.range[1]);
    assert.match(fixed, /\);\nCREATE INDEX ON orders \(customer_id\);\nCREATE INDEX a/);
    const dup = s.messages.find((m: { ruleId: string }) => m.ruleId === 'duplicate-index');
    assert.equal(dup.fix, undefined, 'an unsafe fix is only a suggestion');
    assert.equal(dup.suggestions[0].desc, 'Drop index `b`');
    assert.equal(results.find((r: { filePath: string }) => r.filePath === clean.path).messages.length, 0);
  });

  test('json merges several edits of one fix into one ESLint fix, drops cross-file ones', () => {
    const text = 'abcdef';
    const f: SourceFile = { path: '/p/f.sql', text };
    const d: Diagnostic = {
      file: f.path,
      start: 0,
      end: 1,
      ruleId: 'r',
      severity: 'warning',
      message: 'm',
      fixes: [
        { title: 'two', safe: true, edits: [{ file: f.path, start: 4, end: 5, newText: 'E' }, { file: f.path, start: 1, end: 2, newText: 'B' }] },
        { title: 'other file', safe: false, edits: [{ file: '/p/g.sql', start: 0, end: 0, newText: 'x' }] },
      ],
    };
    const [res] = JSON.parse(renderJson({ cwd: '/p', files: [f], diagnostics: [d], elapsedMs: 0 }));
    assert.deepEqual(res.messages[0].fix, { range: [1, 5], text: 'BcdE' });
    assert.equal(res.messages[0].suggestions, undefined);
  });

  test('sarif', () => {
    const out = renderSarif(report, {
      version: '9.9.9',
      informationUri: 'https://example.test/schemawise',
      ruleInfo: (id) =>
        id === 'missing-primary-key'
          ? { shortDescription: 'Flags tables without a primary key.', helpUri: `https://example.test/rules/${id}`, markdown: '# `missing-primary-key`\n' }
          : { helpUri: `https://example.test/rules/${id}` },
    });
    matchSnapshot('render.sarif', out);
    validateSarif(JSON.parse(out));
  });
});

describe('code frames', () => {
  const frame = (text: string, start: number, end: number): string =>
    codeFrame(new LineIndex(text), start, end)
      .map((l) => `${l.gutter} | ${l.text}`.trimEnd())
      .join('\n');

  test('carets under the exact range, tabs expanded, wide characters counted twice', () => {
    const text = '\tx\t日本 name;';
    const s = text.indexOf('name');
    assert.equal(frame(text, s, s + 4), ['1 |     x   日本 name;', '  |              ^^^^'].join('\n'));
  });

  test('columns after a surrogate pair', () => {
    const text = "-- 😀 'x' y";
    const s = text.indexOf('y');
    assert.equal(frame(text, s, s + 1), ["1 | -- 😀 'x' y", '  |           ^'].join('\n'));
  });

  test('an empty range gets one caret, also at the end of a line', () => {
    assert.equal(frame('abc\n', 1, 1), '1 | abc\n  |  ^');
    assert.equal(frame('abc\n', 3, 3), '1 | abc\n  |    ^');
  });

  test('a range ending just after a line break stays on its lines', () => {
    assert.equal(frame('ab\ncd\n', 0, 3), '1 | ab\n  | ^^');
  });

  test('multi-line ranges: carets per line, the middle of long ones elided', () => {
    const text = 'CREATE TABLE t (\n  a int,\n\n  b int\n);\n';
    assert.equal(
      frame(text, 0, text.indexOf(';') + 1),
      ['1 | CREATE TABLE t (', '  | ^^^^^^^^^^^^^^^^', '2 |   a int,', '  |   ^^^^^^', '3 |', '4 |   b int', '  |   ^^^^^', '5 | );', '  | ^^'].join('\n'),
    );
    const long = Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join('\n');
    const lines = codeFrame(new LineIndex(long), 0, long.length).map((l) => l.gutter.trim());
    assert.deepEqual(lines.filter((g) => /\d/.test(g)), ['1', '2', '3', '10', '11', '12']);
    assert.ok(lines.includes('...'));
  });

  test('long lines are cut to a window around the range', () => {
    const text = 'INSERT INTO t VALUES ' + '(1),'.repeat(200) + '(oops);';
    const s = text.indexOf('oops');
    const [line, carets] = codeFrame(new LineIndex(text), s, s + 4);
    assert.ok(line.text.startsWith('…') && line.text.length <= 122, line.text);
    assert.equal(line.text.slice(carets.text.indexOf('^'), carets.text.indexOf('^') + 4), 'oops');
  });

  test('CRLF and CR line breaks', () => {
    const text = 'a\r\nbb\rccc';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(text.indexOf('bb')), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('ccc') + 1), { line: 2, character: 1 });
    assert.deepEqual(idx.positionAt(2), { line: 0, character: 1 }, 'between \\r and \\n: the end of line 1');
    assert.equal(idx.offsetAt({ line: 1, character: 1 }), text.indexOf('bb') + 1);
    assert.equal(idx.offsetAt({ line: 0, character: 9 }), 1, 'clamped before the line break');
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), text.length);
    for (let o = 0; o <= text.length; o++) if (o !== 2) assert.equal(idx.offsetAt(idx.positionAt(o)), o, `round trip at ${o}`);
    assert.equal(idx.lineText(0), 'a');
    assert.equal(idx.lineText(1), 'bb');
    assert.equal(frame(text, text.indexOf('bb'), text.indexOf('bb') + 2), '2 | bb\n  | ^^');
  });

  test('an empty file has no frame', () => {
    assert.deepEqual(codeFrame(new LineIndex(''), 0, 0), []);
  });
});
