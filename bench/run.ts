/**
 * npm run bench — prints numbers and ratios measured in one run; asserts nothing about time (shared, noisy
 * machines). Needs ../shared/corpus. squawk-cli (npm) is installed into .bench/ for the comparison.
 *   1. cold CLI on lago-api/db/structure.sql (534 KB): wall time and peak RSS, ours vs squawk, same run
 *   2. LSP over stdio: one-character didChange → publishDiagnostics of that version, 50 edits, 100 ms apart
 *   3. the whole corpus: wall time, files/s, MB/s, peak RSS
 *   4. workload: a generated workspace (bench/workload.ts: 200 tables, 2,000 sqlc-style queries in 20 files): cold
 *      CLI time to full diagnostics; over stdio LSP, time to the first diagnostics of an opened query file, then 60
 *      edits in that file (a letter typed into a string literal of a WHERE clause, then undone), 20 that keep the
 *      meaning (a space at a query line's end, then undone) and one that changes a query's meaning (`=` → `>` on a
 *      hash-indexed column): edit → publishDiagnostics p50/p95/max. Needs no corpus.
 *   5. ORM sources: load time of each corpus Prisma schema and TypeORM entity folder (CLI and in-process), then over
 *      stdio LSP a letter typed into field names of the largest .prisma file: edit → publishDiagnostics p50/p95.
 *   6. the ER diagram in headless Chromium (bench/diagram.ts): first paint and update after a one-column change for
 *      20, 100 and 300 tables.
 *   7. application code: ORM call extraction from 1,000 generated service files; CLI on that project; over stdio LSP a
 *      letter typed into a string of one service file: edit → publishDiagnostics p50/p95.
 * Env: BENCH_VERBOSE=1 prints the server's log and publish sizes (and, for 4, where an edit's time goes);
 * BENCH_SCENARIO=<word> runs only the scenarios whose name contains it ("cold CLI", "whole corpus", the LSP
 * scenarios' names, "workload"); BENCH_SERVER_NODE_ARGS passes node flags to the server (e.g. --cpu-prof);
 * SCHEMAWISE_TIMING=1 makes the server log analyse/publish times per run (shown with BENCH_VERBOSE); `--lsp-only`
 * skips 1, 3 and the CLI part of 4.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, readdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { DEFAULT_SPEC, generateWorkload, writeWorkload, type At, type GeneratedWorkload } from './workload';
import { diagramBench } from './diagram';
import { entities, plainFile, prismaSchema, prismaService, typeormService } from './app-queries';

const ROOT = resolve(__dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const LAGO = join(CORPUS, 'postgresql', 'lago-api', 'db', 'structure.sql');
const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');
const RSS_HOOK = join(ROOT, 'bench', 'maxrss.cjs');
const SQUAWK_VERSION = '2.66.0';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function timeRun(cmd: string, args: string[]): { ms: number; rssKb?: number; status: number | null; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = performance.now() - t0;
  const m = /BENCH_MAXRSS_KB (\d+)/.exec(r.stderr ?? '');
  return { ms: elapsed, rssKb: m ? Number(m[1]) : undefined, status: r.status, stdout: r.stdout ?? '' };
}

/** BENCH_SCENARIO filter: is the scenario called `name` to run? */
function selected(name: string): boolean {
  return !process.env.BENCH_SCENARIO || name.includes(process.env.BENCH_SCENARIO);
}

function timeWithGnuTime(cmd: string, args: string[]): { ms: number; rssKb?: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH_MAXRSS_KB %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = performance.now() - t0;
  const m = /BENCH_MAXRSS_KB (\d+)/.exec(r.stderr ?? '');
  return { ms: elapsed, rssKb: m ? Number(m[1]) : undefined };
}

function squawkBin(): string | undefined {
  const dir = join(ROOT, '.bench');
  const bin = join(dir, 'node_modules', '.bin', 'squawk');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `squawk-cli@${SQUAWK_VERSION}`], { encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(bin)) {
      console.log(`  squawk-cli could not be installed: ${(r.stderr || '').split('\n').slice(-3).join(' ')}`);
      return undefined;
    }
  }
  return bin;
}

