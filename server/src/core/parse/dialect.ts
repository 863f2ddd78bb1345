/**
 * Which SQL dialect a file is written in: an explicit `schemawise: dialect=...` marker comment, or a guess from
 * dialect-only syntax found outside strings and comments.
 */
import { Lexer, type LexFlags } from './lexer';
import type { Dialect, Token } from './types';

const MARKER = /(?:--|\/\*|#)[ \t]*schemawise[ \t]*:[ \t]*dialect[ \t]*=[ \t]*([A-Za-z0-9_]+)/i;
const MARKER_LINES = 50;

const DIALECT_NAMES: Record<string, Dialect> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  pg: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
};

/** The dialect named by a `-- schemawise: dialect=mysql` (or `/* ... *\/`) comment in the first 50 lines. */
export function markerDialect(text: string): Dialect | undefined {
  let end = -1;
  for (let line = 0; line < MARKER_LINES; line++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) break;
  }
  const head = end < 0 ? text : text.slice(0, end);
  const m = MARKER.exec(head);
  return m ? DIALECT_NAMES[m[1].toLowerCase()] : undefined;
}

/** Reads quotes and comments so that every dialect's files lex sensibly enough to find evidence in. */
const DETECT_FLAGS: LexFlags = {
  nestedComments: false,
  dashCommentNeedsSpace: false,
  hashComments: false,
  executableComments: false,
  backslashEscapes: true,
  doubleQuoteIsString: false,
  backtickIdents: true,
  bracketIdents: false,
  postgres: true,
  mysql: true,
  sqlite: false,
};

/** Bytes of text looked at, at most. */
const DETECT_LIMIT = 200_000;
/** Stop early once the leading dialect has this score and at least 4x the runner-up's (e.g. 3 features seen 2-3 times). */
const ENOUGH = 18;
/** A feature counts at most this many times. */
const MAX_COUNT = 3;

interface Feature {
  dialect: Dialect;
  label: string;
  weight: number;
}

const F = {
  dollarBody: { dialect: 'postgresql', label: '$$ bodies', weight: 3 },
  cast: { dialect: 'postgresql', label: ':: casts', weight: 3 },
  serial: { dialect: 'postgresql', label: 'SERIAL types', weight: 2 },
  timestamptz: { dialect: 'postgresql', label: 'timestamptz', weight: 3 },
  extension: { dialect: 'postgresql', label: 'CREATE EXTENSION', weight: 3 },
  ownerTo: { dialect: 'postgresql', label: 'OWNER TO', weight: 3 },
  jsonb: { dialect: 'postgresql', label: 'jsonb', weight: 3 },
  publicSchema: { dialect: 'postgresql', label: 'public. qualifiers', weight: 2 },
  searchPath: { dialect: 'postgresql', label: 'SET search_path', weight: 3 },
  pgIndexMethod: { dialect: 'postgresql', label: 'USING gin/gist/brin', weight: 3 },
  lowerBtree: { dialect: 'postgresql', label: 'USING btree', weight: 1 },
  concurrently: { dialect: 'postgresql', label: 'CONCURRENTLY', weight: 3 },
  plpgsql: { dialect: 'postgresql', label: 'plpgsql', weight: 3 },
  psqlMeta: { dialect: 'postgresql', label: 'psql meta-commands', weight: 3 },
  copyData: { dialect: 'postgresql', label: 'COPY FROM stdin data', weight: 3 },
  engine: { dialect: 'mysql', label: 'ENGINE=', weight: 3 },
  backtick: { dialect: 'mysql', label: 'backtick identifiers', weight: 2 },
  autoIncrement: { dialect: 'mysql', label: 'AUTO_INCREMENT', weight: 3 },
  unsigned: { dialect: 'mysql', label: 'UNSIGNED', weight: 2 },
  charset: { dialect: 'mysql', label: 'CHARSET / CHARACTER SET', weight: 2 },
  delimiter: { dialect: 'mysql', label: 'DELIMITER', weight: 3 },
  execComment: { dialect: 'mysql', label: '/*! executable comments', weight: 3 },
  autoincrement: { dialect: 'sqlite', label: 'AUTOINCREMENT', weight: 3 },
  withoutRowid: { dialect: 'sqlite', label: 'WITHOUT ROWID', weight: 3 },
  rowid: { dialect: 'sqlite', label: 'rowid', weight: 2 },
  pragma: { dialect: 'sqlite', label: 'PRAGMA', weight: 3 },
  virtualTable: { dialect: 'sqlite', label: 'CREATE VIRTUAL TABLE', weight: 3 },
  strict: { dialect: 'sqlite', label: 'STRICT tables', weight: 2 },
} satisfies Record<string, Feature>;

