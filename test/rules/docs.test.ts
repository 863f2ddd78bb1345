/**
 * Rule docs are tests: every `incorrect` block must trigger its rule, every `correct` block must not.
 * Blocks are fenced as ```sql incorrect dialect=postgresql, ```prisma incorrect (its datasource names the provider) or
 * ```typescript incorrect dialect=postgresql (a TypeORM entity file, or, when its first line is `// <path>`, the files it
 * names so: `.prisma` schemas, entities, application code). A Prisma or TypeORM example may be followed by
 * a ```sql migrations (or ```typescript migrations) block: the migration files of the same workspace, each named by a
 * `-- <path>.sql` (`// <path>.ts`) line. Each doc has the house sections in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/core/rules/registry';
import { allDiagnostics, analyze, initCore } from '../helpers/workspace';
import type { Dialect } from '../../server/src/core/model/types';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
const SECTIONS = ['## What it does', '## Why is this bad?', '## Examples', '## Options', '## Fix safety', '## When not to use it', '## References'];

for (const rule of RULES) {
  const id = rule.meta.id;
  test(`docs/rules/${id}.md`, async () => {
    await initCore();
    const path = join(DOCS, `${id}.md`);
    assert.ok(existsSync(path), `missing ${path}`);
    const md = readFileSync(path, 'utf8');
    assert.ok(md.startsWith(`# \`${id}\`\n`), 'first line must be the rule id heading');
    let at = 0;
    for (const s of SECTIONS) {
      const i = md.indexOf(`\n${s}\n`, at);
      assert.ok(i >= 0, `section "${s}" missing or out of order`);
      at = i + 1;
    }
    const blocks = [...md.matchAll(/```(sql|prisma|typescript) (incorrect|correct|migrations)(?: dialect=(\w+))?\n([\s\S]*?)```/g)];
    const seen = new Set<string>();
    for (const [i, [, lang, kind, dialect, code]] of blocks.entries()) {
      if (kind === 'migrations') {
        assert.ok(i > 0 && blocks[i - 1][1] !== 'sql' && blocks[i - 1][2] !== 'migrations', 'a migrations block follows a Prisma or TypeORM example');
        continue;
      }
      // A rule that is off by default is switched on for its own examples.
      const rules = rule.meta.defaultSeverity === 'off' ? { [id]: 'warning' as const } : {};
      // Prisma examples name their provider; SQL and TypeORM examples their dialect.
      const named = lang === 'typescript' && /^\/\/ [\w./-]+\.(?:ts|prisma)[ \t]*\n/.test(code);
      const files = lang === 'sql' ? exampleFiles(code) : lang === 'prisma' ? { '/doc/schema.prisma': code } : named ? exampleFiles(code, '//') : { '/doc/src/entities/example.entity.ts': code };
      const schema = lang === 'prisma' ? '/doc/schema.prisma' : Object.keys(files).find((f) => f.endsWith('.prisma'));
      const next = blocks[i + 1];
      if (lang !== 'sql' && next?.[2] === 'migrations') Object.assign(files, exampleFiles(next[4], next[1] === 'sql' ? '--' : '//'));
      const r = analyze(files, schema ? { rules } : { dialect: dialect as Dialect, rules });
      const mine = allDiagnostics(r).filter((d) => d.ruleId === id);
      if (kind === 'incorrect') assert.ok(mine.length > 0, `incorrect ${dialect} example does not trigger ${id}:\n${code}`);
      else assert.equal(mine.length, 0, `correct ${dialect} example triggers ${id}: ${mine.map((d) => d.message).join('; ')}\n${code}`);
      seen.add(`${kind} ${schema ? r.files.get(schema)?.dialect : dialect}`);
    }
    for (const d of rule.meta.dialects) {
      assert.ok(seen.has(`incorrect ${d}`), `no incorrect ${d} example`);
      assert.ok(seen.has(`correct ${d}`), `no correct ${d} example`);
    }
  });
}

/**
 * An example is one file, `/doc/example.sql`, unless it names its files: a line `-- <path>.sql` starts the file
 * `/doc/<path>.sql`, so `-- migrations/001_init.sql` … `-- migrations/002_change.sql` is a migration folder whose
 * second file changes a table the first created (it existed before that file). TypeScript files (and the Prisma schema
 * beside them) are named by `// <path>.ts` (`// <path>.prisma`) lines.
 */
const MARKER = /^\/\/ ([\w./-]+\.(?:ts|prisma))[ \t]*$/gm;

function exampleFiles(code: string, comment: '--' | '//' = '--'): Record<string, string> {
  const marker = comment === '--' ? /^-- ([\w./-]+\.sql)[ \t]*$/gm : MARKER;
  const marks = [...code.matchAll(marker)];
  assert.ok(marks.length || comment === '--', 'a TypeScript migrations block names its files');
  if (!marks.length) return { '/doc/example.sql': code };
  assert.equal(code.slice(0, marks[0].index).trim(), '', 'an example that names its files starts with a file name');
  const files: Record<string, string> = {};
  marks.forEach((m, i) => (files['/doc/' + m[1]] = code.slice(m.index, marks[i + 1]?.index ?? code.length)));
  return files;
}

test('every doc belongs to a rule', () => {
  const ids = new Set(RULES.map((r) => r.meta.id));
  for (const f of readdirSync(DOCS)) assert.ok(ids.has(f.replace(/\.md$/, '')), `docs/rules/${f} has no rule`);
});
