/**
 * `schemawise` command line: the same core and the same workspace logic (server/src/node) as the language
 * server. Results go to stdout, everything else to stderr; see `USAGE` for flags and exit statuses.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as path from 'node:path';
import { version } from '../../../package.json';
import type { Config, Diagnostic, SourceFile } from '../core/api';
import { editDistance, mergeConfig, validateConfigLayer } from '../core/config';
import { Analyzer, knownRuleIds } from '../core/engine';
import { documentedRuleIds, readRuleDoc, ruleDocSummary } from '../node/docs';
import { discoverFiles, loadConfigFile, projectRootOf, readConfigFile, readSourceFile, SCHEMA_FILES_DESCRIPTION, scriptGlobs, toPosixPath, type Skipped } from '../node/files';
import { parseArgs, USAGE, type CheckArgs } from './args';
import { countBySeverity, displayPath, renderJson, renderSarif, renderText, type Report, type RuleInfo } from './format';

export const HOMEPAGE = 'https://github.com/schemawise/schemawise';
export const ruleDocUrl = (id: string): string => `${HOMEPAGE}/blob/main/docs/rules/${id}.md`;

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

/** Runs one command line; resolves to the exit status. Never throws on user input. */
export async function run(argv: string[], io: Io): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`schemawise: ${message}\n`);
    return 2;
  };
  const args = parseArgs(argv);
  switch (args.command) {
    case 'error':
      io.stderr.write(`schemawise: ${args.message}\nRun \`schemawise --help\` for usage.\n`);
      return 2;
    case 'help':
      io.stdout.write(USAGE);
      return 0;
    case 'version':
      io.stdout.write(`${version}\n`);
      return 0;
    case 'explain':
      return explain(args.ruleId, io, fail);
    case 'check':
      return check(args, io, fail);
  }
}

function explain(id: string, io: Io, fail: (m: string) => number): number {
  const known = new Set([...knownRuleIds(), ...documentedRuleIds()]);
  const doc = readRuleDoc(id);
  if (doc !== undefined) {
    io.stdout.write(doc.endsWith('\n') ? doc : doc + '\n');
    return 0;
  }
  if (known.has(id)) return fail(`rule "${id}" has no documentation`);
  const close = [...known].filter((k) => editDistance(id, k) <= 3).sort((a, b) => editDistance(id, a) - editDistance(id, b));
  return fail(`unknown rule "${id}"${close.length ? ` (did you mean "${close[0]}"?)` : ''}`);
}

async function check(args: CheckArgs, io: Io, fail: (m: string) => number): Promise<number> {
  const startedAt = performance.now();
  const cwd = path.resolve(io.cwd);
  await Analyzer.init();
  const known = knownRuleIds();

  // Configuration: .schemawise.json (or --config), then flags. Any problem stops the run (exit 2) rather
  // than reviewing with settings the user did not mean.
  const loaded = args.config !== undefined ? readConfigFile(path.resolve(cwd, args.config), known) : loadConfigFile(cwd, known);
  const errors = [...loaded.errors];
  const flagLayers: Partial<Config>[] = [];
  if (args.dialect !== undefined) {
    const v = validateConfigLayer({ dialect: args.dialect }, '--dialect', known);
    errors.push(...v.errors);
    flagLayers.push(v.config);
  }
  if (args.rules.length > 0) {
    const v = validateConfigLayer({ rules: Object.fromEntries(args.rules) }, '--rule', known);
    errors.push(...v.errors.map((e) => e.replace(' in "rules"', '')));
    flagLayers.push(v.config);
  }
  if (errors.length > 0) {
    for (const e of errors) io.stderr.write(`schemawise: ${e}\n`);
    return 2;
  }
  const config = mergeConfig(loaded.layer, ...flagLayers);

  const missing = args.paths.filter((p) => !fs.existsSync(path.resolve(cwd, p)));
  if (missing.length > 0) return fail(missing.map((p) => `path not found: ${p}`).join('\nschemawise: '));

  const discovered = discoverFiles(args.paths, { exclude: config.exclude, cwd, scripts: scriptGlobs(config) });
  const skipped: Skipped[] = [...discovered.skipped];
  const files: SourceFile[] = [];
  const projects = new Map<string, string | undefined>();
  for (const p of discovered.files) {
    const r = readSourceFile(p);
    if (r.file) files.push({ ...r.file, project: projectRootOf(p, projects) });
    else skipped.push({ path: p, reason: r.skipped ?? 'unreadable' });
  }
  const cwdPosix = toPosixPath(cwd);
  const reportSkipped = (): void => {
    if (skipped.length === 0) return;
    io.stderr.write(`schemawise: skipped ${skipped.length} ${skipped.length === 1 ? 'file' : 'files'}:\n`);
    for (const s of skipped) io.stderr.write(`  ${displayPath(s.path, cwdPosix)}: ${s.reason}\n`);
  };
  if (files.length === 0) {
    reportSkipped();
    return fail(
      discovered.files.length === 0 && discovered.skipped.length === 0
        ? `no schema files (${SCHEMA_FILES_DESCRIPTION}) found in ${args.paths.join(', ')}`
        : 'no files could be analysed',
    );
  }

  // One analysis: nothing to keep for a next one.
  const result = new Analyzer({ reuse: false }).analyze(files, config);
  const all: Diagnostic[] = [...result.diagnostics.values()].flat();
  const shown = args.quiet ? all.filter((d) => d.severity === 'error') : all;
  const infos = [...result.files.values()];
  const report: Report = {
    cwd: cwdPosix,
    files,
    diagnostics: shown,
    elapsedMs: performance.now() - startedAt,
  };
  // With reportNotAnalysed the engine reports them as hints; otherwise the summary mentions them.
  if (!config.reportNotAnalysed) {
    report.notAnalysed = { statements: infos.reduce((n, f) => n + f.unparsed, 0), files: infos.filter((f) => f.unparsed > 0).length };
  }

  switch (args.format) {
    case 'text': {
      const env = io.env;
      const color = args.color ?? (!env.NO_COLOR && ((!!env.FORCE_COLOR && env.FORCE_COLOR !== '0') || io.stdout.isTTY === true));
      io.stdout.write(renderText(report, { color }));
      break;
    }
    case 'json':
      io.stdout.write(renderJson(report));
      break;
    case 'sarif':
      io.stdout.write(renderSarif(report, { version, informationUri: HOMEPAGE, ruleInfo }));
      break;
  }

  reportSkipped();
  const counts = countBySeverity(all);
  const tooManyWarnings = args.maxWarnings !== undefined && counts.warning > args.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`schemawise: ${counts.warning} warnings, more than --max-warnings ${args.maxWarnings}\n`);
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

function ruleInfo(id: string): RuleInfo {
  const markdown = readRuleDoc(id);
  return { shortDescription: markdown ? ruleDocSummary(markdown) : undefined, helpUri: ruleDocUrl(id), markdown };
}

if (require.main === module) {
  // A CLI run is short: compiling the parser's WASM with the baseline compiler only is faster than paying for
  // the optimizing tier it would not live long enough to use (lago-api dump: 0.40 → 0.31 s). Must precede the
  // WASM compile in Analyzer.init(). The language server keeps V8's defaults.
  v8.setFlagsFromString('--liftoff-only');
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // `schemawise check | head`: the reader went away; not our error.
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`schemawise: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