function coldCli(): void {
  console.log(`\n1. Cold CLI on ${LAGO.slice(CORPUS.length + 1)} (${(statSync(LAGO).size / 1024).toFixed(0)} KB), median of 7 runs`);
  const runs = 7;
  const rows: [string, number, number | undefined][] = [];
  for (const format of ['json', 'text']) {
    const t = [];
    let rss: number | undefined;
    for (let i = 0; i < runs; i++) {
      const r = timeRun(process.execPath, ['-r', RSS_HOOK, CLI, 'check', LAGO, '--format', format, '--no-color']);
      t.push(r.ms);
      rss = Math.max(rss ?? 0, r.rssKb ?? 0);
    }
    rows.push([`schemawise check --format ${format}`, median(t), rss]);
  }
  const sq = squawkBin();
  if (sq) {
    for (const reporter of ['json', 'tty']) {
      const t = [];
      let rss: number | undefined;
      for (let i = 0; i < runs; i++) {
        const r = timeWithGnuTime(sq, ['--reporter', reporter, LAGO]);
        t.push(r.ms);
        rss = Math.max(rss ?? 0, r.rssKb ?? 0);
      }
      rows.push([`squawk-cli ${SQUAWK_VERSION} (npm) --reporter ${reporter}`, median(t), rss]);
    }
  }
  for (const [name, t, rss] of rows) console.log(`  ${name.padEnd(48)} ${ms(t).padStart(10)}   peak RSS ${rss ? mb(rss) : '?'}`);
  if (rows.length === 4) {
    console.log(`  ratio schemawise/squawk, json: ${(rows[0][1] / rows[2][1]).toFixed(2)}   text/tty: ${(rows[1][1] / rows[3][1]).toFixed(2)}   (target ≤ 1.00)`);
  }
}

/** Minimal LSP client over stdio: Content-Length framing, requests and notifications. */
class Lsp {
  private buf = Buffer.alloc(0);
  private id = 0;
  private pending = new Map<number, (v: unknown) => void>();
  listeners: ((m: { method?: string; params?: any }) => void)[] = [];
  readonly proc;
  constructor(cwd: string) {
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : [];
    this.proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', () => {});
  }
  private onData(d: Buffer) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const h = this.buf.indexOf('\r\n\r\n');
      if (h < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, h).toString())![1]);
      if (this.buf.length < h + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(h + 4, h + 4 + len).toString('utf8'));
      if (process.env.BENCH_VERBOSE && msg.method === 'textDocument/publishDiagnostics') console.log(`    publish v${msg.params.version}: ${len} bytes, ${msg.params.diagnostics.length} diagnostics`);
      this.buf = this.buf.subarray(h + 4 + len);
      if (msg.id !== undefined && !msg.method) this.pending.get(msg.id)?.(msg.result);
      else if (msg.id !== undefined && msg.method) this.send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? (msg.params.items as unknown[]).map(() => null) : null });
      else {
        if (process.env.BENCH_VERBOSE && msg.method === 'window/logMessage') console.log('    server:', msg.params.message);
        for (const l of this.listeners) l(msg);
      }
    }
  }
  send(m: object) {
    const s = JSON.stringify(m);
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }
  request(method: string, params: unknown): Promise<any> {
    const id = ++this.id;
    return new Promise((res) => {
      this.pending.set(id, res);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }
  notify(method: string, params: unknown) {
    this.send({ jsonrpc: '2.0', method, params });
  }
}

type EditPicker = (lines: string[], i: number) => { line: number; col: number };

/** A space at the end of a line spread over the file: changes no meaning, shifts the offsets after it. */
const spaceAtLineEnd: EditPicker = (lines, i) => {
  const line = Math.floor(((i + 0.5) * (lines.length - 1)) / 50);
  return { line, col: lines[line].length };
};

/** A letter typed into the name of an index spread over the file: the schema changes with every keystroke. */
const letterInIndexName: EditPicker = (lines, i) => {
  const candidates: number[] = [];
  lines.forEach((l, n) => {
    if (/^CREATE (UNIQUE )?INDEX \w/.test(l)) candidates.push(n);
  });
  const line = candidates[Math.floor(((i + 0.5) * candidates.length) / 50)];
  return { line, col: lines[line].indexOf('INDEX ') + 6 };
};

const LSP_SCENARIOS = ['a space at a line end (meaning unchanged)', 'a letter typed into an index name (the schema changes)'];

async function lspEdits(): Promise<void> {
  if (!LSP_SCENARIOS.some(selected)) return;
  console.log('\n2. LSP over stdio: one-character didChange → publishDiagnostics for that version (50 edits, 100 ms apart)');
  for (const [name, pick, ch] of [
    [LSP_SCENARIOS[0], spaceAtLineEnd, ' '],
    [LSP_SCENARIOS[1], letterInIndexName, 'x'],
  ].filter(([n]) => selected(String(n))) as [string, EditPicker, string][]) {
    await lspScenario(name, pick, ch);
  }
}

/** Starts the server on workspace folder `ws` and initializes it; `incremental`: it takes ranged changes. */
async function startServer(ws: string): Promise<{ lsp: Lsp; incremental: boolean }> {
  const lsp = new Lsp(ws);
  const init = await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'bench' }], capabilities: {} });
  lsp.notify('initialized', {});
  const sync = init?.capabilities?.textDocumentSync;
  return { lsp, incremental: (typeof sync === 'number' ? sync : sync?.change) === 2 };
}

