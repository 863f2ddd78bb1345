import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { split } from '../../server/src/core/parse/split';
import { lex } from '../../server/src/core/parse/lexer';
import type { Dialect, SplitResult } from '../../server/src/core/parse/types';

/** Statement texts, after checking that each `text` is the slice of its span. */
function texts(sql: string, dialect: Dialect): string[] {
  const r = split(sql, dialect);
  for (const s of r.statements) assert.equal(s.text, sql.slice(s.span.start, s.span.end));
  return r.statements.map((s) => s.text);
}

const slices = (sql: string, spans: { start: number; end: number }[]) => spans.map((c) => sql.slice(c.start, c.end));

describe('terminators', () => {
  test('; ends statements; empty statements produce nothing; the last needs no ;', () => {
    assert.deepEqual(texts('select 1;;\n ; select 2;\nselect 3', 'postgresql'), ['select 1', 'select 2', 'select 3']);
  });
  test('comment-only text is no statement', () => {
    assert.deepEqual(split('-- a\n/* b */\n', 'postgresql'), {
      statements: [],
      comments: [
        { start: 0, end: 4 },
        { start: 5, end: 12 },
      ],
    });
    assert.deepEqual(split('', 'mysql'), { statements: [], comments: [] });
  });
  test('; inside strings, quoted identifiers, comments and dollar quotes', () => {
    const pg = `select ';', "a;b", /* ; /* ; */ ; */ $$ ; $$, $f$ ; $$ ; $f$, E'\\';'; select 2`;
    assert.deepEqual(texts(pg, 'postgresql'), [pg.slice(0, pg.indexOf("; select 2")), 'select 2']);
    const my = "select ';', \"a;b\", `c;`, 'd\\';' -- ;\n # ;\n; select 2";
    assert.deepEqual(texts(my, 'mysql'), ["select ';', \"a;b\", `c;`, 'd\\';'", 'select 2']);
    const lite = "select ';', \"a;b\", `c;`, [d;] -- ;\n; select 2";
    assert.deepEqual(texts(lite, 'sqlite'), ["select ';', \"a;b\", `c;`, [d;]", 'select 2']);
  });
  test('nested PG comments do not end early', () => {
    const sql = 'select 1 /* a /* ; */ ; */ + 1; select 2';
    assert.deepEqual(texts(sql, 'postgresql'), ['select 1 /* a /* ; */ ; */ + 1', 'select 2']);
    assert.deepEqual(texts(sql, 'sqlite'), ['select 1', '*/ + 1', 'select 2']);
  });
  test('an unterminated string swallows the rest as one statement', () => {
    assert.deepEqual(texts("select 1; select 'x; select 2;", 'postgresql'), ['select 1', "select 'x; select 2;"]);
  });
  test('plain BEGIN / START TRANSACTION are ordinary statements', () => {
    for (const d of ['postgresql', 'mysql', 'sqlite'] as Dialect[]) {
      assert.deepEqual(texts('BEGIN; BEGIN TRANSACTION; BEGIN WORK; START TRANSACTION; create table t (a int); COMMIT; END;', d), [
        'BEGIN',
        'BEGIN TRANSACTION',
        'BEGIN WORK',
        'START TRANSACTION',
        'create table t (a int)',
        'COMMIT',
        'END',
      ]);
    }
  });
});

describe('comments and spans', () => {
  const sql = '-- schemawise-ignore x\n/* a */ create table t (\n  a int -- inner\n) -- trailing\n; -- after\nselect 1;\n-- end\n';
  const r: SplitResult = split(sql, 'postgresql');
  test('span covers first to last token; inner comments stay inside', () => {
    assert.deepEqual(
      r.statements.map((s) => s.text),
      ['create table t (\n  a int -- inner\n)', 'select 1'],
    );
  });
  test('leadingComments are the comments since the previous terminator', () => {
    assert.deepEqual(slices(sql, r.statements[0].leadingComments), ['-- schemawise-ignore x', '/* a */']);
    assert.deepEqual(slices(sql, r.statements[1].leadingComments), ['-- after']);
  });
  test('comments before a terminator and after the last statement are unattached', () => {
    assert.deepEqual(slices(sql, r.comments), ['-- trailing', '-- end']);
  });
  test('comments before an empty statement still lead the next one', () => {
    const s = '-- a\n;\nselect 1';
    assert.deepEqual(slices(s, split(s, 'sqlite').statements[0].leadingComments), ['-- a']);
  });
});

