/**
 * The CLI's renderers: text for people, ESLint-compatible JSON and SARIF 2.1.0 for tools. Pure functions of a
 * `Report` (no IO), so they are tested with hand-built diagnostics. Offsets become 1-based lines and UTF-16
 * columns here and nowhere earlier.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity, SourceFile } from '../core/api';
import { LineIndex } from '../node/lines';

export interface Report {
  /** Absolute, `/`-separated; paths in the output are shown relative to it when inside it. */
  cwd: string;
  /** Every analysed file (with its text, for positions and code frames). */
  files: SourceFile[];
  /** Findings to report, in any order (already filtered, e.g. by `--quiet`). */
  diagnostics: Diagnostic[];
  elapsedMs: number;
  /** Statements the parsers could not analyse, for the text summary. */
  notAnalysed?: { statements: number; files: number };
}

export interface RuleInfo {
  shortDescription?: string;
  helpUri?: string;
  /** The rule's doc, shown by SARIF viewers (GitHub code scanning) as the rule help. */
  markdown?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.start - b.start ||
      a.end - b.end ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.message, b.message),
  );
}

export function countBySeverity(diagnostics: Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** `db/schema.sql` when inside `cwd`, else the absolute path. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.posix.relative(cwd, file);
  return rel === '' || rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel) ? file : rel;
}

/** Caches one LineIndex per file of the report. */
class Positions {
  private readonly texts = new Map<string, string>();
  private readonly indexes = new Map<string, LineIndex>();

  constructor(files: SourceFile[]) {
    for (const f of files) this.texts.set(f.path, f.text);
  }

  index(file: string): LineIndex {
    let idx = this.indexes.get(file);
    if (!idx) {
      idx = new LineIndex(this.texts.get(file) ?? '');
      this.indexes.set(file, idx);
    }
    return idx;
  }

  /** 1-based line/column of the start and end (end column is exclusive, as in ESLint and SARIF). */
  range(file: string, start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
    const idx = this.index(file);
    const s = idx.positionAt(start);
    const e = idx.positionAt(Math.max(start, end));
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }
}

// ---------------------------------------------------------------------------------------------------------
// text

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue, hint: ANSI.cyan };

/** Code frames show at most this many lines of a multi-line range (first and last ones). */
const MAX_FRAME_LINES = 6;
/** Longer source lines are cut to a window around the range. */
const MAX_FRAME_WIDTH = 120;
const TAB_WIDTH = 4;

export function renderText(report: Report, opts: { color: boolean }): string {
  const paint = (style: string, s: string): string => (opts.color && s !== '' ? style + s + ANSI.reset : s);
  const positions = new Positions(report.files);
  const out: string[] = [];
  for (const d of sortDiagnostics(report.diagnostics)) {
    const r = positions.range(d.file, d.start, d.end);
    const sevColor = SEVERITY_COLOR[d.severity];
    out.push(
      `${paint(ANSI.bold, `${displayPath(d.file, report.cwd)}:${r.line}:${r.column}`)}  ${paint(sevColor + ANSI.bold, d.severity)}  ${d.message}  ${paint(ANSI.dim, `[${d.ruleId}]`)}`,
    );
    for (const line of codeFrame(positions.index(d.file), d.start, d.end)) {
      const gutter = paint(ANSI.blue, `${line.gutter} |`);
      out.push(line.carets ? `  ${gutter} ${paint(sevColor, line.text)}`.trimEnd() : `  ${gutter} ${line.text}`.trimEnd());
    }
    if (d.help) out.push(`  ${paint(ANSI.cyan + ANSI.bold, 'help:')} ${d.help}`);
    for (const rel of d.related ?? []) {
      const rr = positions.range(rel.file, rel.start, rel.end);
      out.push(`  ${paint(ANSI.bold, 'note:')} ${rel.message} (${displayPath(rel.file, report.cwd)}:${rr.line}:${rr.column})`);
    }
    out.push('');
  }
  out.push(textSummary(report, paint));
  return out.join('\n') + '\n';
}