/** Resolves with the arrival time and diagnostics of the first publish for `uri` at `version`. */
function published(lsp: Lsp, uri: string, version: number): Promise<{ at: number; diagnostics: any[] }> {
  return new Promise((res) => {
    const l = (m: { method?: string; params?: any }) => {
      if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version) {
        lsp.listeners = lsp.listeners.filter((x) => x !== l);
        res({ at: performance.now(), diagnostics: m.params.diagnostics });
      }
    };
    lsp.listeners.push(l);
  });
}

async function stopServer(lsp: Lsp): Promise<void> {
  await lsp.request('shutdown', null);
  lsp.notify('exit', null);
}

/** One file in a fresh workspace, opened over stdio, then 50 one-character edits 100 ms apart. */
async function lspScenario(
  name: string,
  pick: EditPicker,
  ch: string,
  source: { path: string; fileName: string; languageId: string; workspace?: string } = { path: LAGO, fileName: 'structure.sql', languageId: 'sql' },
): Promise<void> {
  // A workspace of its own (the file copied in), or the file inside a prepared workspace.
  const ws = source.workspace ?? mkdtempSync(join(tmpdir(), 'sw-bench-'));
  const file = join(ws, source.fileName);
  if (!source.workspace) copyFileSync(source.path, file);
  const uri = pathToFileURL(file).href;
  const { lsp, incremental } = await startServer(ws);
  let text = readFileSync(file, 'utf8');
  const waitFor = (version: number) => published(lsp, uri, version).then((p) => p.at);
  const t0 = performance.now();
  let wait = waitFor(1);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: source.languageId, version: 1, text } });
  const first = (await wait) - t0;
  const lines = text.split('\n');
  const lat: number[] = [];
  for (let i = 0; i < 50; i++) {
    const { line, col } = pick(lines, i);
    lines[line] = lines[line].slice(0, col) + ch + lines[line].slice(col);
    const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
    text = text.slice(0, offset) + ch + text.slice(offset);
    const version = i + 2;
    wait = waitFor(version);
    const start = performance.now();
    const change = incremental ? { range: { start: { line, character: col }, end: { line, character: col } }, text: ch } : { text };
    lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const done = await Promise.race([wait, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
    lat.push(done - start);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ok = lat.filter((x) => !Number.isNaN(x));
  console.log(`  ${name}:`);
  if (process.env.BENCH_VERBOSE) console.log(`    per edit (ms): ${lat.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`    first diagnostics after open ${ms(first)}; edit → diagnostics p50 ${ms(median(ok))}, p95 ${ms(pct(ok, 95))}, max ${ms(Math.max(...ok))} (${ok.length}/50 answered; target p95 ≤ 25 ms, ratio ${(pct(ok, 95) / 25).toFixed(2)})`);
  await stopServer(lsp);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function wholeCorpus(): void {
  const files = walk(CORPUS);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  console.log(`\n3. Whole corpus (${files.length} files, ${(bytes / 1048576).toFixed(1)} MB on disk), schemawise check --format json`);
  const r = timeRun(process.execPath, ['-r', RSS_HOOK, CLI, 'check', CORPUS, '--format', 'json']);
  const s = r.ms / 1000;
  console.log(`  wall ${s.toFixed(2)} s, ${(files.length / s).toFixed(0)} files/s, ${(bytes / 1048576 / s).toFixed(2)} MB/s, peak RSS ${r.rssKb ? mb(r.rssKb) : '?'} (targets ≤ 4 s: ratio ${(s / 4).toFixed(2)}; ≤ 400 MB: ratio ${r.rssKb ? (r.rssKb / 1024 / 400).toFixed(2) : '?'})`);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. workload: 200 tables, 2,000 queries (bench/workload.ts)

const TARGET_MS = 25;
const WORKLOAD_EDITS = 60;
const WORKLOAD_CLI_RUNS = 5;

async function workload(withCli: boolean): Promise<void> {
  const w = generateWorkload(DEFAULT_SPEC);
  const bytes = [...w.files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  const ws = mkdtempSync(join(tmpdir(), 'sw-bench-workload-'));
  try {
    writeWorkload(ws, w);
    console.log(
      `\n4. Workload (generated, seed ${DEFAULT_SPEC.seed}): ${w.tables} tables, ${w.indexes} indexes in schema.sql; ${w.queries} queries in ${w.files.size - 1} files of queries/; ${(bytes / 1024).toFixed(0)} KB`,
    );
    if (withCli) workloadCli(ws);
    const p95 = await workloadLsp(ws, w);
    if (process.env.BENCH_VERBOSE || !(p95 <= TARGET_MS)) await workloadBreakdown(w);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

function countByRule(ids: string[]): string {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
}

function workloadCli(ws: string): void {
  const t: number[] = [];
  let rss = 0;
  let ids: string[] = [];
  for (let i = 0; i < WORKLOAD_CLI_RUNS; i++) {
    const r = timeRun(process.execPath, ['-r', RSS_HOOK, CLI, 'check', ws, '--format', 'json']);
    t.push(r.ms);
    rss = Math.max(rss, r.rssKb ?? 0);
    if (i === 0) {
      try {
        ids = (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId));
      } catch {
        console.log(`  the CLI's output is not JSON (exit ${r.status})`);
      }
    }
  }
  console.log(`  cold CLI, time to full diagnostics (check <dir> --format json, median of ${WORKLOAD_CLI_RUNS}): ${ms(median(t))}, peak RSS ${rss ? mb(rss) : '?'}`);
  console.log(`    ${ids.length} findings: ${countByRule(ids) || 'none'}`);
}