describe('MySQL stored programs', () => {
  test('DELIMITER // procedures: ; is ordinary, // ends, the DELIMITER lines are not statements', () => {
    const sql = [
      'DELIMITER //',
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  SELECT 1;',
      '  SELECT 2;',
      'END //',
      'DELIMITER ;',
      'CALL p();',
    ].join('\n');
    assert.deepEqual(texts(sql, 'mysql'), ['CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND', 'CALL p()']);
  });
  test('DELIMITER $$ with END$$ and DELIMITER ;; (mysqldump triggers in executable comments)', () => {
    const sql = 'DELIMITER $$\nCREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END$$\nDELIMITER ;\n';
    assert.deepEqual(texts(sql, 'mysql'), ['CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END']);
    const dump =
      'DELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t AFTER INSERT ON f FOR EACH ROW BEGIN\n  INSERT INTO x VALUES (1);\nEND */;;\nDELIMITER ;\nselect 1;';
    const r = split(dump, 'mysql');
    assert.equal(r.statements.length, 2);
    assert.match(r.statements[0].text, /^CREATE\*\/ .* TRIGGER t .*\nEND$/s);
    assert.deepEqual(slices(dump, r.statements[0].leadingComments), ['/*!50003']);
  });
  test('without DELIMITER: BEGIN ... END bodies with nested blocks', () => {
    const body = [
      'CREATE DEFINER=`root`@`localhost` PROCEDURE p(IN n INT)',
      'BEGIN',
      '  DECLARE i INT DEFAULT 0;',
      '  DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN SET i = 1; END;',
      '  IF n > 0 THEN SET i = IF(n > 1, 2, 3); ELSEIF n < 0 THEN SET i = 0; ELSE BEGIN END; END IF;',
      '  lbl: LOOP SET i = i + 1; IF i > 3 THEN LEAVE lbl; END IF; END LOOP lbl;',
      '  WHILE i < 10 DO SET i = i + 1; END WHILE;',
      '  REPEAT SET i = i - 1; UNTIL i < 0 END REPEAT;',
      '  CASE n WHEN 1 THEN SELECT 1; ELSE SELECT CASE WHEN i THEN 1 END; END CASE;',
      '  SET i = REPEAT("a", 2);',
      '  SELECT CASE WHEN n THEN IF(i, 1, 2) ELSE 0 END INTO i;',
      'END',
    ].join('\n');
    assert.deepEqual(texts(`${body};\nselect 1;`, 'mysql'), [body, 'select 1']);
  });
  test('triggers and events without DELIMITER', () => {
    const trig = 'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END';
    const ev = 'CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM x; DELETE FROM y; END';
    const single = 'CREATE TRIGGER u BEFORE UPDATE ON x FOR EACH ROW SET NEW.a = 1';
    const bareIf = 'CREATE TRIGGER v BEFORE UPDATE ON x FOR EACH ROW IF NEW.a THEN SET NEW.b = 1; END IF';
    assert.deepEqual(texts(`${trig};\n${ev};\n${single};\n${bareIf};\nselect 1`, 'mysql'), [trig, ev, single, bareIf, 'select 1']);
  });
  test('MariaDB BEGIN NOT ATOMIC compound statement', () => {
    const b = 'BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END';
    assert.deepEqual(texts(`${b}; select 1`, 'mysql'), [b, 'select 1']);
  });
  test('a label glued to its keyword (lbl:LOOP)', () => {
    const p = 'CREATE PROCEDURE p() BEGIN lbl:LOOP LEAVE lbl; END LOOP; END';
    assert.deepEqual(texts(`${p}; select 1`, 'mysql'), [p, 'select 1']);
  });
  test('tables whose columns are named like block keywords are plain statements', () => {
    assert.deepEqual(texts('CREATE TABLE event (`begin` int, `end` int, `case` int); select 1', 'mysql'), [
      'CREATE TABLE event (`begin` int, `end` int, `case` int)',
      'select 1',
    ]);
  });
});

describe('SQLite triggers', () => {
  test('CREATE TRIGGER ... BEGIN ...; ...; END;', () => {
    const trig = [
      'CREATE TEMP TRIGGER IF NOT EXISTS t AFTER INSERT ON x',
      'WHEN new.a IS NOT NULL',
      'BEGIN',
      '  UPDATE y SET b = CASE WHEN new.a > 0 THEN 1 ELSE 0 END WHERE id = new.id;',
      "  INSERT INTO z VALUES (new.a) ON CONFLICT DO NOTHING;",
      "  SELECT RAISE(ABORT, 'no;pe') WHERE new.a < 0;",
      'END',
    ].join('\n');
    assert.deepEqual(texts(`${trig};\nCREATE TABLE q (a);`, 'sqlite'), [trig, 'CREATE TABLE q (a)']);
  });
});

