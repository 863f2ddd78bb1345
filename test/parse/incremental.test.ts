/**
 * Incremental re-parsing must be invisible: after any edit, FileParser's result equals a fresh full parse.
 * Random edits include the characters that change statement boundaries (`;`, quotes, comment openers, `$$`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileParser, type ParsedFile } from '../../server/src/core/parse/file';
import { initCore } from '../helpers/workspace';
import type { Dialect } from '../../server/src/core/model/types';
import { rng } from '../helpers/random';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function snapshot(pf: ParsedFile) {
  return JSON.stringify({
    statements: pf.statements.map((s) => ({ span: s.span, text: s.text, lead: s.leadingComments, facts: s.facts, status: s.status })),
    comments: pf.comments,
  });
}

/** Deterministic PRNG (mulberry32) so a failure reproduces. */

const INSERTS = [' ', ';', "'", '"', '--', '/*', '*/', '$$', '\n', 'x', '(', ')', ',', 'CREATE TABLE z (id int);\n', 'é'];

function fuzz(base: string, dialect: Dialect, seed: number, edits: number) {
  const rand = rng(seed);
  const live = new FileParser();
  let text = base;
  live.parse('/f.sql', text, dialect);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * text.length);
    if (rand() < 0.6) {
      text = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
    } else {
      text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
    }
    const got = snapshot(live.parse('/f.sql', text, dialect));
    const want = snapshot(new FileParser().parse('/f.sql', text, dialect));
    if (got !== want) {
      const g = JSON.parse(got);
      const w = JSON.parse(want);
      const j = g.statements.findIndex((x: unknown, k: number) => JSON.stringify(x) !== JSON.stringify(w.statements[k]));
      const detail = j >= 0 ? `statement ${j}:\n got  ${JSON.stringify(g.statements[j]).slice(0, 600)}\n want ${JSON.stringify(w.statements[j]).slice(0, 600)}` : `comments differ (${g.comments.length} vs ${w.comments.length})`;
      assert.fail(`edit ${i} (seed ${seed}) diverged from a full parse at offset ${at}: ${detail}`);
    }
  }
}

function bigSchema(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`-- table ${i}\nCREATE TABLE t${i} (\n  id bigint PRIMARY KEY,\n  parent_id bigint REFERENCES t${Math.max(0, i - 1)} (id),\n  note text DEFAULT 'a;b'\n);\nCREATE INDEX t${i}_parent_idx ON t${i} (parent_id);\n`);
  }
  return parts.join('\n');
}

test('random edits on a generated 40 KB schema equal a full parse (PostgreSQL, MySQL, SQLite)', async () => {
  await initCore();
  const text = bigSchema(220);
  assert.ok(text.length > 16 * 1024);
  fuzz(text, 'postgresql', 1, 150);
  fuzz(text, 'mysql', 2, 100);
  fuzz(text, 'sqlite', 3, 100);
});

test('random edits on a real dump equal a full parse', { skip: existsSync(CORPUS) ? false : 'shared corpus not found: skipped' }, async () => {
  await initCore();
  const text = readFileSync(join(CORPUS, 'postgresql', 'pagila', 'pagila-schema.sql'), 'utf8');
  fuzz(text, 'postgresql', 4, 60);
});
