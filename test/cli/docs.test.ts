/** Rule docs at run time (server/src/node/docs.ts). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { documentedRuleIds, readRuleDoc, ruleDocsDir, ruleDocSummary } from '../../server/src/node/docs';
import { REPO, tempDir, writeTree } from './helpers';

test('finds docs/rules from source', () => {
  assert.equal(ruleDocsDir(), path.join(REPO, 'docs', 'rules'));
});

test('reads a doc by rule id, lists documented rules, refuses anything that is not a rule id', () => {
  const dir = tempDir();
  writeTree(dir, { 'b-rule.md': '# `b-rule`\n', 'a-rule.md': '# `a-rule`\n', 'README.txt': '', 'Not_A_Rule.md': '' });
  fs.writeFileSync(path.join(path.dirname(dir), 'outside.md'), 'secret');
  assert.deepEqual(documentedRuleIds(dir), ['a-rule', 'b-rule']);
  assert.equal(readRuleDoc('a-rule', dir), '# `a-rule`\n');
  assert.equal(readRuleDoc('missing', dir), undefined);
  assert.equal(readRuleDoc('../outside', dir), undefined);
  assert.equal(readRuleDoc('a-rule', undefined), undefined);
});

test('summary: the first sentence of "What it does"', () => {
  const md = [
    '# `x`',
    '',
    '## What it does',
    'Reports a table that has no primary key, e.g. a log',
    'table. More detail follows.',
    '',
    'Another paragraph.',
    '## Why is this bad?',
  ].join('\n');
  assert.equal(ruleDocSummary(md), 'Reports a table that has no primary key, e.g. a log table.');
  assert.equal(ruleDocSummary('## What it does\nFlags things\n'), 'Flags things');
  assert.equal(ruleDocSummary('# no sections\n'), undefined);
});

test('every documented rule has a summary', () => {
  for (const id of documentedRuleIds()) {
    const summary = ruleDocSummary(readRuleDoc(id)!);
    assert.ok(summary && summary.length > 10, `${id}: "What it does" starts with a sentence`);
  }
});