describe('PostgreSQL', () => {
  test('dollar-quoted function bodies are strings', () => {
    const fn = "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF x THEN RETURN NEW; END IF;\nEND;\n$$";
    assert.deepEqual(texts(`${fn};\nselect 1;`, 'postgresql'), [fn, 'select 1']);
  });
  test('BEGIN ATOMIC ... END (SQL-standard function bodies)', () => {
    const fn =
      'CREATE PROCEDURE p(a int, b int) LANGUAGE SQL BEGIN ATOMIC\n  INSERT INTO t VALUES (a);\n  SELECT CASE WHEN b > 0 THEN 1 ELSE 2 END;\nEND';
    const fn2 = 'CREATE FUNCTION g(begin int) RETURNS TABLE(begin int, "end" int) RETURN CASE WHEN true THEN 1 END';
    assert.deepEqual(texts(`${fn};\n${fn2};\nselect 1;`, 'postgresql'), [fn, fn2, 'select 1']);
  });
  test('CREATE RULE with a parenthesised action list', () => {
    const rule = 'CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))';
    assert.deepEqual(texts(`${rule};\nselect 1;`, 'postgresql'), [rule, 'select 1']);
  });
  test('psql meta-command lines are not statements', () => {
    const sql = "\\set ON_ERROR_STOP on\n  \\connect db\nselect 1;\n\\restrict abc\n\\c chinook;\nselect 2;";
    assert.deepEqual(texts(sql, 'postgresql'), ['select 1', 'select 2']);
  });
  test('COPY ... FROM stdin data is not statements', () => {
    const sql = [
      'COPY public.t (a, b) FROM stdin;',
      "1\tit's; here",
      '2\t\\N',
      '\\.',
      '',
      'copy t from STDIN WITH (FORMAT csv);',
      'x;y',
      '\\.',
      'select 1;',
    ].join('\n');
    assert.deepEqual(texts(sql, 'postgresql'), ['COPY public.t (a, b) FROM stdin', 'copy t from STDIN WITH (FORMAT csv)', 'select 1']);
  });
  test('unterminated COPY data runs to the end of the file', () => {
    assert.deepEqual(texts('COPY t FROM stdin;\n1\n2;\nselect 1;', 'postgresql'), ['COPY t FROM stdin']);
  });
});

describe('tolerance', () => {
  test('an unbalanced body ends at a DELIMITER line instead of swallowing the file', () => {
    const sql = 'CREATE PROCEDURE p() BEGIN SELECT 1;\nDELIMITER //\nselect 2//';
    assert.deepEqual(texts(sql, 'mysql'), ['CREATE PROCEDURE p() BEGIN SELECT 1;', 'select 2']);
  });
  test('junk never throws', () => {
    const junk = "create trigger begin case if end;'\"`[$$/*--#\\\u0000\ud800😀$1$a$:: delimiter\n\\.\ncopy from stdin;";
    for (const d of ['postgresql', 'mysql', 'sqlite'] as Dialect[]) {
      for (let i = 0; i < junk.length; i++) split(junk.slice(i) + '\n' + junk.slice(0, i), d);
    }
  });
  test('linear: a long file of bodies splits quickly', () => {
    const unit = "CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET a = CASE WHEN 1 THEN 2 END; END;\nselect ';';\n";
    const sql = unit.repeat(20000);
    const t0 = performance.now();
    assert.equal(split(sql, 'sqlite').statements.length, 40000);
    assert.ok(performance.now() - t0 < 1000);
  });
});

const CORPUS = '/work/shared/corpus';
const DELIMITER_FILES = ['mysql/employees/objects.sql', 'mysql/sakila/sakila/sakila-mv-schema.sql', 'mysql/sakila-jooq/mysql-sakila-db/mysql-sakila-schema.sql'];

test(
  'corpus: MySQL scripts split the same with DELIMITER as with plain ; (body tracking)',
  { skip: existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}` },
  () => {
    for (const f of DELIMITER_FILES) {
      const sql = readFileSync(`${CORPUS}/${f}`, 'utf8');
      // Drop DELIMITER lines and turn custom terminators into `;`.
      let plain = '';
      let at = 0;
      for (const t of lex(sql, 'mysql')) {
        if (t.kind === 'meta' || (t.kind === 'semicolon' && t.value !== ';')) {
          plain += sql.slice(at, t.start) + (t.kind === 'meta' ? '' : ';');
          at = t.end;
        }
      }
      plain += sql.slice(at);
      const norm = (s: string) => s.replace(/\s+/g, ' ');
      const a = texts(sql, 'mysql').map(norm);
      assert.ok(a.some((s) => / BEGIN .*; .* END$/i.test(s)), `${f} has bodies`);
      assert.deepEqual(texts(plain, 'mysql').map(norm), a, f);
    }
  },
);