/** Over stdio LSP: open a query file, then edit it; returns the p95 of the literal edits. */
async function workloadLsp(ws: string, w: GeneratedWorkload): Promise<number> {
  const file = join(ws, w.editFile);
  const uri = pathToFileURL(file).href;
  let text = readFileSync(file, 'utf8');
  const lineStarts = (t: string) => {
    const out = [0];
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) out.push(i + 1);
    return out;
  };
  let starts = lineStarts(text);
  const tSpawn = performance.now();
  const { lsp, incremental } = await startServer(ws);
  const latest = new Map<string, any[]>();
  lsp.listeners.push((m) => {
    if (m.method === 'textDocument/publishDiagnostics') latest.set(m.params.uri, m.params.diagnostics);
  });
  const tOpen = performance.now();
  const opened = published(lsp, uri, 1);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
  const first = await opened;
  // The other files are published in the same run, after the open one.
  await new Promise((r) => setTimeout(r, 300));
  const all = [...latest.values()].flat();
  console.log(
    `  LSP: server start → first diagnostics of ${w.editFile} ${ms(first.at - tSpawn)} (didOpen → diagnostics ${ms(first.at - tOpen)}); ` +
      `${all.length} diagnostics over ${[...latest.values()].filter((d) => d.length).length} files, ${first.diagnostics.length} in ${w.editFile}`,
  );

  let version = 1;
  /** Replaces `remove` characters at `at` by `insert`; resolves to the latency and the published diagnostics. */
  const edit = async (at: At, remove: number, insert: string): Promise<{ ms: number; diagnostics: any[] } | undefined> => {
    const off = starts[at.line] + at.col;
    text = text.slice(0, off) + insert + text.slice(off + remove);
    starts = lineStarts(text);
    const v = ++version;
    const wait = published(lsp, uri, v);
    const start = performance.now();
    const change = incremental ? { range: { start: { line: at.line, character: at.col }, end: { line: at.line, character: at.col + remove } }, text: insert } : { text };
    lsp.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    const done = await Promise.race([wait, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000))]);
    await new Promise((r) => setTimeout(r, 100));
    return done && { ms: done.at - start, diagnostics: done.diagnostics };
  };

  // A letter typed before the closing quote of a WHERE literal (`status = 'active'` → `'activex'`), then undone;
  // the pairs spread over the file's literals.
  const typed: number[] = [];
  const undone: number[] = [];
  let lost = 0;
  const pairs = WORKLOAD_EDITS / 2;
  for (let k = 0; k < pairs; k++) {
    const at = w.literalEdits[Math.floor(((k + 0.5) * w.literalEdits.length) / pairs)];
    const a = await edit(at, 0, 'x');
    const b = await edit(at, 1, '');
    if (a) typed.push(a.ms);
    else lost++;
    if (b) undone.push(b.ms);
    else lost++;
  }
  const lat = [...typed, ...undone];
  const p95 = lat.length ? pct(lat, 95) : NaN;
  const stat = (xs: number[]) => (xs.length ? `p50 ${ms(median(xs))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))}` : 'none answered');
  console.log(`  edit → diagnostics in ${w.editFile}, ${WORKLOAD_EDITS} edits 100 ms apart (a letter typed into a WHERE literal, then undone; ${w.literalEdits.length} literals):`);
  console.log(`    all ${stat(lat)} (${lat.length}/${WORKLOAD_EDITS} answered); typed ${stat(typed)}; undone ${stat(undone)}`);
  console.log(`    target p95 ≤ ${TARGET_MS} ms: ${p95 <= TARGET_MS ? 'met' : 'NOT met'} (ratio ${(p95 / TARGET_MS).toFixed(2)})${lost ? `; ${lost} edits got no diagnostics within 5 s` : ''}`);

  // A space typed at the end of a query line, then undone: no fact changes, so the model and findings may be kept.
  const spaces: number[] = [];
  const spacePairs = 10;
  for (let k = 0; k < spacePairs; k++) {
    const line = w.literalEdits[Math.floor(((k + 0.5) * w.literalEdits.length) / spacePairs)].line;
    const at = { line, col: starts[line + 1] - 1 - starts[line] };
    const a = await edit(at, 0, ' ');
    const b = await edit(at, 1, '');
    for (const x of [a, b]) if (x) spaces.push(x.ms);
  }
  const p95s = spaces.length ? pct(spaces, 95) : NaN;
  console.log(
    `    a space typed at the end of a query line, then undone (meaning unchanged), ${spacePairs * 2} edits: ${stat(spaces)}; ` +
      `target ${p95s <= TARGET_MS ? 'met' : 'NOT met'} (ratio ${(p95s / TARGET_MS).toFixed(2)}; ${w.editFile} is ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB)`,
  );

  // `token = $1` → `token > $1`: the hash index serves equality only, so no index serves the query any more.
  const rule = 'query-without-index';
  const count = (ds: any[] | undefined) => (ds ?? []).filter((d) => d.code === rule).length;
  const before = count(latest.get(uri));
  const changed = await edit(w.meaningEdit, 1, '>');
  const reverted = await edit(w.meaningEdit, 1, '=');
  console.log(
    `  a meaning change, \`token = $1\` → \`token > $1\` (hash index) at ${w.editFile}:${w.meaningEdit.line + 1}: ${changed ? ms(changed.ms) : 'no diagnostics within 5 s'}, ` +
      `${rule} in the file ${before} → ${count(changed?.diagnostics)}${count(changed?.diagnostics) !== before ? ' (output changed)' : ' (output UNCHANGED)'}; ` +
      `reverted: ${reverted ? ms(reverted.ms) : 'no diagnostics within 5 s'}, ${count(reverted?.diagnostics)}`,
  );
  await stopServer(lsp);
  return p95;
}

