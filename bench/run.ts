/**
 * npm run bench — prints numbers and ratios measured in one run; asserts nothing about time (shared, noisy
 * machines). Needs ../shared/corpus. squawk-cli (npm) is installed into .bench/ for the comparison.
 *   1. cold CLI on lago-api/db/structure.sql (534 KB): wall time and peak RSS, ours vs squawk, same run
 *   2. LSP over stdio: one-character didChange → publishDiagnostics of that version, 50 edits, 100 ms apart
 *   3. the whole corpus: wall time, files/s, MB/s, peak RSS
 * Env: BENCH_VERBOSE=1 prints the server's log and publish sizes; BENCH_SCENARIO=<word> runs matching LSP scenarios
 * only; BENCH_SERVER_NODE_ARGS passes node flags to the server (e.g. --cpu-prof); `--lsp-only` skips 1 and 3.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, readdirSync, mkdtempSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

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

function timeRun(cmd: string, args: string[]): { ms: number; rssKb?: number; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = performance.now() - t0;
  const m = /BENCH_MAXRSS_KB (\d+)/.exec(r.stderr ?? '');
  return { ms: elapsed, rssKb: m ? Number(m[1]) : undefined, status: r.status };
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

async function lspEdits(): Promise<void> {
  console.log('\n2. LSP over stdio: one-character didChange → publishDiagnostics for that version (50 edits, 100 ms apart)');
  for (const [name, pick, ch] of [
    ['a space at a line end (meaning unchanged)', spaceAtLineEnd, ' '],
    ['a letter typed into an index name (the schema changes)', letterInIndexName, 'x'],
  ].filter(([n]) => !process.env.BENCH_SCENARIO || String(n).includes(process.env.BENCH_SCENARIO)) as [string, EditPicker, string][]) {
    await lspScenario(name, pick, ch);
  }
}

async function lspScenario(name: string, pick: EditPicker, ch: string): Promise<void> {
  const ws = mkdtempSync(join(tmpdir(), 'sw-bench-'));
  const file = join(ws, 'structure.sql');
  copyFileSync(LAGO, file);
  const uri = pathToFileURL(file).href;
  const lsp = new Lsp(ws);
  const init = await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'bench' }], capabilities: {} });
  lsp.notify('initialized', {});
  const sync = init?.capabilities?.textDocumentSync;
  const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;
  let text = readFileSync(file, 'utf8');
  const waitFor = (version: number) =>
    new Promise<number>((res) => {
      const l = (m: { method?: string; params?: any }) => {
        if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version) {
          lsp.listeners = lsp.listeners.filter((x) => x !== l);
          res(performance.now());
        }
      };
      lsp.listeners.push(l);
    });
  const t0 = performance.now();
  let wait = waitFor(1);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
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
  console.log(`    first diagnostics after open ${ms(first)}; edit → diagnostics p50 ${ms(median(ok))}, p95 ${ms(pct(ok, 95))}, max ${ms(Math.max(...ok))} (${ok.length}/50 answered; target p95 ≤ 25 ms, ratio ${(pct(ok, 95) / 25).toFixed(2)})`);
  await lsp.request('shutdown', null);
  lsp.notify('exit', null);
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

async function main() {
  if (!existsSync(CORPUS)) {
    console.log(`../shared/corpus not found at ${CORPUS}: nothing to benchmark.`);
    return;
  }
  if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error('dist/ is missing: run npm run build');
  console.log(`schemawise bench — node ${process.version}, ${new Date().toISOString()}`);
  if (process.argv.includes('--lsp-only')) return lspEdits();
  coldCli();
  await lspEdits();
  wholeCorpus();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