function textSummary(report: Report, paint: (style: string, s: string) => string): string {
  const c = countBySeverity(report.diagnostics);
  const total = report.diagnostics.length;
  const where = `in ${plural(report.files.length, 'file')}, ${(report.elapsedMs / 1000).toFixed(2)} s`;
  let line: string;
  if (total === 0) line = `${paint(ANSI.green + ANSI.bold, '✔')} no problems ${where}`;
  else {
    const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
    if (c.info) parts.push(`${c.info} info`);
    if (c.hint) parts.push(plural(c.hint, 'hint'));
    const style = c.error ? ANSI.red + ANSI.bold : ANSI.yellow + ANSI.bold;
    line = `${paint(style, `✖ ${plural(total, 'problem')}`)} (${parts.join(', ')}) ${where}`;
  }
  const na = report.notAnalysed;
  if (na && na.statements > 0) {
    line += `\n${paint(ANSI.dim, `  ${plural(na.statements, 'statement')} in ${plural(na.files, 'file')} could not be analysed (set "reportNotAnalysed": true to see where)`)}`;
  }
  return line;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface FrameLine {
  /** Right-aligned line number, or blank for caret lines, or `...` for an elision. */
  gutter: string;
  text: string;
  carets: boolean;
}

/**
 * Source lines of [start, end) with a caret line under each covered part. Tabs are expanded, wide characters
 * counted as two columns, long lines cut to a window around the range, long ranges elided in the middle.
 */
export function codeFrame(idx: LineIndex, start: number, end: number): FrameLine[] {
  if (idx.text.length === 0) return [];
  const s = idx.positionAt(start);
  let e = idx.positionAt(Math.max(start, end));
  // A range ending right after a line break ends on the previous line.
  if (e.line > s.line && e.character === 0) e = { line: e.line - 1, character: idx.lineEnd(e.line - 1) - idx.lineStart(e.line - 1) };
  const lines: number[] = [];
  for (let l = s.line; l <= e.line; l++) lines.push(l);
  const shown =
    lines.length > MAX_FRAME_LINES ? [...lines.slice(0, MAX_FRAME_LINES / 2), -1, ...lines.slice(-MAX_FRAME_LINES / 2)] : lines;
  const width = String(e.line + 1).length;
  const out: FrameLine[] = [];
  for (const l of shown) {
    if (l < 0) {
      out.push({ gutter: '.'.repeat(Math.max(3, width)).padStart(width), text: '', carets: false });
      continue;
    }
    const text = idx.lineText(l);
    const cells = layout(text);
    const from = l === s.line ? s.character : firstNonBlank(text);
    const to = Math.max(from, l === e.line ? e.character : text.length);
    const { line, caretStart, caretWidth } = window(cells, from, to);
    out.push({ gutter: String(l + 1).padStart(width), text: line, carets: false });
    // In a multi-line range, a line with nothing covered (blank, or the range starts at its end) gets no carets.
    if (to > from || lines.length === 1) {
      out.push({ gutter: ' '.repeat(width), text: ' '.repeat(caretStart) + '^'.repeat(caretWidth), carets: true });
    }
  }
  return out;
}

interface Cell {
  /** UTF-16 index in the line where this character starts. */
  offset: number;
  text: string;
  width: number;
}

function layout(line: string): Cell[] {
  const cells: Cell[] = [];
  let col = 0;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    let text: string;
    let width: number;
    if (cp === 9) {
      width = TAB_WIDTH - (col % TAB_WIDTH);
      text = ' '.repeat(width);
    } else if (cp < 32 || cp === 0x7f || cp === 0xfeff || (cp >= 0x80 && cp < 0xa0)) {
      text = cp === 0xfeff ? '' : '�';
      width = text.length;
    } else {
      text = String.fromCodePoint(cp);
      width = charWidth(cp);
    }
    cells.push({ offset: i, text, width });
    col += width;
    i += len;
  }
  return cells;
}

/** Terminal columns of a code point: 0 for combining marks, 2 for East Asian wide and emoji, else 1. */
function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Renders `cells`, cut to MAX_FRAME_WIDTH around [from, to), and where the carets go (display columns). */
function window(cells: Cell[], from: number, to: number): { line: string; caretStart: number; caretWidth: number } {
  const starts: number[] = [];
  let total = 0;
  for (const c of cells) {
    starts.push(total);
    total += c.width;
  }
  const displayAt = (offset: number): number => {
    for (let k = 0; k < cells.length; k++) if (cells[k].offset >= offset) return starts[k];
    return total;
  };
  const dFrom = displayAt(from);
  // An empty range still gets one caret.
  const dTo = Math.max(displayAt(to), dFrom + 1);
  let ws = 0;
  let we = total;
  if (total > MAX_FRAME_WIDTH) {
    ws = Math.max(0, Math.min(dFrom - 20, total - MAX_FRAME_WIDTH));
    we = ws + MAX_FRAME_WIDTH;
  }
  let line = ws > 0 ? '…' : '';
  for (let k = 0; k < cells.length; k++) if (starts[k] >= ws && starts[k] + cells[k].width <= we) line += cells[k].text;
  if (we < total) line += '…';
  const shift = ws > 0 ? 1 - ws : 0;
  const caretStart = Math.max(0, dFrom + shift);
  const caretEnd = Math.min(dTo, we) + shift;
  return { line, caretStart, caretWidth: Math.max(1, caretEnd - caretStart) };
}

