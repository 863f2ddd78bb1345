/**
 * The invariants ARCHITECTURE.md states, checked on the source:
 *  1. the core (server/src/core) imports no editor, LSP or IO module;
 *  2. rules see the model only: no parser, no SQL/Prisma/TypeORM syntax;
 *  3. nothing in the server writes to stdout (with --stdio it is the protocol);
 *  4. every rule has a doc and a fixture folder, and rule ids are kebab-case without no-/prefer- prefixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../server/src/core/rules/registry';

const ROOT = join(__dirname, '..');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (n.endsWith('.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of src.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const FORBIDDEN = /^(?:node:)?(?:fs|fs\/promises|child_process|net|http|https|worker_threads|cluster|dgram|tls|readline)$|^vscode(?:-languageserver.*|-languageclient.*|-jsonrpc.*)?$/;

test('the core imports no editor, LSP or IO module', () => {
  const bad: string[] = [];
  for (const f of tsFiles(join(ROOT, 'server', 'src', 'core'))) {
    for (const i of imports(f)) if (FORBIDDEN.test(i)) bad.push(`${relative(ROOT, f)} imports ${i}`);
    if (/\bprocess\.(?:stdout|stderr|env|exit|cwd)\b/.test(readFileSync(f, 'utf8'))) bad.push(`${relative(ROOT, f)} uses process I/O`);
  }
  assert.deepEqual(bad, []);
});

test('the import check itself catches a forbidden import', () => {
  assert.ok(FORBIDDEN.test('fs') && FORBIDDEN.test('node:fs') && FORBIDDEN.test('vscode-languageserver/node') && FORBIDDEN.test('vscode'));
  assert.ok(!FORBIDDEN.test('libpg-query') && !FORBIDDEN.test('picomatch') && !FORBIDDEN.test('./model/types'));
});

test('rules see the model only', () => {
  const bad: string[] = [];
  for (const f of tsFiles(join(ROOT, 'server', 'src', 'core', 'rules'))) {
    for (const i of imports(f)) if (/\/parse\//.test(i) || /^(?:libpg-query|node-sql-parser|typescript)/.test(i)) bad.push(`${relative(ROOT, f)} imports ${i}`);
  }
  assert.deepEqual(bad, []);
});

test('nothing in the server writes to stdout', () => {
  const bad: string[] = [];
  for (const dir of ['core', 'lsp', 'node']) {
    for (const f of tsFiles(join(ROOT, 'server', 'src', dir))) {
      const src = readFileSync(f, 'utf8');
      // `connection.console.*` sends LSP log messages; a bare `console.log` writes to stdout.
      if (/(?<![.\w])console\.(?:log|info|debug|table|dir)\s*\(|process\.stdout\.write/.test(src)) bad.push(relative(ROOT, f));
    }
  }
  assert.deepEqual(bad, []);
});

test('every rule has a doc and fixtures, and a well-formed id', () => {
  const ids = new Set<string>();
  for (const r of RULES) {
    const id = r.meta.id;
    assert.match(id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, `${id} is not kebab-case`);
    assert.doesNotMatch(id, /^(?:no|prefer)-/, `${id}: name the pattern flagged, without no-/prefer-`);
    assert.ok(!ids.has(id), `duplicate rule id ${id}`);
    ids.add(id);
    assert.ok(existsSync(join(ROOT, 'server', 'src', 'core', 'rules', `${id}.ts`)), `rule module server/src/core/rules/${id}.ts`);
    assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md`);
    assert.ok(existsSync(join(ROOT, 'test', 'rules', id)), `test/rules/${id}/`);
    for (const [k, m] of Object.entries(r.meta.messages)) {
      assert.ok(!m.endsWith('.'), `${id}.${k}: messages end without a period`);
    }
  }
});