const SINGLE_WORDS: Record<string, Feature> = {
  SERIAL: F.serial,
  BIGSERIAL: F.serial,
  SMALLSERIAL: F.serial,
  TIMESTAMPTZ: F.timestamptz,
  JSONB: F.jsonb,
  CONCURRENTLY: F.concurrently,
  PLPGSQL: F.plpgsql,
  AUTO_INCREMENT: F.autoIncrement,
  UNSIGNED: F.unsigned,
  AUTOINCREMENT: F.autoincrement,
  PRAGMA: F.pragma,
};

const DIALECTS: Dialect[] = ['postgresql', 'mysql', 'sqlite'];

/**
 * Guesses the dialect from dialect-only syntax outside strings and comments (a marker comment wins).
 * Looks at the first 200 KB at most and stops as soon as one dialect clearly leads. `undefined` = no evidence.
 */
export function detectDialect(text: string): { dialect: Dialect; evidence: string } | undefined {
  const marked = markerDialect(text);
  if (marked) return { dialect: marked, evidence: 'schemawise: dialect marker comment' };

  const counts = new Map<Feature, number>();
  const score: Record<Dialect, number> = { postgresql: 0, mysql: 0, sqlite: 0 };
  const hit = (f: Feature) => {
    const n = counts.get(f) ?? 0;
    counts.set(f, n + 1);
    if (n < MAX_COUNT) score[f.dialect] += f.weight;
  };
  const clearLead = () => {
    const sorted = DIALECTS.map((d) => score[d]).sort((a, b) => b - a);
    return sorted[0] >= ENOUGH && sorted[0] >= 4 * sorted[1];
  };

  const lexer = new Lexer(text, DETECT_FLAGS, 0, Math.min(text.length, DETECT_LIMIT));
  let p2: Token | undefined;
  let p1: Token | undefined;
  for (let t = lexer.next(); t; t = lexer.next()) {
    switch (t.kind) {
      case 'comment':
        if (t.value.startsWith('/*!') || t.value.startsWith('/*M!')) hit(F.execComment);
        continue;
      case 'meta':
        hit(t.value.charCodeAt(0) === 92 /* \ */ ? F.psqlMeta : F.delimiter);
        break;
      case 'data':
        hit(F.copyData);
        break;
      case 'string':
        if (t.value.charCodeAt(0) === 36 /* $ */) hit(F.dollarBody);
        break;
      case 'quoted':
        if (text.charCodeAt(t.start) === 96 /* ` */) hit(F.backtick);
        break;
      case 'op':
        if (t.value === '::') hit(F.cast);
        else if (t.value === '=' && p1?.kind === 'word' && (p1.value === 'ENGINE' || p1.value === 'CHARSET')) {
          hit(p1.value === 'ENGINE' ? F.engine : F.charset);
        }
        break;
      case 'dot':
        if (p1?.kind === 'word' && p1.value === 'PUBLIC') hit(F.publicSchema);
        break;
      case 'semicolon':
      case 'comma':
        // `) STRICT;` / `) STRICT, WITHOUT ROWID;`
        if (p1?.kind === 'word' && p1.value === 'STRICT' && (p2?.kind === 'rparen' || p2?.kind === 'comma')) hit(F.strict);
        break;
      case 'word': {
        const single = SINGLE_WORDS[t.value];
        if (single) hit(single);
        else wordPair(p1?.kind === 'word' ? p1.value : '', t, text, hit, p2);
        break;
      }
    }
    if (t.kind === 'semicolon' && clearLead()) break;
    p2 = p1;
    p1 = t;
  }

  let best: Dialect | undefined;
  for (const d of DIALECTS) if (score[d] > 0 && (!best || score[d] > score[best])) best = d;
  if (!best) return undefined;
  const found = [...counts].filter(([f]) => f.dialect === best).sort((a, b) => b[0].weight * Math.min(b[1], MAX_COUNT) - a[0].weight * Math.min(a[1], MAX_COUNT));
  return { dialect: best, evidence: found.map(([f, n]) => `${f.label} (${n})`).join(', ') };
}