/**
 * Where an edit's time goes, measured in this process on the same files (server/src through tsx, not the bundle):
 * the Analyzer's stats (parse, model, rules) for the same literal edits, then the model and each rule timed on a
 * schema built afresh (what an edit that changes a query costs).
 */
async function workloadBreakdown(w: GeneratedWorkload): Promise<void> {
  const { Analyzer } = await import('../server/src/core/engine');
  const { defaultConfig } = await import('../server/src/core/config');
  const { buildSchema } = await import('../server/src/core/model/schema');
  const { accesses } = await import('../server/src/core/model/workload');
  const { RULES } = await import('../server/src/core/rules/registry');
  const { FixBuilder } = await import('../server/src/core/fixes');
  const { Migrations } = await import('../server/src/core/migrations');
  await Analyzer.init();
  const root = '/bench-workload/';
  const files = [...w.files].map(([rel, text]) => ({ path: root + rel, text }));
  const config = defaultConfig();
  const analyzer = new Analyzer();
  const cold = analyzer.analyze(files, config);
  const i = files.findIndex((f) => f.path === root + w.editFile);
  const original = files[i].text;
  const starts = [0];
  for (let k = original.indexOf('\n'); k >= 0; k = original.indexOf('\n', k + 1)) starts.push(k + 1);
  const runs: { ms: number; parseMs: number; modelMs: number; rulesMs: number }[] = [];
  let gc = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  // The first half warms the JIT up (the server has answered many edits by then too); the second half counts.
  const pairs = 20;
  for (let k = 0; k < pairs; k++) {
    const at = w.literalEdits[Math.floor((((k % (pairs / 2)) + 0.5) * w.literalEdits.length) / (pairs / 2))];
    const off = starts[at.line] + at.col;
    for (const text of [original.slice(0, off) + 'x' + original.slice(off), original]) {
      files[i] = { ...files[i], text };
      if (k === pairs / 2 && text !== original) {
        // GC entries arrive asynchronously: flush the warm-up's before counting.
        await new Promise((r) => setTimeout(r, 20));
        gc = 0;
      }
      const stats = analyzer.analyze(files, config).stats;
      if (k >= pairs / 2) runs.push(stats);
    }
  }
  await new Promise((r) => setTimeout(r, 20));
  observer.disconnect();
  const med = (k: keyof (typeof runs)[number]) => ms(median(runs.map((r) => r[k])));
  console.log(`  where an edit's time goes (in-process Analyzer on server/src, after ${pairs} warm-up edits; shown with BENCH_VERBOSE or when the target is missed):`);
  console.log(
    `    cold analyze ${ms(cold.stats.ms)} (parse ${ms(cold.stats.parseMs)}, model ${ms(cold.stats.modelMs)}, rules ${ms(cold.stats.rulesMs)}); ` +
      `per literal edit, median of ${runs.length}: ${med('ms')} (parse ${med('parseMs')}, model ${med('modelMs')}, rules ${med('rulesMs')}; GC pauses ${ms(gc / runs.length)} on average)`,
  );
  // The model and every rule on a freshly built schema, as after an edit that changes a query's facts.
  const paths = files.map((f) => f.path).sort();
  const parsed = new Map(paths.map((p) => [p, analyzer.lastParsedFile(p)!]));
  const replay = paths.map((p) => ({ path: p, isMigration: false, statements: parsed.get(p)!.statements }));
  const reps = 7;
  const model: number[] = [];
  const acc: number[] = [];
  const perRule = new Map<string, number[]>();
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    const schema = buildSchema('', 'postgresql', replay);
    model.push(performance.now() - t);
    t = performance.now();
    accesses(schema);
    acc.push(performance.now() - t);
    const fixes = new FixBuilder(schema, parsed, () => false);
    for (const rule of RULES) {
      if (!rule.meta.dialects.includes('postgresql') || rule.meta.defaultSeverity === 'off') continue;
      const options = Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([k, v]) => [k, v.default]));
      t = performance.now();
      const ctx = {
        schema,
        options,
        fixes,
        report: () => {},
        isMigrationFile: () => false,
        tableExistedBeforeFile: () => undefined,
        locate: (f: string, o: number) => `${f}:${o}`,
        migrations: new Migrations(schema, parsed, defaultConfig()),
      };
      rule.check?.(ctx);
      // Per-query rules run query by query (an edit re-runs them on the edited queries only; this is all of them).
      if (rule.checkQuery) for (const q of schema.workload) rule.checkQuery(ctx, q);
      const list = perRule.get(rule.meta.id) ?? [];
      list.push(performance.now() - t);
      perRule.set(rule.meta.id, list);
    }
  }
  const rules = [...perRule.entries()].map(([id, xs]) => [id, median(xs)] as const).sort((a, b) => b[1] - a[1]);
  // A rule reads the workload if its source says so; the others see only tables, which a query edit cannot change.
  const readsWorkload = (id: string) => {
    const src = join(ROOT, 'server', 'src', 'core', 'rules', `${id}.ts`);
    return existsSync(src) && /\bworkload: true|\bcheckQuery\b/.test(readFileSync(src, 'utf8'));
  };
  const sum = (xs: (readonly [string, number])[]) => xs.reduce((n, [, x]) => n + x, 0);
  const wl = rules.filter(([id]) => readsWorkload(id));
  const sc = rules.filter(([id]) => !readsWorkload(id));
  const top = (xs: (readonly [string, number])[], n: number) =>
    xs
      .slice(0, n)
      .map(([id, x]) => `${id} ${x.toFixed(1)}`)
      .join(', ');
  console.log(`    fresh schema, median of ${reps}: buildSchema ${ms(median(model))}; workload accesses (first call, then cached for the workload rules) ${ms(median(acc))}; all rules ${ms(sum(rules))}:`);
  console.log(`      ${wl.length} rules reading the workload ${ms(sum(wl))}: ${top(wl, 5)} ms …`);
  console.log(`      ${sc.length} schema-only rules (a query edit cannot change their findings) ${ms(sum(sc))}: ${top(sc, 5)} ms …`);
}

