/** Disk files (LineIndex) and open documents (TextDocument) must map offsets to the same positions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, pathToUri, rangesTouch, uriToPath } from '../../server/src/lsp/positions';

const TEXTS = ['', '\n', 'x\r', 'ab\r\n', 'a\r\nbc\rd\n\nef', 'héllo 😀\nworld\r\n\r\nz', 'CREATE TABLE t (a int);\r\n-- ü\r\n'];

test('LineIndex agrees with TextDocument in both directions (\\r\\n, lone \\r, surrogate pairs, out of range)', () => {
  for (const text of TEXTS) {
    const doc = TextDocument.create('file:///x.sql', 'sql', 1, text);
    const index = new LineIndex(text);
    for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(index.positionAt(o), doc.positionAt(o), `${JSON.stringify(text)} offset ${o}`);
    for (let line = -1; line < 6; line++) {
      for (let character = -1; character < 12; character++) {
        const p = { line, character };
        assert.equal(index.offsetAt(p), doc.offsetAt(p), `${JSON.stringify(text)} ${JSON.stringify(p)}`);
      }
    }
  }
});

test('paths and URIs round-trip; untitled documents keep their URI as the key', () => {
  for (const p of ['/tmp/a b/c#d%e.sql', '/x/ü/schema.sql']) assert.equal(uriToPath(pathToUri(p)), p);
  assert.equal(uriToPath('file:///tmp/a%20b/c.sql'), '/tmp/a b/c.sql');
  assert.equal(uriToPath('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.equal(pathToUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});

test('a caret at either end of a range touches it', () => {
  const r = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
  const caret = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  assert.ok(rangesTouch(r, caret(1, 2)));
  assert.ok(rangesTouch(r, caret(1, 5)));
  assert.ok(!rangesTouch(r, caret(1, 6)));
  assert.ok(!rangesTouch(r, caret(0, 3)));
});