function firstNonBlank(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : text.length;
}

// ---------------------------------------------------------------------------------------------------------
// json (ESLint's format, plus `level` and `help`)

export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string;
  /** ESLint: 2 = error, 1 = warning (and our info/hint). */
  severity: 1 | 2;
  level: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  help?: string;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  hintCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function renderJson(report: Report): string {
  const positions = new Positions(report.files);
  const texts = new Map(report.files.map((f) => [f.path, f.text]));
  const byFile = new Map<string, Diagnostic[]>(report.files.map((f) => [f.path, []]));
  for (const d of sortDiagnostics(report.diagnostics)) {
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file)!.push(d);
  }
  const results: EslintResult[] = [];
  for (const file of [...byFile.keys()].sort(cmp)) {
    const diags = byFile.get(file)!;
    const c = countBySeverity(diags);
    const messages = diags.map((d): EslintMessage => {
      const m: EslintMessage = {
        ruleId: d.ruleId,
        severity: d.severity === 'error' ? 2 : 1,
        level: d.severity,
        message: d.message,
        ...positions.range(d.file, d.start, d.end),
      };
      if (d.help) m.help = d.help;
      const text = texts.get(file) ?? '';
      const safe = d.fixes.find((f) => f.safe && eslintFix(f.edits, file, text));
      if (safe) m.fix = eslintFix(safe.edits, file, text);
      const suggestions = d.fixes
        .filter((f) => f !== safe)
        .map((f) => ({ desc: f.title, fix: eslintFix(f.edits, file, text) }))
        .filter((s): s is { desc: string; fix: EslintFix } => s.fix !== undefined);
      if (suggestions.length) m.suggestions = suggestions;
      return m;
    });
    const fixable = (sev: 1 | 2): number => messages.filter((m) => m.severity === sev && m.fix).length;
    results.push({
      filePath: file,
      messages,
      errorCount: c.error,
      warningCount: c.warning + c.info + c.hint,
      infoCount: c.info,
      hintCount: c.hint,
      fatalErrorCount: 0,
      fixableErrorCount: fixable(2),
      fixableWarningCount: fixable(1),
    });
  }
  return JSON.stringify(results, null, 2) + '\n';
}

/**
 * ESLint's fix is one replacement in the message's file: several edits are merged into one covering range.
 * Fixes touching another file cannot be expressed and are left out.
 */
function eslintFix(edits: { file: string; start: number; end: number; newText: string }[], file: string, text: string): EslintFix | undefined {
  if (edits.length === 0 || edits.some((e) => e.file !== file)) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < sorted.length; k++) if (sorted[k].start < sorted[k - 1].end) return undefined;
  const start = sorted[0].start;
  const end = Math.max(...sorted.map((e) => e.end));
  let merged = '';
  let at = start;
  for (const e of sorted) {
    merged += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  merged += text.slice(at, end);
  return { range: [start, end], text: merged };
}

// ---------------------------------------------------------------------------------------------------------
// sarif

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function renderSarif(
  report: Report,
  tool: { version: string; informationUri: string; ruleInfo: (id: string) => RuleInfo },
): string {
  const positions = new Positions(report.files);
  const diagnostics = sortDiagnostics(report.diagnostics);
  const ruleIds = [...new Set(diagnostics.map((d) => d.ruleId))].sort(cmp);
  const ruleIndex = new Map(ruleIds.map((id, k) => [id, k]));
  const rules = ruleIds.map((id) => {
    const info = tool.ruleInfo(id);
    const rule: Record<string, unknown> = { id, shortDescription: { text: info.shortDescription ?? id } };
    if (info.helpUri) rule.helpUri = info.helpUri;
    if (info.markdown) rule.help = { text: info.shortDescription ?? id, markdown: info.markdown };
    return rule;
  });
  const cwdUri = pathToFileURL(report.cwd.endsWith('/') ? report.cwd : report.cwd + '/').href;
  const location = (file: string, start: number, end: number): Record<string, unknown> => {
    const r = positions.range(file, start, end);
    const shown = displayPath(file, report.cwd);
    const artifactLocation =
      shown === file ? { uri: pathToFileURL(file).href } : { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    return {
      physicalLocation: {
        artifactLocation,
        region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
      },
    };
  };
  const results = diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.ruleId,
      ruleIndex: ruleIndex.get(d.ruleId),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.help ? `${d.message}. ${d.help}` : d.message },
      locations: [location(d.file, d.start, d.end)],
    };
    if (d.related?.length) {
      result.relatedLocations = d.related.map((rel, k) => ({ id: k, ...location(rel.file, rel.start, rel.end), message: { text: rel.message } }));
    }
    return result;
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'schemawise', version: tool.version, informationUri: tool.informationUri, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