// ---------------------------------------------------------------------------------------------------------------
// 5. ORM sources: each corpus Prisma schema and TypeORM entity folder; typing in the largest .prisma file

/** A letter typed at the end of a field name spread over a Prisma schema's models: a column renamed per keystroke. */
const letterInFieldName: EditPicker = (lines, i) => {
  const fields: number[] = [];
  let inModel = false;
  lines.forEach((l, n) => {
    if (/^model\s+\w+\s*\{/.test(l)) inModel = true;
    else if (/^\}/.test(l)) inModel = false;
    else if (inModel && /^\s+\w+\s+[A-Z]\w*[?]?\s/.test(l) && !/@relation|\[\]/.test(l)) fields.push(n);
  });
  const line = fields[Math.floor(((i + 0.5) * fields.length) / 50)];
  return { line, col: /^\s+\w+/.exec(lines[line])![0].length };
};

async function ormSources(lspOnly: boolean): Promise<void> {
  const projects = [
    ...readdirSync(join(CORPUS, 'prisma')).map((n) => ({ kind: 'Prisma', name: n, dir: join(CORPUS, 'prisma', n) })),
    ...readdirSync(join(CORPUS, 'typeorm')).map((n) => ({ kind: 'TypeORM', name: n, dir: join(CORPUS, 'typeorm', n) })),
  ];
  console.log('\n5. ORM sources: load (CLI wall time; in-process analysis of a fresh Analyzer after a warm-up) and edits');
  if (!lspOnly) {
    const { Analyzer } = await import('../server/src/core/engine');
    const { defaultConfig } = await import('../server/src/core/config');
    await Analyzer.init();
    const read = (dir: string) =>
      walk(dir)
        .filter((f) => /\.(prisma|ts)$/.test(f))
        .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    for (const p of projects) new Analyzer().analyze(read(p.dir), defaultConfig());
    for (const p of projects) {
      const files = read(p.dir);
      const times = [1, 2, 3, 4, 5].map(() => new Analyzer().analyze(files, defaultConfig()).stats);
      const r = timeRun(process.execPath, [CLI, 'check', p.dir, '--format', 'json']);
      const n = r.stdout ? (JSON.parse(r.stdout) as { messages: unknown[] }[]).reduce((k, f) => k + f.messages.length, 0) : 0;
      const kb = files.reduce((k, f) => k + Buffer.byteLength(f.text), 0) / 1024;
      console.log(
        `  ${p.kind} ${p.name}: ${files.length} files, ${kb.toFixed(0)} KB, ${times[0].tables} tables; CLI ${ms(r.ms)}; in-process median ${ms(median(times.map((t) => t.ms)))} (parse ${ms(median(times.map((t) => t.parseMs)))}); ${n} findings`,
      );
    }
  }
  const largest = walk(join(CORPUS, 'prisma'))
    .filter((f) => f.endsWith('.prisma'))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  await lspScenario(`a letter typed into a field name of the largest .prisma file (${largest.slice(CORPUS.length + 1)})`, letterInFieldName, 'x', {
    path: largest,
    fileName: 'schema.prisma',
    languageId: 'prisma',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 7. application code: ORM calls of 1,000 generated service files (bench/app-queries.ts); typing in one of them

/** A letter typed into the error message string of a service method: the file changes, its ORM calls only move. */
const letterInMessage: EditPicker = (lines, i) => {
  const anchor = "BadRequestException('";
  const at = lines.map((l, n) => (l.includes(anchor) ? n : -1)).filter((n) => n >= 0);
  const line = at[i % at.length];
  return { line, col: lines[line].indexOf(anchor) + anchor.length + 1 };
};

async function applicationCode(): Promise<void> {
  console.log('\n7. Application code: ORM calls of a generated NestJS project (1,000 service files, half Prisma, half TypeORM, and 1,000 without ORM calls)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'app-queries.ts')], { encoding: 'utf8', cwd: ROOT });
  for (const l of (r.stdout || r.stderr || '').trim().split('\n')) console.log(`  ${l}`);
  const ws = mkdtempSync(join(tmpdir(), 'sw-bench-app-'));
  try {
    mkdirSync(join(ws, 'prisma'));
    mkdirSync(join(ws, 'src', 'entities'), { recursive: true });
    mkdirSync(join(ws, 'src', 'services'));
    writeFileSync(join(ws, 'prisma', 'schema.prisma'), prismaSchema());
    writeFileSync(join(ws, 'src', 'entities', 'index.ts'), entities());
    for (let i = 0; i < 1000; i++) {
      writeFileSync(join(ws, 'src', 'services', `s${i}.service.ts`), i % 2 ? typeormService(i) : prismaService(i));
      writeFileSync(join(ws, 'src', 'services', `c${i}.controller.ts`), plainFile(i));
    }
    const t = performance.now();
    const cli = timeRun(process.execPath, [CLI, 'check', ws, '--format', 'json']);
    const n = cli.stdout ? (JSON.parse(cli.stdout) as { messages: unknown[] }[]).reduce((k, f) => k + f.messages.length, 0) : 0;
    console.log(`  CLI on the whole project: ${ms(performance.now() - t)}, ${n} findings`);
    await lspScenario('a letter typed into a string of a Prisma service file (its 6 ORM calls move)', letterInMessage, 'x', {
      path: join(ws, 'src', 'services', 's10.service.ts'),
      fileName: 'src/services/s10.service.ts',
      languageId: 'typescript',
      workspace: ws,
    });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error('dist/ is missing: run npm run build');
  console.log(`schemawise bench — node ${process.version}, ${new Date().toISOString()}`);
  const lspOnly = process.argv.includes('--lsp-only');
  if (existsSync(CORPUS)) {
    if (!lspOnly && selected('cold CLI')) coldCli();
    await lspEdits();
    if (!lspOnly && selected('whole corpus')) wholeCorpus();
  } else console.log(`../shared/corpus not found at ${CORPUS}: scenarios 1–3 skipped.`);
  if (selected('workload')) await workload(!lspOnly);
  if (existsSync(CORPUS) && selected('ORM')) await ormSources(lspOnly);
  if (selected('diagram')) await diagramBench();
  if (selected('application')) await applicationCode();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
