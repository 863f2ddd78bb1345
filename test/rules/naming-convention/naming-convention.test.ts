/**
 * naming-convention is off by default, so the shared fixture harness (default configuration) cannot exercise it
 * and it is not in the registry yet. This test runs it the way the engine would with the rule configured: each
 * `<case>.sql` (or `<case>/` workspace) is analysed with the options of `<case>.json` (default `{ "enabled": true }`),
 * its findings must equal the `naming-convention` caret annotations, and every fix must re-parse and silence its
 * finding. Remove once the harness can configure a fixture folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { rule } from '../../../server/src/core/rules/naming-convention';
import { Analyzer } from '../../../server/src/core/engine';
import { FileParser, type ParsedFile } from '../../../server/src/core/parse/file';
import { FixBuilder } from '../../../server/src/core/fixes';
import type { Fix } from '../../../server/src/core/api';
import type { Report } from '../../../server/src/core/rules/types';
import { analyze, applyFix, diagKey, expectedKeys, initCore } from '../../helpers/workspace';

const DIR = __dirname;
const ID = rule.meta.id;

function readTree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, base, out);
    else if (name.endsWith('.sql')) out['/ws/' + relative(base, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

interface Found {
  key: string;
  message: string;
  fixes: Fix[];
}

function run(files: Record<string, string>, options: Record<string, unknown>): Found[] {
  const analyzer = new Analyzer();
  const r = analyze(files, {}, analyzer);
  const out: Found[] = [];
  const parser = new FileParser();
  for (const schema of analyzer.lastSchemas()) {
    const parsed = new Map<string, ParsedFile>();
    for (const [p, info] of r.files) if (info.dialect === schema.dialect) parsed.set(p, parser.parse(p, files[p], info.dialect));
    const isMigration = (p: string) => r.files.get(p)?.isMigration ?? false;
    const fixes = new FixBuilder(schema, parsed, isMigration);
    const opts: Record<string, unknown> = {};
    for (const [k, spec] of Object.entries(rule.meta.options ?? {})) opts[k] = spec.default;
    Object.assign(opts, options);
    rule.check({
      schema,
      options: opts,
      fixes,
      isMigrationFile: isMigration,
      tableExistedBeforeFile: (at) => fixes.tableExistedBeforeFile(at),
      report: (rep: Report) => {
        const at = rep.at;
        const { file, span } = 'origin' in at ? { file: at.origin.file, span: (rep.part && at.origin.parts?.[rep.part]) || at.origin.parts?.name || at.origin.span } : at;
        const message = rule.meta.messages[rep.messageId].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(rep.data?.[k]));
        assert.ok(!/\{\{/.test(message), message);
        out.push({ key: diagKey(files[file], { file, start: span.start, end: span.end, ruleId: ID }), message, fixes: (rep.fixes ?? []).filter((f): f is Fix => !!f) });
      },
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

const cases = readdirSync(DIR)
  .sort()
  .filter((n) => n.endsWith('.sql') || statSync(join(DIR, n)).isDirectory())
  .map((n) => {
    const p = join(DIR, n);
    const files = statSync(p).isDirectory() ? readTree(p) : { ['/ws/' + n]: readFileSync(p, 'utf8') };
    const json = join(DIR, n.replace(/\.sql$/, '') + '.json');
    const options = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>) : { enabled: true };
    return { name: n, files, options };
  });

test(`rule ${ID} (configured)`, async (t) => {
  await initCore();
  let fixesSeen = 0;
  const flagged = new Set<string>();
  for (const c of cases) {
    await t.test(c.name, () => {
      const found = run(c.files, c.options);
      const expected = Object.entries(c.files)
        .flatMap(([p, text]) => expectedKeys(p, text))
        .filter((k) => k.endsWith(' ' + ID))
        .sort();
      assert.deepEqual(
        found.map((f) => f.key),
        expected,
        'findings differ from the caret annotations:\n' + found.map((f) => f.key + ' ' + f.message).join('\n'),
      );
      if (found.length) flagged.add(c.name);
      for (const f of found) {
        // A name another statement uses (VALIDATE, DROP, RENAME) gets no rename fix.
        if (f.message.includes('`tags_name_check`')) assert.equal(f.fixes.length, 0, 'rename offered for a name a later statement uses');
        if (process.env.SHOW_FIXES) console.log(f.key, f.message, JSON.stringify(f.fixes.map((x) => x.edits.map((e) => e.newText))));
        for (const fix of f.fixes) {
          fixesSeen++;
          const fixed = applyFix(c.files, fix);
          const again = run(fixed, c.options);
          assert.ok(!again.some((g) => g.message === f.message), `fix "${fix.title}" did not silence: ${f.message}`);
          assert.ok(again.length < found.length, `fix "${fix.title}" created findings`);
          const before = analyze(c.files);
          const after = analyze(fixed);
          for (const [p, info] of after.files) assert.ok(info.parsed >= (before.files.get(p)?.parsed ?? 0), `fix "${fix.title}" left SQL the parser cannot read`);
        }
      }
    });
  }
  assert.ok(fixesSeen > 0, 'no fixture exercises a fix');
  for (const d of rule.meta.dialects) assert.ok([...flagged].some((n) => Object.values(cases.find((c) => c.name === n)!.files)[0].includes(`dialect=${d}`)), `no ${d} fixture where it fires`);
});

test(`rule ${ID} reports nothing unless enabled`, async () => {
  await initCore();
  for (const c of cases) assert.deepEqual(run(c.files, { ...c.options, enabled: false }), [], c.name);
});
