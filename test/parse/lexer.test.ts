import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../server/src/core/parse/lexer';
import type { Dialect, Token } from '../../server/src/core/parse/types';

/** Exactness: tokens are in order, do not overlap, are non-empty, and only whitespace lies between them. */
function checkExact(text: string, tokens: Token[], from = 0, to = text.length): void {
  let at = from;
  for (const t of tokens) {
    assert.ok(t.end > t.start, `empty token at ${t.start}`);
    assert.ok(t.start >= at, `overlap at ${t.start}`);
    assert.match(text.slice(at, t.start), /^[\s\u00a0\ufeff]*$/u, `non-whitespace skipped before ${t.start}`);
    at = t.end;
  }
  assert.ok(at <= to);
  assert.match(text.slice(at, to), /^[\s\u00a0\ufeff]*$/u, 'non-whitespace skipped at the end');
}

/** `kind:text` for every token. */
function kinds(text: string, dialect: Dialect): string[] {
  const tokens = lex(text, dialect);
  checkExact(text, tokens);
  return tokens.map((t) => `${t.kind}:${text.slice(t.start, t.end)}`);
}

function one(text: string, dialect: Dialect): Token {
  const tokens = lex(text, dialect);
  checkExact(text, tokens);
  assert.equal(tokens.length, 1, `expected one token, got ${JSON.stringify(tokens)}`);
  return tokens[0];
}

const ALL: Dialect[] = ['postgresql', 'mysql', 'sqlite'];

describe('words', () => {
  test('value is upper-cased, offsets are exact', () => {
    assert.deepEqual(lex('select  Foo_1', 'postgresql'), [
      { kind: 'word', start: 0, end: 6, value: 'SELECT' },
      { kind: 'word', start: 8, end: 13, value: 'FOO_1' },
    ]);
  });
  test('$ inside identifiers after the first character', () => {
    for (const d of ALL) assert.equal(one('a$b$', d).value, 'A$B$');
  });
  test('unicode identifiers, offsets in UTF-16 code units', () => {
    const text = 'café 😀x naïve';
    const tokens = lex(text, 'postgresql');
    checkExact(text, tokens);
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.start, t.end, t.value]),
      [
        ['word', 0, 4, 'CAFÉ'],
        ['word', 5, 8, '😀X'],
        ['word', 9, 14, 'NAÏVE'],
      ],
    );
  });
  test('non-breaking space and BOM are whitespace', () => {
    assert.deepEqual(kinds('\ufeffselect\u00a0x', 'mysql'), ['word:select', 'word:x']);
  });
  test('MySQL identifiers may start with a digit', () => {
    assert.deepEqual(kinds('2fa_enabled 1e3 1ea', 'mysql'), ['word:2fa_enabled', 'number:1e3', 'word:1ea']);
    assert.deepEqual(kinds('2fa', 'postgresql'), ['number:2', 'word:fa']);
  });
});

describe('strings', () => {
  test("'' doubling", () => {
    for (const d of ALL) assert.deepEqual(one("'it''s'", d), { kind: 'string', start: 0, end: 7, value: "'it''s'" });
  });
  test('MySQL backslash escapes in single and double quotes', () => {
    assert.equal(one("'a\\'b'", 'mysql').end, 6);
    assert.equal(one("'a\\\\'", 'mysql').end, 5);
    assert.deepEqual(one('"x\\"y"', 'mysql'), { kind: 'string', start: 0, end: 6, value: '"x\\"y"' });
    assert.deepEqual(one('"x""y"', 'mysql').kind, 'string');
  });
  test('no backslash escapes in PG standard strings and SQLite', () => {
    assert.deepEqual(kinds("'a\\' b", 'postgresql'), ["string:'a\\'", 'word:b']);
    assert.deepEqual(kinds("'a\\' b", 'sqlite'), ["string:'a\\'", 'word:b']);
  });
  test("PG E'...' has backslash escapes", () => {
    assert.deepEqual(kinds("E'a\\'b' e'\\\\' x", 'postgresql'), ["string:E'a\\'b'", "string:e'\\\\'", 'word:x']);
    // E is just a word elsewhere
    assert.deepEqual(kinds("E'a'", 'sqlite'), ['word:E', "string:'a'"]);
  });
  test("N'', X'', B'' prefixes", () => {
    for (const d of ALL) {
      assert.deepEqual(kinds("N'x' X'1F' b'01' n'y'", d), ["string:N'x'", "string:X'1F'", "string:b'01'", "string:n'y'"]);
    }
  });
  test("PG U&'...' strings and U&\"...\" identifiers", () => {
    assert.deepEqual(kinds(`U&'d\\0061t' u&"d!0061t" UESCAPE '!'`, 'postgresql'), [
      `string:U&'d\\0061t'`,
      'quoted:u&"d!0061t"',
      'word:UESCAPE',
      "string:'!'",
    ]);
  });
  test('é and emoji inside strings keep UTF-16 offsets', () => {
    const text = "'é' '😀' x";
    const tokens = lex(text, 'sqlite');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.start, t.end]),
      [
        ['string', 0, 3],
        ['string', 4, 8],
        ['word', 9, 10],
      ],
    );
  });
});

