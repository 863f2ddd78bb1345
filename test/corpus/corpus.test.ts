/**
 * The whole of ../shared/corpus (3,145 real schema files), analysed project by project exactly as the CLI does:
 * no crash, no rule failure, no error-level finding, every range inside its file; and every PostgreSQL
 * CREATE TABLE, CREATE INDEX and ALTER TABLE … ADD CONSTRAINT that libpg-query parses lands in the model.
 * Skips with a message when the corpus is absent (a contributor's clone); CI always has it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { Analyzer } from '../../server/src/core/engine';
import { defaultConfig } from '../../server/src/core/config';
import { discoverFiles, readSourceFile } from '../../server/src/node/files';
import { offsetMap } from '../../server/src/core/parse/offsets';
import type { SourceFile } from '../../server/src/core/api';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const skip = existsSync(CORPUS) ? false : `../shared/corpus not found at ${CORPUS}: corpus tests skipped (CI always has it)`;

function projects(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(CORPUS)) {
    const dir = join(CORPUS, d);
    if (!statSync(dir).isDirectory()) continue;
    for (const p of readdirSync(dir)) if (statSync(join(dir, p)).isDirectory()) out.push(join(dir, p));
  }
  return out.sort();
}

function load(dir: string): SourceFile[] {
  const { files } = discoverFiles([dir], { exclude: [], cwd: dir });
  return files.map((f) => readSourceFile(f).file).filter((f): f is SourceFile => !!f);
}

test('every corpus project analyses without a crash, a rule failure, an error-level finding or a range outside its file', { skip }, async (t) => {
  await Analyzer.init();
  let files = 0;
  let findings = 0;
  for (const dir of projects()) {
    const sources = load(dir);
    const analyzer = new Analyzer();
    const r = analyzer.analyze(sources, defaultConfig());
    assert.deepEqual(analyzer.internalErrors, [], `rule failures in ${dir}`);
    for (const src of sources) {
      for (const d of r.diagnostics.get(src.path) ?? []) {
        findings++;
        assert.notEqual(d.severity, 'error', `error-level finding in ${src.path}: ${d.message}`);
        assert.ok(d.start >= 0 && d.start <= d.end && d.end <= src.text.length, `range outside ${src.path}: ${d.start}-${d.end}`);
      }
    }
    files += sources.length;
  }
  assert.ok(files > 2800, `expected the whole corpus, analysed ${files} files`);
  t.diagnostic(`${files} files, ${findings} findings`);

});

const WANTED: Record<string, string> = { CreateStmt: 'createTable', IndexStmt: 'createIndex', AlterTableStmt: 'alterTable' };

test('every PostgreSQL CREATE TABLE / CREATE INDEX / ALTER TABLE … ADD CONSTRAINT that libpg-query parses lands in the model', { skip }, async (t) => {
  await Analyzer.init();
  await loadModule();
  let checked = 0;
  let filesParsed = 0;
  for (const dir of projects().filter((d) => d.includes(`${join(CORPUS, 'postgresql')}`))) {
    const sources = load(dir);
    const analyzer = new Analyzer();
    analyzer.analyze(sources, defaultConfig());
    for (const src of sources) {
      let ast: ReturnType<typeof parseSync>;
      try {
        ast = parseSync(src.text);
      } catch {
        continue; // not a file libpg-query parses as a whole (psql meta lines, COPY data, other dialects)
      }
      filesParsed++;
      const pf = analyzer.lastParsedFile(src.path)!;
      const map = offsetMap(src.text);
      for (const raw of ast.stmts ?? []) {
        const [kind, node] = Object.entries(raw.stmt ?? {})[0] ?? [];
        if (!kind || !WANTED[kind]) continue;
        if (kind === 'AlterTableStmt') {
          const cmds = ((node as { cmds?: { AlterTableCmd?: { subtype?: string } }[] }).cmds ?? []).map((c) => c.AlterTableCmd?.subtype);
          if (!cmds.includes('AT_AddConstraint')) continue;
          if ((node as { objtype?: string }).objtype !== 'OBJECT_TABLE') continue;
        }
        const from = map.toUtf16(raw.stmt_location ?? 0);
        const to = raw.stmt_len ? map.toUtf16((raw.stmt_location ?? 0) + raw.stmt_len) : src.text.length;
        const ours = pf.statements.find((s) => s.span.start >= from && s.span.end <= to);
        assert.ok(ours, `${src.path}: no statement of ours within ${from}-${to} (${kind})`);
        const facts = ours.facts.filter((f) => f.kind === WANTED[kind]);
        assert.ok(facts.length > 0, `${src.path}:${from}: ${kind} produced no ${WANTED[kind]} fact: ${ours.text.slice(0, 120)}`);
        if (kind === 'AlterTableStmt') {
          assert.ok(
            facts.some((f) => f.kind === 'alterTable' && f.actions.some((a) => a.action === 'addConstraint' || a.action === 'setNotNull')),
            `${src.path}:${from}: ADD CONSTRAINT did not land: ${ours.text.slice(0, 120)}`,
          );
        }
        checked++;
      }
    }
  }
  t.diagnostic(`${checked} statements in ${filesParsed} files landed`);
  assert.ok(checked > 5000, `expected > 5,000 checked statements, got ${checked}`);
});
