/**
 * Rule fixtures: test/rules/<rule-id>/ holds `.sql` and `.prisma` files (each a one-file workspace) and folders (each a
 * workspace of the files inside, so migration folders replay; TypeORM entities live in folders). Caret annotations give the exact set of expected
 * findings of ALL rules in those files: an unannotated finding fails the test.
 * Also checked per rule: declared fixability matches behaviour; every fix applies, keeps the SQL parseable and
 * silences its finding without creating others; analysing twice gives the same output; each dialect the rule
 * supports has a flagged and a clean case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../../server/src/core/rules/registry';
import { Analyzer } from '../../server/src/core/engine';
import type { AnalysisResult, Config, Diagnostic } from '../../server/src/core/api';
import { knownRuleIds } from '../../server/src/core/engine';
import { validateConfigLayer } from '../../server/src/core/config';
import { allDiagnostics, analyze, applyFix, diagKey, expectedKeys, initCore } from '../helpers/workspace';

const ROOT = join(__dirname);
/** Fixture sources: SQL, Prisma schemas, TypeORM entities (in folders, with `entities/` or `.entity.ts` names). */
const SOURCE = /\.(?:sql|prisma|ts)$/;

function readTree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, base, out);
    else if (SOURCE.test(name)) out['/ws/' + relative(base, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

/** A workspace folder may hold a `.schemawise.json` (to enable an off-by-default rule, or set options). */
function folderConfig(dir: string): Partial<Config> {
  const p = join(dir, '.schemawise.json');
  if (!existsSync(p)) return {};
  const { config, errors } = validateConfigLayer(JSON.parse(readFileSync(p, 'utf8')), p, knownRuleIds());
  assert.deepEqual(errors, [], `invalid ${p}`);
  return config;
}

function workspaces(ruleId: string): { name: string; files: Record<string, string>; config: Partial<Config> }[] {
  const dir = join(ROOT, ruleId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return { name, files: readTree(p), config: folderConfig(p) };
      if (/\.(?:sql|prisma)$/.test(name)) return { name, files: { ['/ws/' + name]: readFileSync(p, 'utf8') }, config: {} };
      return undefined;
    })
    .filter((x): x is { name: string; files: Record<string, string>; config: Partial<Config> } => !!x);
}

function keys(files: Record<string, string>, r: AnalysisResult): string[] {
  return allDiagnostics(r)
    .map((d) => diagKey(files[d.file], d))
    .sort();
}

/** Statements no real parser accepted (recovered or skipped with an error). */
function unparsed(r: AnalysisResult): number {
  let n = 0;
  for (const f of r.files.values()) n += f.statements - f.parsed;
  return n;
}

/** Findings per rule id (messages may legitimately change when a fix removes what another finding names). */
function tally(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(d.ruleId, (m.get(d.ruleId) ?? 0) + 1);
  return m;
}

for (const rule of RULES) {
  const id = rule.meta.id;
  test(`rule ${id}`, async (t) => {
    await initCore();
    const cases = workspaces(id);
    assert.ok(cases.length > 0, `test/rules/${id}/ has no fixtures`);
    const flaggedDialects = new Set<string>();
    const cleanDialects = new Set<string>();
    let fixesSeen = 0;
    for (const c of cases) {
      await t.test(c.name, () => {
        const analyzer = new Analyzer();
        const r = analyze(c.files, c.config, analyzer);
        const expected = Object.entries(c.files)
          .flatMap(([p, text]) => expectedKeys(p, text))
          .sort();
        assert.deepEqual(keys(c.files, r), expected, 'findings differ from the caret annotations');
        // Same output when run again, by the same (cached) analyzer and by a fresh one.
        const again = analyze(c.files, c.config, analyzer);
        assert.deepEqual(allDiagnostics(again), allDiagnostics(r), 'second run on a warm cache differs');
        assert.deepEqual(allDiagnostics(analyze(c.files, c.config)), allDiagnostics(r), 'fresh analyzer differs');

        for (const [p, info] of r.files) {
          const mine = r.diagnostics.get(p)!.filter((d) => d.ruleId === id);
          if (mine.length) flaggedDialects.add(info.dialect);
          else cleanDialects.add(info.dialect);
        }
        const before = tally(allDiagnostics(r));
        for (const d of allDiagnostics(r).filter((x) => x.ruleId === id)) {
          if (rule.meta.fixable === 'never') assert.equal(d.fixes.length, 0, `${id} declares fixable: never but offered a fix`);
          if (rule.meta.fixable === 'always') assert.ok(d.fixes.length > 0, `${id} declares fixable: always but offered none at ${diagKey(c.files[d.file], d)}`);
          for (const fix of d.fixes) {
            fixesSeen++;
            const fixed = applyFix(c.files, fix);
            const r2 = analyze(fixed, c.config);
            assert.ok(unparsed(r2) <= unparsed(r), `fix "${fix.title}" left SQL the parser cannot read:\n${Object.values(fixed).join('\n---\n')}`);
            const after = tally(allDiagnostics(r2));
            const same = (ds: Diagnostic[]) => ds.filter((x) => x.ruleId === d.ruleId && x.message === d.message).length;
            assert.ok(same(allDiagnostics(r2)) < same(allDiagnostics(r)), `fix "${fix.title}" did not silence: ${d.message}`);
            for (const [key, n] of after) assert.ok(n <= (before.get(key) ?? 0), `fix "${fix.title}" created a new ${key} finding`);
          }
        }
      });
    }
    if (rule.meta.fixable !== 'never') assert.ok(fixesSeen > 0, `${id} declares fixable: ${rule.meta.fixable} but no fixture exercises a fix`);
    for (const d of rule.meta.dialects) {
      assert.ok(flaggedDialects.has(d), `${id}: no ${d} fixture where it fires`);
      assert.ok(cleanDialects.has(d), `${id}: no clean ${d} fixture`);
    }
  });
}