describe('dollar quotes (PG)', () => {
  test('$$ and $tag$ bodies are strings, containing ; and other tags', () => {
    assert.deepEqual(kinds('$$ a; b $$ $fn$ x $$ ; $fn$ $a_1$ $ $a_1$', 'postgresql'), [
      'string:$$ a; b $$',
      'string:$fn$ x $$ ; $fn$',
      'string:$a_1$ $ $a_1$',
    ]);
  });
  test('$1 is a parameter, not a tag', () => {
    assert.deepEqual(kinds('$1 + $23', 'postgresql'), ['param:$1', 'op:+', 'param:$23']);
  });
  test('$ inside a word does not open a dollar quote', () => {
    assert.deepEqual(kinds('a$$b', 'postgresql'), ['word:a$$b']);
  });
  test('not dollar quotes in MySQL or SQLite', () => {
    // MySQL accepts `$` anywhere in an unquoted identifier
    assert.deepEqual(kinds('$$ $a', 'mysql'), ['word:$$', 'word:$a']);
    assert.deepEqual(kinds('$name', 'sqlite'), ['param:$name']);
  });
});

describe('quoted identifiers', () => {
  test('"..." with "" doubling, value unquoted', () => {
    for (const d of ['postgresql', 'sqlite'] as Dialect[]) {
      assert.deepEqual(one('"a""B c"', d), { kind: 'quoted', start: 0, end: 8, value: 'a"B c' });
    }
  });
  test('MySQL "..." is a string', () => {
    assert.equal(one('"abc"', 'mysql').kind, 'string');
  });
  test('backticks in MySQL and SQLite, doubled backtick', () => {
    for (const d of ['mysql', 'sqlite'] as Dialect[]) {
      assert.deepEqual(one('`a``b`', d), { kind: 'quoted', start: 0, end: 6, value: 'a`b' });
    }
    assert.deepEqual(kinds('`a`', 'postgresql'), ['op:`', 'word:a', 'op:`']);
  });
  test('[...] in SQLite only', () => {
    assert.deepEqual(one('[my col]', 'sqlite'), { kind: 'quoted', start: 0, end: 8, value: 'my col' });
    assert.deepEqual(kinds('a[1]', 'postgresql'), ['word:a', 'op:[', 'number:1', 'op:]']);
  });
});

describe('comments', () => {
  test('-- line comments end before the line break', () => {
    assert.deepEqual(kinds('a -- x\r\nb', 'postgresql'), ['word:a', 'comment:-- x', 'word:b']);
    assert.deepEqual(kinds('a --x\nb', 'sqlite'), ['word:a', 'comment:--x', 'word:b']);
  });
  test('MySQL -- needs whitespace, a control character or the end of input', () => {
    assert.deepEqual(kinds('1--2', 'mysql'), ['number:1', 'op:-', 'op:-', 'number:2']);
    assert.deepEqual(kinds('1-- 2', 'mysql'), ['number:1', 'comment:-- 2']);
    assert.deepEqual(kinds('1--\t2', 'mysql'), ['number:1', 'comment:--\t2']);
    assert.deepEqual(kinds('1--', 'mysql'), ['number:1', 'comment:--']);
    assert.deepEqual(kinds('1--\n2', 'mysql'), ['number:1', 'comment:--', 'number:2']);
  });
  test('# comments in MySQL only', () => {
    assert.deepEqual(kinds('a # x\nb', 'mysql'), ['word:a', 'comment:# x', 'word:b']);
    assert.deepEqual(kinds("a #> '{x}'", 'postgresql'), ['word:a', 'op:#>', "string:'{x}'"]);
  });
  test('block comments nest in PG only', () => {
    assert.deepEqual(kinds('/* a /* b */ c */ d', 'postgresql'), ['comment:/* a /* b */ c */', 'word:d']);
    assert.deepEqual(kinds('/* a /* b */ c', 'sqlite'), ['comment:/* a /* b */', 'word:c']);
    assert.deepEqual(kinds('/* a /* b */ c', 'mysql'), ['comment:/* a /* b */', 'word:c']);
  });
  test('MySQL executable comments: the markers are comments, the body is code', () => {
    assert.deepEqual(kinds('/*!40101 SET x=1 */; /*M!100100 y */ /*+ hint */', 'mysql'), [
      'comment:/*!40101',
      'word:SET',
      'word:x',
      'op:=',
      'number:1',
      'comment:*/',
      'semicolon:;',
      'comment:/*M!100100',
      'word:y',
      'comment:*/',
      'comment:/*+ hint */',
    ]);
    assert.deepEqual(kinds('/*!40101 x */', 'postgresql'), ['comment:/*!40101 x */']);
    // a statement cut out of `/*!50001 CREATE */ /*!50013 DEFINER=... */ ...` lexes the same on its own
    assert.deepEqual(kinds('CREATE */ /*!50013 x */ y', 'mysql'), ['word:CREATE', 'comment:*/', 'comment:/*!50013', 'word:x', 'comment:*/', 'word:y']);
    assert.deepEqual(kinds('2*/*c*/3', 'mysql'), ['number:2', 'op:*', 'comment:/*c*/', 'number:3']);
  });
});

