/**
 * Column type normalization: one canonical `NormalizedType` per spelling, per dialect, so rules can compare
 * `int4`, `integer` and `INT(11)` without knowing SQL. Never throws; unknown names are kept lower-cased.
 *
 * Conventions (documented here because rules rely on them):
 * - serial-family names map to their integer type; the caller records `autoIncrement`.
 * - MySQL display widths (`int(11)`) are kept in `length` but carry no storage meaning; compare integer types
 *   by `name` + `unsigned` only. `tinyint(1)` keeps length 1 (the conventional MySQL boolean), and MySQL
 *   `bool`/`boolean` map to `tinyint` length 1 (what the server stores).
 * - Fractional-second precision of time types (`timestamp(3)`, `datetime(6)`) goes in `precision`.
 * - Defaults the server would fill in are made explicit where the meaning is fixed: `char` → length 1
 *   (PG, MySQL), `bit` → length 1, MySQL `decimal` → (10,0). PG `numeric` without precision is unbounded and
 *   stays without precision.
 * - PG schema prefixes `pg_catalog.` and `public.` are dropped; quoted identifiers keep their case.
 */
import type { Dialect, NormalizedType } from '../model/types';

type Tok =
  | { t: 'word'; v: string } // lower-cased
  | { t: 'quoted'; v: string } // identifier, case kept
  | { t: 'string'; v: string } // string literal, unescaped
  | { t: 'number'; v: string }
  | { t: 'punct'; v: string };