function wordPair(prev: string, t: Token, text: string, hit: (f: Feature) => void, p2: Token | undefined): void {
  switch (t.value) {
    case 'EXTENSION':
      if (prev === 'CREATE') hit(F.extension);
      return;
    case 'TO':
      if (prev === 'OWNER') hit(F.ownerTo);
      return;
    case 'SEARCH_PATH':
      if (prev === 'SET') hit(F.searchPath);
      return;
    case 'GIN':
    case 'GIST':
    case 'BRIN':
    case 'SPGIST':
      if (prev === 'USING') hit(F.pgIndexMethod);
      return;
    case 'BTREE':
      // pg_dump writes `USING btree`; MySQL's `USING BTREE` is upper case.
      if (prev === 'USING' && text.charCodeAt(t.start) === 98 /* b */) hit(F.lowerBtree);
      return;
    case 'SET':
      if (prev === 'CHARACTER') hit(F.charset);
      return;
    case 'ROWID':
      hit(prev === 'WITHOUT' ? F.withoutRowid : F.rowid);
      return;
    case 'TABLE':
      if (prev === 'VIRTUAL' && p2?.kind === 'word' && p2.value === 'CREATE') hit(F.virtualTable);
      return;
  }
}

const NAME_TAGS: Record<string, Dialect | 'unsupported'> = {
  ...DIALECT_NAMES,
  cockroach: 'unsupported',
  cockroachdb: 'unsupported',
  crdb: 'unsupported',
  clickhouse: 'unsupported',
  ch: 'unsupported',
  mssql: 'unsupported',
  sqlserver: 'unsupported',
  tsql: 'unsupported',
  oracle: 'unsupported',
  snowflake: 'unsupported',
  bigquery: 'unsupported',
};

/**
 * A dialect named by the file name, as migration tools write them: `001_init.postgres.up.sql` (kratos/pop),
 * `full.sql.postgres` (synapse), `schema.sqlite3.sql`. `unsupported` for engines we do not analyse.
 */
export function fileNameDialect(path: string): Dialect | 'unsupported' | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const parts = name.split('.');
  for (let i = 1; i < parts.length; i++) {
    const tag = NAME_TAGS[parts[i]];
    if (tag) return tag;
  }
  return undefined;
}

const FOLDER_TAGS: Record<string, Dialect | 'unsupported'> = {
  postgres: 'postgresql',
  postgresql: 'postgresql',
  pg: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  clickhouse: 'unsupported',
  cockroach: 'unsupported',
  cockroachdb: 'unsupported',
  mssql: 'unsupported',
  sqlserver: 'unsupported',
  oracle: 'unsupported',
};

/**
 * A dialect named by the nearest folder named exactly after one: projects that support several databases keep
 * one schema per folder (`schema/mysql/…`, `schema/sqlite/…`). Stronger than content, which can mislead: temporal's
 * SQLite schema uses MySQL words (`AUTO_INCREMENT`) that SQLite accepts as type names.
 */
export function folderDialect(path: string): Dialect | 'unsupported' | undefined {
  const parts = path.toLowerCase().split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    const tag = FOLDER_TAGS[parts[i]];
    if (tag) return tag;
  }
  return undefined;
}

/** ClickHouse DDL (MergeTree engines, LowCardinality/Nullable types, ON CLUSTER): a dialect we do not analyse. */
const CLICKHOUSE = /\bENGINE\s*=\s*(?:Replicated|Shared)?(?:Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Graphite)?MergeTree\b|\bLowCardinality\s*\(|\bNullable\s*\(\s*(?:String|U?Int\d+|Float\d+|DateTime)|\bON\s+CLUSTER\b|\bENGINE\s*=\s*(?:Distributed|Kafka|TinyLog|StripeLog)\b/i;

export function unsupportedEngine(text: string): string | undefined {
  return CLICKHOUSE.test(text.length > 200_000 ? text.slice(0, 200_000) : text) ? 'ClickHouse' : undefined;
}