describe('numbers', () => {
  test('integers, decimals, exponents, leading dot, hex', () => {
    for (const d of ALL) {
      assert.deepEqual(kinds('1 1.5 1.5e3 2E-4 .5 0x1F 7.', d), [
        'number:1',
        'number:1.5',
        'number:1.5e3',
        'number:2E-4',
        'number:.5',
        'number:0x1F',
        'number:7.',
      ]);
    }
  });
  test('PG underscores, binary and octal', () => {
    assert.deepEqual(kinds('1_000 0b101 0o17', 'postgresql'), ['number:1_000', 'number:0b101', 'number:0o17']);
  });
  test('qualified names are word dot word', () => {
    assert.deepEqual(kinds('public.t1.c', 'postgresql'), ['word:public', 'dot:.', 'word:t1', 'dot:.', 'word:c']);
  });
});

describe('parameters', () => {
  test('$1, ?, :name', () => {
    assert.deepEqual(kinds('$1 :name', 'postgresql'), ['param:$1', 'param::name']);
    assert.deepEqual(kinds('? :a_b', 'mysql'), ['param:?', 'param::a_b']);
    assert.deepEqual(kinds('? ?3 :n @n $n', 'sqlite'), ['param:?', 'param:?3', 'param::n', 'param:@n', 'param:$n']);
  });
  test('PG :: cast and := are operators, not :name', () => {
    assert.deepEqual(kinds("x::text 'a'::int y := 1", 'postgresql'), [
      'word:x',
      'op:::',
      'word:text',
      "string:'a'",
      'op:::',
      'word:int',
      'word:y',
      'op::=',
      'number:1',
    ]);
  });
  test("PG psql variables :'v' and :\"v\"", () => {
    assert.deepEqual(kinds(`:'v' :"w"`, 'postgresql'), [`param::'v'`, 'param::"w"']);
  });
  test('PG ? and ?| are jsonb operators', () => {
    assert.deepEqual(kinds("d ? 'k' AND d ?| a", 'postgresql'), ['word:d', 'op:?', "string:'k'", 'word:AND', 'word:d', 'op:?|', 'word:a']);
  });
  test('MySQL @var, @@var, @`q`, @\'q\'', () => {
    assert.deepEqual(kinds("@v @@global @`a b` @'c'", 'mysql'), ['param:@v', 'param:@@global', 'param:@`a b`', "param:@'c'"]);
  });
  test('@ is an operator in PG', () => {
    assert.deepEqual(kinds('a @> b', 'postgresql'), ['word:a', 'op:@>', 'word:b']);
  });
});

describe('operators and punctuation', () => {
  test('multi-character operators are one token', () => {
    const text = 'a::b <= >= <> != || ->> -> := => <=> ( ) , ; . * / %';
    assert.deepEqual(
      lex(text, 'postgresql').map((t) => [t.kind, text.slice(t.start, t.end)]),
      [
        ['word', 'a'], ['op', '::'], ['word', 'b'], ['op', '<='], ['op', '>='], ['op', '<>'], ['op', '!='], ['op', '||'],
        ['op', '->>'], ['op', '->'], ['op', ':='], ['op', '=>'], ['op', '<=>'], ['lparen', '('], ['rparen', ')'],
        ['comma', ','], ['semicolon', ';'], ['dot', '.'], ['op', '*'], ['op', '/'], ['op', '%'],
      ],
    );
  });
  test("json operators ->> and -> next to strings", () => {
    assert.deepEqual(kinds("d->>'k'", 'mysql'), ['word:d', 'op:->>', "string:'k'"]);
  });
});