function lex(raw: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && raw[i + 1] === '-') {
      while (i < n && raw[i] !== '\n') i++;
    } else if (c === '/' && raw[i + 1] === '*') {
      const close = raw.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(raw[j])) j++;
      out.push({ t: 'word', v: raw.slice(i, j).toLowerCase() });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(raw[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(raw[j])) j++;
      out.push({ t: 'number', v: raw.slice(i, j) });
      i = j;
    } else if (c === '"' || c === '`') {
      let j = i + 1;
      let v = '';
      while (j < n) {
        if (raw[j] === c) {
          if (raw[j + 1] === c) {
            v += c;
            j += 2;
            continue;
          }
          break;
        }
        v += raw[j++];
      }
      out.push({ t: 'quoted', v });
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      let v = '';
      while (j < n) {
        const d = raw[j];
        if (d === "'") {
          if (raw[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        if (d === '\\' && j + 1 < n) {
          // MySQL backslash escapes inside ENUM/SET values.
          const e = raw[j + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '\0' : e;
          j += 2;
          continue;
        }
        v += d;
        j++;
      }
      out.push({ t: 'string', v });
      i = j + 1;
    } else {
      out.push({ t: 'punct', v: c });
      i++;
    }
  }
  return out;
}

type Arg = { num?: number; str?: string; word?: string };

interface Shape {
  /** Base name words (and dotted parts), lower-cased unless quoted. */
  name: string;
  /** Whether the whole name was one quoted identifier. */
  quoted: boolean;
  /** The first parenthesized argument list. */
  args: Arg[];
  /** Trailing argument list after further words (`interval day to second(3)`). */
  lateArgs: Arg[];
  array: number;
  unsigned: boolean;
  zerofill: boolean;
  withTimeZone?: boolean;
}

function readArgs(toks: Tok[], i: number): { args: Arg[]; next: number } {
  // toks[i] is '('
  const args: Arg[] = [];
  let depth = 0;
  let cur: Arg | undefined;
  let j = i;
  for (; j < toks.length; j++) {
    const k = toks[j];
    if (k.t === 'punct' && k.v === '(') {
      depth++;
      if (depth === 1) cur = {};
      continue;
    }
    if (k.t === 'punct' && k.v === ')') {
      depth--;
      if (depth === 0) {
        if (cur && (cur.num !== undefined || cur.str !== undefined || cur.word !== undefined)) args.push(cur);
        return { args, next: j + 1 };
      }
      continue;
    }
    if (depth !== 1 || !cur) continue;
    if (k.t === 'punct' && k.v === ',') {
      args.push(cur);
      cur = {};
    } else if (k.t === 'number') {
      const v = Number(k.v);
      if (Number.isFinite(v)) cur.num = v;
    } else if (k.t === 'string') {
      cur.str = (cur.str ?? '') + k.v; // adjacent literals concatenate
    } else if (k.t === 'word' || k.t === 'quoted') {
      cur.word = k.v;
    }
  }
  if (cur && (cur.num !== undefined || cur.str !== undefined || cur.word !== undefined)) args.push(cur);
  return { args, next: j };
}

const MODIFIER_WITH_VALUE = new Set(['collate', 'charset', 'srid']);

/** Column-definition words that can never continue a type: when a caller passes more than the type, stop there. */
const CLAUSE_START = new Set([
  'not',
  'null',
  'default',
  'primary',
  'unique',
  'key',
  'references',
  'check',
  'constraint',
  'auto_increment',
  'autoincrement',
  'comment',
  'generated',
  'as',
  'on',
  'stored',
  'virtual',
  'invisible',
  'visible',
]);

function shape(raw: string, dialect: Dialect): Shape {
  const toks = lex(raw);
  const words: { v: string; quoted: boolean; dotted: boolean }[] = [];
  let args: Arg[] = [];
  let lateArgs: Arg[] = [];
  let sawArgs = false;
  let array = 0;
  let unsigned = false;
  let zerofill = false;
  let withTimeZone: boolean | undefined;
  let i = 0;
  let dotNext = false;
  while (i < toks.length) {
    const k = toks[i];
    if (k.t === 'punct' && k.v === '(') {
      const r = readArgs(toks, i);
      if (!sawArgs) {
        args = r.args;
        sawArgs = true;
      } else {
        lateArgs = r.args;
      }
      i = r.next;
      continue;
    }
    if (k.t === 'punct' && k.v === '[') {
      array++;
      while (i < toks.length && !(toks[i].t === 'punct' && toks[i].v === ']')) i++;
      i++;
      continue;
    }
    if (k.t === 'punct' && k.v === '.') {
      dotNext = true;
      i++;
      continue;
    }
    if (k.t === 'word' && words.length > 0) {
      const v = k.v;
      const nx = toks[i + 1];
      const nx2 = toks[i + 2];
      if (CLAUSE_START.has(v)) break;
      if (v === 'array' && dialect === 'postgresql') {
        array++;
        i++;
        if (toks[i]?.t === 'punct' && toks[i].v === '[') {
          while (i < toks.length && !(toks[i].t === 'punct' && toks[i].v === ']')) i++;
          i++;
        }
        continue;
      }
      if (v === 'unsigned') {
        unsigned = true;
        i++;
        continue;
      }
      if (v === 'signed') {
        i++;
        continue;
      }
      if (v === 'zerofill') {
        zerofill = true;
        unsigned = true;
        i++;
        continue;
      }
      if ((v === 'with' || v === 'without') && nx?.t === 'word' && nx.v === 'time' && nx2?.t === 'word' && nx2.v === 'zone') {
        withTimeZone = v === 'with';
        i += 3;
        continue;
      }
      if (MODIFIER_WITH_VALUE.has(v)) {
        i += 2;
        continue;
      }
      if ((v === 'character' || v === 'char') && nx?.t === 'word' && nx.v === 'set') {
        i += 3;
        continue;
      }
      if (dialect !== 'postgresql' && (v === 'binary' || v === 'ascii' || v === 'unicode' || v === 'byte') && sawArgs) {
        // MySQL `varchar(10) binary` / `char(1) ascii`: charset/collation shorthand, not part of the type name.
        i++;
        continue;
      }
      if (dialect !== 'postgresql' && (v === 'binary' || v === 'ascii' || v === 'unicode') && isCharName(words)) {
        i++;
        continue;
      }
    }
    if (k.t === 'word' || k.t === 'quoted') {
      if (dotNext && words.length > 0) {
        const last = words[words.length - 1];
        last.v = `${last.v}.${k.v}`;
        last.dotted = true;
        last.quoted = last.quoted && k.t === 'quoted';
      } else {
        words.push({ v: k.v, quoted: k.t === 'quoted', dotted: false });
      }
      dotNext = false;
      i++;
      continue;
    }
    i++; // stray punctuation / literals (e.g. MySQL `DEFAULT` leaking in): ignore
  }
  return {
    name: words.map((w) => w.v).join(' '),
    quoted: words.length === 1 && words[0].quoted,
    args,
    lateArgs,
    array,
    unsigned,
    zerofill,
    withTimeZone,
  };
}

function isCharName(words: { v: string }[]): boolean {
  const n = words.map((w) => w.v).join(' ');
  return /(^|\s)(char|character|varchar|varying|text|tinytext|mediumtext|longtext|nchar|nvarchar)$/.test(n);
}

function num(a: Arg | undefined): number | undefined {
  return a?.num;
}

const PG_INT: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
};

const PG_SIMPLE: Record<string, string> = {
  float8: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  bool: 'boolean',
  boolean: 'boolean',
  text: 'text',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  date: 'date',
  money: 'money',
  inet: 'inet',
  cidr: 'cidr',
  macaddr: 'macaddr',
  xml: 'xml',
  oid: 'oid',
};

const PG_VARCHAR = new Set(['varchar', 'character varying', 'char varying', 'national character varying', 'national char varying', 'nchar varying']);
const PG_CHAR = new Set(['char', 'character', 'national character', 'national char', 'nchar']);

/** Builtin PG names that may appear with a leading `_` as the internal array type (`_int4`). */
const PG_ARRAY_ELEM = new Set([
  ...Object.keys(PG_INT),
  ...Object.keys(PG_SIMPLE),
  'varchar',
  'bpchar',
  'numeric',
  'timestamp',
  'timestamptz',
  'time',
  'timetz',
  'interval',
  'bit',
  'varbit',
  'char',
]);

function normalizePg(s: Shape): NormalizedType {
  let name = s.name;
  let array = s.array;
  if (!s.quoted) {
    name = name.replace(/^pg_catalog\./, '').replace(/^public\./, '');
    if (name.startsWith('_') && PG_ARRAY_ELEM.has(name.slice(1))) {
      name = name.slice(1);
      array++;
    }
  } else if (name === 'char') {
    // `"char"` is PG's internal one-byte type, not char(1).
    return withArray({ name: '"char"' }, array);
  }
  const a0 = num(s.args[0]);
  const a1 = num(s.args[1]);
  let t: NormalizedType;
  if (s.quoted) {
    t = { name };
  } else if (PG_INT[name]) {
    t = { name: PG_INT[name] };
  } else if (PG_SIMPLE[name]) {
    t = { name: PG_SIMPLE[name] };
  } else if (name === 'float') {
    t = { name: a0 !== undefined && a0 <= 24 ? 'real' : 'double precision' };
  } else if (name === 'numeric' || name === 'decimal' || name === 'dec') {
    t = { name: 'numeric' };
    if (a0 !== undefined) t.precision = a0;
    if (a1 !== undefined) t.scale = a1;
    else if (a0 !== undefined) t.scale = 0;
  } else if (PG_VARCHAR.has(name)) {
    t = { name: 'varchar' };
    if (a0 !== undefined) t.length = a0;
  } else if (PG_CHAR.has(name) || name === 'bpchar') {
    t = { name: 'char' };
    if (a0 !== undefined) t.length = a0;
    else if (name !== 'bpchar') t.length = 1;
  } else if (name === 'timestamp' || name === 'timestamptz') {
    t = { name: name === 'timestamptz' || s.withTimeZone ? 'timestamptz' : 'timestamp' };
    if (a0 !== undefined) t.precision = a0;
  } else if (name === 'time' || name === 'timetz') {
    t = { name: name === 'timetz' || s.withTimeZone ? 'timetz' : 'time' };
    if (a0 !== undefined) t.precision = a0;
  } else if (name.startsWith('interval')) {
    t = { name: 'interval' };
    const p = num(s.lateArgs[0]) ?? a0;
    if (p !== undefined) t.precision = p;
  } else if (name === 'bit varying' || name === 'varbit') {
    t = { name: 'varbit' };
    if (a0 !== undefined) t.length = a0;
  } else if (name === 'bit') {
    t = { name: 'bit', length: a0 ?? 1 };
  } else {
    t = unknownType(name, s);
  }
  return withArray(t, array);
}

/** A name we do not know: numeric arguments are kept as length[, scale]; others (`geometry(Point,4326)`) dropped. */
function unknownType(name: string, s: Shape): NormalizedType {
  const t: NormalizedType = { name };
  if (s.args.length && s.args.every((a) => a.num !== undefined)) {
    t.length = s.args[0].num;
    if (s.args.length > 1) t.scale = s.args[1].num;
  }
  return t;
}

function withArray(t: NormalizedType, array: number): NormalizedType {
  if (array > 0) t.array = array;
  return t;
}

const MY_INT: Record<string, string> = {
  int: 'integer',
  integer: 'integer',
  int4: 'integer',
  tinyint: 'tinyint',
  int1: 'tinyint',
  smallint: 'smallint',
  int2: 'smallint',
  mediumint: 'mediumint',
  middleint: 'mediumint',
  int3: 'mediumint',
  bigint: 'bigint',
  int8: 'bigint',
};

const MY_VARCHAR = new Set([
  'varchar',
  'character varying',
  'char varying',
  'nvarchar',
  'national varchar',
  'national character varying',
  'national char varying',
  'nchar varchar',
  'nchar varying',
  'varcharacter',
]);
const MY_CHAR = new Set(['char', 'character', 'nchar', 'national char', 'national character']);
const MY_SIMPLE: Record<string, string> = {
  tinytext: 'tinytext',
  text: 'text',
  mediumtext: 'mediumtext',
  longtext: 'longtext',
  long: 'mediumtext',
  'long varchar': 'mediumtext',
  tinyblob: 'tinyblob',
  blob: 'blob',
  mediumblob: 'mediumblob',
  longblob: 'longblob',
  'long varbinary': 'mediumblob',
  json: 'json',
  date: 'date',
  year: 'year',
  varbinary: 'varbinary',
};

function normalizeMysql(s: Shape): NormalizedType {
  const name = s.name;
  const a0 = num(s.args[0]);
  const a1 = num(s.args[1]);
  let t: NormalizedType;
  if (MY_INT[name]) {
    t = { name: MY_INT[name] };
    if (a0 !== undefined) t.length = a0; // display width: no storage meaning
  } else if (name === 'serial') {
    t = { name: 'bigint', unsigned: true };
  } else if (name === 'bool' || name === 'boolean') {
    t = { name: 'tinyint', length: 1 };
  } else if (name === 'double' || name === 'double precision' || name === 'real' || name === 'float8') {
    t = { name: 'double precision' };
    if (a0 !== undefined) t.precision = a0;
    if (a1 !== undefined) t.scale = a1;
  } else if (name === 'float' || name === 'float4') {
    if (a0 !== undefined && a1 === undefined) {
      t = { name: a0 <= 24 ? 'float' : 'double precision' };
    } else {
      t = { name: 'float' };
      if (a0 !== undefined) t.precision = a0;
      if (a1 !== undefined) t.scale = a1;
    }
  } else if (name === 'decimal' || name === 'numeric' || name === 'dec' || name === 'fixed') {
    t = { name: 'numeric', precision: a0 ?? 10, scale: a1 ?? 0 };
  } else if (MY_VARCHAR.has(name)) {
    t = { name: 'varchar' };
    if (a0 !== undefined) t.length = a0;
  } else if (MY_CHAR.has(name)) {
    t = { name: 'char', length: a0 ?? 1 };
  } else if (name === 'bit') {
    t = { name: 'bit', length: a0 ?? 1 };
  } else if (name === 'binary') {
    t = { name: 'binary', length: a0 ?? 1 };
  } else if (name === 'datetime' || name === 'timestamp' || name === 'time') {
    t = { name };
    if (a0 !== undefined) t.precision = a0;
  } else if (name === 'enum' || name === 'set') {
    t = { name, values: s.args.map((a) => a.str ?? (a.num !== undefined ? String(a.num) : (a.word ?? ''))) };
  } else if (MY_SIMPLE[name]) {
    t = { name: MY_SIMPLE[name] };
    if (a0 !== undefined) t.length = a0;
  } else {
    t = unknownType(name, s);
  }
  if (s.unsigned) t.unsigned = true;
  return t;
}

const SQLITE_MAP: Record<string, string> = {
  int: 'integer',
  integer: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  'unsigned big int': 'bigint',
  'big int': 'bigint',
  bool: 'boolean',
  boolean: 'boolean',
  double: 'double precision',
  'double precision': 'double precision',
  decimal: 'numeric',
  numeric: 'numeric',
};

function normalizeSqlite(s: Shape): NormalizedType {
  // `UNSIGNED BIG INT`: the lexer already took `unsigned` as a modifier only after the first word.
  const name = s.name;
  const a0 = num(s.args[0]);
  const a1 = num(s.args[1]);
  const mapped = SQLITE_MAP[name];
  let t: NormalizedType;
  if (mapped === 'numeric') {
    t = { name: 'numeric' };
    if (a0 !== undefined) t.precision = a0;
    if (a1 !== undefined) t.scale = a1;
  } else if (mapped) {
    t = { name: mapped };
    if (a0 !== undefined) t.length = a0;
  } else if (MY_VARCHAR.has(name) || name === 'varying character' || name === 'native character varying') {
    t = { name: 'varchar' };
    if (a0 !== undefined) t.length = a0;
  } else if (MY_CHAR.has(name) || name === 'native character') {
    t = { name: 'char' };
    if (a0 !== undefined) t.length = a0;
  } else {
    t = unknownType(name, s);
  }
  if (s.unsigned || name === 'unsigned big int') t.unsigned = true;
  return t;
}

/** Normalizes a column type as written (`character varying(255)`, `INT(11) UNSIGNED`, `_int4`). Never throws. */
export function normalizeType(raw: string, dialect: Dialect): NormalizedType {
  try {
    const s = shape(raw ?? '', dialect);
    if (s.name === '') return { name: '' };
    if (dialect === 'postgresql') return normalizePg(s);
    if (dialect === 'mysql') return normalizeMysql(s);
    return normalizeSqlite(s);
  } catch {
    return { name: String(raw ?? '').trim().toLowerCase() };
  }
}

function quoteString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/** Renders a normalized type as SQL for `dialect` (for messages and fixes). */
export function formatType(t: NormalizedType, dialect: Dialect): string {
  let name = t.name;
  if (dialect === 'mysql') {
    if (name === 'integer') name = 'int';
    else if (name === 'numeric') name = 'decimal';
    else if (name === 'double precision') name = 'double';
  }
  let args = '';
  if (t.values) {
    args = `(${t.values.map(quoteString).join(',')})`;
  } else if (t.precision !== undefined && t.scale !== undefined) {
    args = `(${t.precision},${t.scale})`;
  } else if (t.precision !== undefined) {
    args = `(${t.precision})`;
  } else if (t.length !== undefined && t.scale !== undefined) {
    args = `(${t.length},${t.scale})`;
  } else if (t.length !== undefined) {
    args = `(${t.length})`;
  }
  let out: string;
  if (dialect === 'postgresql' && (name === 'timestamptz' || name === 'timetz') && args) {
    // `timestamptz(3)` is accepted, but the long form is what pg_dump and most people write.
    out = `${name === 'timestamptz' ? 'timestamp' : 'time'}${args} with time zone`;
  } else if (dialect === 'postgresql' && name !== '' && !name.startsWith('"') && !/^[a-z_][a-z0-9_$ .]*$/.test(name)) {
    out = `"${name.replace(/"/g, '""')}"${args}`; // a quoted user type such as "MyEnum"
  } else {
    out = name + args;
  }
  if (t.unsigned && dialect !== 'postgresql') out += ' unsigned';
  if (t.array) out += '[]'.repeat(t.array);
  return out;
}