describe('unterminated input becomes one token to the end', () => {
  const cases: [Dialect, string, string][] = [
    ['postgresql', "x 'abc", "'abc"],
    ['mysql', "x 'ab\\'", "'ab\\'"],
    ['postgresql', 'x "ab', '"ab'],
    ['mysql', 'x `ab', '`ab'],
    ['sqlite', 'x [ab', '[ab'],
    ['postgresql', 'x $$ab; c', '$$ab; c'],
    ['postgresql', 'x $t$ab $$', '$t$ab $$'],
    ['postgresql', 'x /* a /* b */', '/* a /* b */'],
    ['sqlite', 'x /* a', '/* a'],
    ['postgresql', "x E'a\\'", "E'a\\'"],
  ];
  for (const [d, text, rest] of cases) {
    test(`${d}: ${JSON.stringify(text)}`, () => {
      const tokens = lex(text, d);
      checkExact(text, tokens);
      assert.deepEqual(tokens.at(-1), { kind: 'unterminated', start: 2, end: text.length, value: rest });
    });
  }
});

describe('from/to ranges', () => {
  test('lexes only the range; a token crossing `to` is cut there', () => {
    const text = "select 'abc' from t";
    assert.deepEqual(
      lex(text, 'postgresql', 7, 12).map((t) => [t.kind, t.start, t.end]),
      [['string', 7, 12]],
    );
    assert.deepEqual(
      lex(text, 'postgresql', 7, 10).map((t) => [t.kind, t.start, t.end]),
      [['unterminated', 7, 10]],
    );
    assert.deepEqual(lex(text, 'postgresql', 13).map((t) => t.value), ['FROM', 'T']);
  });
});

describe('client constructs', () => {
  test('psql meta-command lines at a statement boundary', () => {
    assert.deepEqual(kinds('\\connect db\nselect 1; \\set x 1\nselect 2 \\ x', 'postgresql'), [
      'meta:\\connect db',
      'word:select',
      'number:1',
      'semicolon:;',
      'meta:\\set x 1',
      'word:select',
      'number:2',
      'op:\\',
      'word:x',
    ]);
  });
  test('DELIMITER lines and custom terminators', () => {
    assert.deepEqual(kinds('DELIMITER $$\nselect 1; END$$\ndelimiter ;\nselect 2;', 'mysql'), [
      'meta:DELIMITER $$',
      'word:select',
      'number:1',
      'op:;',
      'word:END',
      'semicolon:$$',
      'meta:delimiter ;',
      'word:select',
      'number:2',
      'semicolon:;',
    ]);
  });
  test('a custom delimiter wins over a PG dollar quote', () => {
    assert.deepEqual(kinds('DELIMITER $$\nx $$', 'postgresql'), ['meta:DELIMITER $$', 'word:x', 'semicolon:$$']);
  });
  test('DELIMITER must start its line at a statement boundary', () => {
    assert.deepEqual(kinds('select delimiter x', 'mysql'), ['word:select', 'word:delimiter', 'word:x']);
  });
  test('COPY ... FROM stdin data up to and including the \\. line', () => {
    const text = "COPY t (a) FROM stdin; -- c\n1\t'x\n2\t\\N\n\\.\nselect 1;";
    assert.deepEqual(kinds(text, 'postgresql'), [
      'word:COPY',
      'word:t',
      'lparen:(',
      'word:a',
      'rparen:)',
      'word:FROM',
      'word:stdin',
      'semicolon:;',
      'comment:-- c',
      "data:1\t'x\n2\t\\N\n\\.",
      'word:select',
      'number:1',
      'semicolon:;',
    ]);
  });
  test('COPY data without an end marker runs to the end of input; \\copy from stdin too', () => {
    assert.deepEqual(kinds("copy t from STDIN with (format csv);\r\na,'b\r\n", 'postgresql').slice(-2), ['semicolon:;', "data:a,'b\r\n"]);
    assert.deepEqual(kinds('\\copy t from stdin\n1\n\\.\nx', 'postgresql'), ['meta:\\copy t from stdin', 'data:1\n\\.', 'word:x']);
  });
  test('COPY ... TO stdout has no data', () => {
    assert.deepEqual(kinds('COPY t TO stdout;\nselect', 'postgresql').at(-1), 'word:select');
  });
});

test('never throws on junk and stays linear', () => {
  const junk = "'\"`[$$/*--#\\\u0000\ud800😀$1$a$::";
  for (const d of ALL) {
    for (let i = 0; i < junk.length; i++) {
      const text = junk.slice(i) + junk.slice(0, i);
      checkExact(text, lex(text, d));
    }
  }
  const big = "select 'a', $$b$$, \"c\", /* d */ 1.5 -- e\n;".repeat(20000);
  const t0 = performance.now();
  const tokens = lex(big, 'postgresql');
  assert.equal(tokens.length, 20000 * 11);
  assert.ok(performance.now() - t0 < 1000);
});
