/**
 * MySQL/MariaDB and SQLite queries → QueryDef (node-sql-parser's AST through nsp-query.ts, then query.ts): tables,
 * predicates, sorts, limits, blocks and their exact spans; and the same QueryDef as PostgreSQL's walker gives for
 * the same SQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMysqlStatement } from '../../server/src/core/parse/mysql';
import { nspQuery } from '../../server/src/core/parse/nsp-query';
import { initPostgres, parsePostgresStatement } from '../../server/src/core/parse/postgres';
import type { QExpr, QSelect } from '../../server/src/core/parse/query';
import type { Fact, Predicate, QueryBlock, QueryDef, Span } from '../../server/src/core/model/types';

type Dialect = 'mysql' | 'sqlite';
const BOTH: Dialect[] = ['mysql', 'sqlite'];

// Non-ASCII (incl. a surrogate pair) before every statement: spans must be UTF-16 file offsets.
const PREFIX = '-- requête « test » 表 😀\n';

/** Lowers one query placed at PREFIX.length in the file PREFIX + sql, the way the file layer does for workload files. */
function lower(sql: string, dialect: Dialect) {
  const res = parseMysqlStatement(sql, PREFIX.length, dialect, { queries: true });
  assert.equal(res.error, undefined, `${dialect}: ${sql}`);
  assert.equal(res.facts.length, 1, `${dialect}: one fact from ${sql}`);
  const fact = res.facts[0] as Extract<Fact, { kind: 'query' }>;
  assert.equal(fact.kind, 'query');
  const file = PREFIX + sql;
  const at = (s: Span | undefined): string | undefined => (s ? file.slice(s.start, s.end) : undefined);
  return { fact, q: fact.query, at };
}

/** The predicates of a block on `column`, in order. */
function preds(b: QueryBlock, column: string): Predicate[] {
  return b.predicates.filter((p) => p.target.column === column);
}

/** The block that reads `table`. */
function block(q: QueryDef, table: string): QueryBlock {
  const b = q.blocks.find((x) => x.tables.some((t) => t.table.name === table));
  assert.ok(b, `block of ${table}`);
  return b;
}

/** The neutral tree of one statement, straight from nspQuery. */
function tree(sql: string, dialect: Dialect): QSelect {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser } = require(`node-sql-parser/build/${dialect}`) as { Parser: new () => { astify(s: string, o: object): unknown } };
  const ast = new Parser().astify(sql, { database: dialect, parseOptions: { includeLocations: true } });
  const q = nspQuery(ast, sql, 0, dialect);
  assert.ok(q, `${dialect}: a tree for ${sql}`);
  return q;
}

function walk(e: QExpr | undefined, f: (x: QExpr) => void): void {
  if (!e) return;
  f(e);
  if (e.k === 'op' || e.k === 'fn' || e.k === 'other') e.args.forEach((a) => walk(a, f));
  else if (e.k === 'cast') walk(e.arg, f);
  else if (e.k === 'list') e.items.forEach((a) => walk(a, f));
}

test('tables with aliases and schemas, join predicates of both sides, exact predicate and column spans', () => {
  for (const d of BOTH) {
    const sql = "SELECT o.id FROM shop.orders o JOIN users AS u ON u.id = o.user_id WHERE o.status = ? AND u.email = 'é'";
    const { q, fact, at } = lower(sql, d);
    assert.equal(q.kind, 'select');
    assert.equal(at(fact.span), sql);
    assert.equal(at(q.span), sql);
    assert.equal(q.blocks.length, 1);
    const [b] = q.blocks;
    assert.deepEqual(
      b.tables.map((t) => [t.table, t.alias, at(t.span)]),
      [
        [{ schema: 'shop', name: 'orders' }, 'o', 'shop.orders o'],
        [{ name: 'users' }, 'u', 'users AS u'],
      ],
      d,
    );
    assert.deepEqual(
      b.predicates.map((p) => [p.target.ref, p.target.column, p.op, p.value.kind, p.value.column?.ref ?? p.value.text ?? null, at(p.span), at(p.targetSpan), at(p.target.span), p.text]),
      [
        [1, 'id', 'eq', 'column', 0, 'u.id = o.user_id', 'u.id', 'u.id', 'id=user_id'],
        [0, 'user_id', 'eq', 'column', 1, 'u.id = o.user_id', 'o.user_id', 'o.user_id', 'id=user_id'],
        [0, 'status', 'eq', 'param', null, 'o.status = ?', 'o.status', 'o.status', 'status=?'],
        [1, 'email', 'eq', 'string', 'é', "u.email = 'é'", 'u.email', 'u.email', "email='é'"],
      ],
      d,
    );
    assert.deepEqual(b.selected.map((c) => [c.ref, c.column, at(c.span)]), [[0, 'id', 'o.id']]);
    assert.equal(q.parameters, true);
  }
});

test('ORDER BY keys with direction; LIMIT n, LIMIT offset, count, LIMIT … OFFSET, and parameters there', () => {
  for (const d of BOTH) {
    const a = lower('SELECT id FROM t ORDER BY created_at DESC, id LIMIT 10, 20', d);
    const [b] = a.q.blocks;
    assert.deepEqual(b.sort.map((s) => [s.target.column, s.desc, a.at(s.span)]), [['created_at', true, 'created_at DESC'], ['id', false, 'id']], d);
    assert.deepEqual([b.limit?.value, a.at(b.limit?.span), b.offset?.value, a.at(b.offset?.span)], [20, '20', 10, '10'], d);

    const c = lower('SELECT id FROM t ORDER BY id ASC LIMIT 5 OFFSET 15', d);
    const [cb] = c.q.blocks;
    assert.deepEqual([c.at(cb.sort[0].span), cb.limit?.value, cb.offset?.value], ['id ASC', 5, 15], d);

    // sqlite mode refuses a parameter in LIMIT: mysql.ts hands it over as a number, the walker reads the `?` back.
    const p = lower('SELECT id FROM t LIMIT ? OFFSET ?', d);
    const [pb] = p.q.blocks;
    assert.deepEqual([pb.limit?.param, p.at(pb.limit?.span), pb.offset?.param, pb.limit?.value], [true, '?', true, undefined], d);
  }
  const m = lower('SELECT id FROM t LIMIT ?, ?', 'mysql');
  assert.deepEqual([m.q.blocks[0].limit?.param, m.q.blocks[0].offset?.param], [true, true]);
});

test('subqueries in IN, EXISTS and the select list are nested blocks; correlated columns are outer values', () => {
  for (const d of BOTH) {
    const { q, at } = lower(
      "SELECT u.id, (SELECT max(o.total) FROM orders o WHERE o.user_id = u.id) AS m FROM users u WHERE u.id IN (SELECT user_id FROM bans WHERE reason = 'spam') AND EXISTS (SELECT 1 FROM logins l WHERE l.user_id = u.id)",
      d,
    );
    assert.equal(q.blocks.length, 4, d);
    const main = block(q, 'users');
    assert.equal(main.nested, undefined);
    const [inSub] = preds(main, 'id');
    assert.deepEqual([inSub.op, inSub.value.kind, at(inSub.span)], ['in', 'subquery', "u.id IN (SELECT user_id FROM bans WHERE reason = 'spam')"], d);
    const bans = block(q, 'bans');
    assert.deepEqual([bans.nested, at(bans.span)], [true, "SELECT user_id FROM bans WHERE reason = 'spam'"], d);
    assert.deepEqual(bans.predicates.map((p) => [p.target.column, p.op, p.value.text, at(p.span)]), [['reason', 'eq', 'spam', "reason = 'spam'"]], d);
    for (const [table, alias] of [['logins', 'l'], ['orders', 'o']]) {
      const sub = block(q, table);
      assert.equal(sub.nested, true, `${d} ${table}`);
      const [p] = preds(sub, 'user_id');
      assert.deepEqual([p.op, p.value.kind, p.value.column?.outer, at(p.span)], ['eq', 'column', true, `${alias}.user_id = u.id`], `${d} ${table}`);
    }
    assert.equal(at(block(q, 'logins').span), 'SELECT 1 FROM logins l WHERE l.user_id = u.id');
  }
});

test('CTEs and derived tables: blocks of their own; their names are not tables of the outer block', () => {
  for (const d of BOTH) {
    const { q, at } = lower(
      "WITH recent AS (SELECT id, user_id FROM orders WHERE created_at > '2024-01-01') SELECT r.id FROM recent r JOIN (SELECT id FROM users WHERE active = 1) AS a ON a.id = r.user_id",
      d,
    );
    assert.equal(q.blocks.length, 3, d);
    const cte = block(q, 'orders');
    assert.deepEqual([cte.nested, at(cte.span)], [undefined, "SELECT id, user_id FROM orders WHERE created_at > '2024-01-01'"], d);
    assert.deepEqual(cte.predicates.map((p) => [p.target.column, p.op, at(p.span)]), [['created_at', 'range', "created_at > '2024-01-01'"]], d);
    const main = q.blocks.find((b) => !b.tables.length);
    assert.ok(main, `${d}: the outer block reads no table of the model`);
    assert.deepEqual(main.predicates, [], d);
    const derived = block(q, 'users');
    assert.deepEqual([at(derived.span), derived.predicates.map((p) => at(p.span))], ['SELECT id FROM users WHERE active = 1', ['active = 1']], d);
  }
});

test('UNION arms are blocks; ORDER BY / LIMIT after the last arm go to the first block', () => {
  for (const d of BOTH) {
    const a = lower('SELECT id FROM a WHERE x = 1 UNION ALL SELECT id FROM b WHERE y = 2 ORDER BY id LIMIT 5', d);
    const [first, second] = a.q.blocks;
    assert.equal(a.q.blocks.length, 2, d);
    assert.deepEqual([first.tables[0].table.name, first.sort.map((s) => a.at(s.span)), first.limit?.value], ['a', ['id'], 5], d);
    assert.deepEqual([a.at(second.span), second.sort, second.limit, second.predicates.map((p) => a.at(p.span))], ['SELECT id FROM b WHERE y = 2', [], undefined, ['y = 2']], d);

    const p = lower('(SELECT id FROM a WHERE x = 1) UNION (SELECT id FROM b WHERE y = 2) LIMIT 3', d);
    assert.deepEqual(
      p.q.blocks.map((b) => [b.tables[0].table.name, b.limit?.value, p.at(b.predicates[0].span)]),
      [
        ['a', 3, 'x = 1'],
        ['b', undefined, 'y = 2'],
      ],
      d,
    );
    assert.equal(p.at(p.q.blocks[1].span), 'SELECT id FROM b WHERE y = 2');

    const three = lower('SELECT id FROM a UNION SELECT id FROM b UNION SELECT id FROM c WHERE z = 3 ORDER BY id DESC LIMIT 1', d);
    assert.deepEqual(
      three.q.blocks.map((b) => [b.tables[0].table.name, b.sort.length, b.limit?.value, three.at(b.span)]),
      [
        ['a', 1, 1, 'SELECT id FROM a UNION SELECT id FROM b UNION SELECT id FROM c WHERE z = 3 ORDER BY id DESC LIMIT 1'],
        ['b', 0, undefined, 'SELECT id FROM b'],
        ['c', 0, undefined, 'SELECT id FROM c WHERE z = 3'],
      ],
      d,
    );
  }
  // mysql mode reads `a UNION (b UNION c)` as a FROM item joined by "union": still three arms.
  const n = lower('SELECT id FROM a UNION (SELECT id FROM b WHERE y = 2 UNION SELECT id FROM c)', 'mysql');
  assert.deepEqual(n.q.blocks.map((b) => [b.tables.map((t) => t.table.name), n.at(b.span)]), [
    [['a'], 'SELECT id FROM a UNION (SELECT id FROM b WHERE y = 2 UNION SELECT id FROM c)'],
    [['b'], 'SELECT id FROM b WHERE y = 2'],
    [['c'], 'SELECT id FROM c'],
  ]);
});

test('joins: ON conditions (join and filter), USING, LEFT / CROSS; `*` is the star', () => {
  for (const d of BOTH) {
    // sqlite mode knows CROSS JOIN only after a table without alias (see below): a comma join there.
    const cross = d === 'mysql' ? 'CROSS JOIN settings' : ', settings';
    const { q, at } = lower(`SELECT * FROM orders o LEFT JOIN users u ON u.id = o.user_id AND u.deleted = 0 JOIN items USING (order_id) ${cross}`, d);
    const [b] = q.blocks;
    assert.deepEqual(b.tables.map((t) => t.table.name), ['orders', 'users', 'items', 'settings'], d);
    assert.equal(at(b.star), '*');
    assert.deepEqual(
      b.predicates.map((p) => [p.target.ref, p.target.column, p.op, p.value.column?.ref ?? p.value.text]),
      [
        // query.ts records USING equalities while it reads FROM, ON conditions after.
        [1, 'order_id', 'eq', 2],
        [2, 'order_id', 'eq', 1],
        [1, 'id', 'eq', 0],
        [0, 'user_id', 'eq', 1],
        [1, 'deleted', 'eq', '0'],
      ],
      d,
    );
  }
  const t = tree('SELECT * FROM a LEFT OUTER JOIN b ON b.id = a.id RIGHT JOIN c ON c.id = a.id JOIN d USING (k) CROSS JOIN e, f JOIN g', 'mysql');
  assert.deepEqual(
    t.from.map((f) => [f.k === 'table' ? f.name.name : '', f.join?.type, f.join?.using]),
    [
      ['a', undefined, undefined],
      ['b', 'left', undefined],
      ['c', 'right', undefined],
      ['d', 'inner', ['k']],
      ['e', 'cross', undefined],
      ['f', undefined, undefined],
      ['g', 'cross', undefined],
    ],
  );
  // sqlite mode reads `t CROSS JOIN u` as `t` aliased CROSS: no alias, a cross join.
  const s = tree('SELECT * FROM a CROSS JOIN b NATURAL JOIN c', 'sqlite');
  assert.deepEqual(s.from.map((f) => [f.k === 'table' ? f.name.name : '', f.alias, f.join?.type]), [['a', undefined, undefined], ['b', undefined, 'cross'], ['c', undefined, 'cross']]);
});

test('wrapped columns: lower(email), DATE(created_at), CAST(x AS …), price * 2', () => {
  for (const d of BOTH) {
    const type = d === 'mysql' ? 'CHAR' : 'TEXT';
    const { q, at } = lower(`SELECT id FROM users WHERE lower(email) = ? AND DATE(created_at) = ? AND CAST(code AS ${type}) = ? AND price * 2 > ?`, d);
    const got = q.blocks[0].predicates.map((p) => [p.target.column, p.op, p.form, p.fn, p.expression, at(p.span), at(p.targetSpan), at(p.target.span)]);
    assert.deepEqual(
      got,
      [
        ['email', 'eq', 'function', 'lower', 'lower(email)', 'lower(email) = ?', 'lower(email)', 'email'],
        ['created_at', 'eq', 'function', 'date', 'date(created_at)', 'DATE(created_at) = ?', 'DATE(created_at)', 'created_at'],
        ['code', 'eq', 'cast', type.toLowerCase(), `cast(codeas${type.toLowerCase()})`, `CAST(code AS ${type}) = ?`, `CAST(code AS ${type})`, 'code'],
        ['price', 'range', 'arithmetic', undefined, 'price*2', 'price * 2 > ?', 'price * 2', 'price'],
      ],
      d,
    );
  }
});

test('OR over one column is one IN predicate; over two columns a disjunction of inOr predicates', () => {
  for (const d of BOTH) {
    const a = lower('SELECT id FROM t WHERE a = 1 OR a = 2', d);
    const [ab] = a.q.blocks;
    assert.deepEqual(ab.predicates.map((p) => [p.target.column, p.op, p.value.kind, p.inOr, a.at(p.span)]), [['a', 'in', 'list', undefined, 'a = 1 OR a = 2']], d);
    assert.deepEqual(ab.disjunctions, [], d);

    const b = lower('SELECT id FROM t WHERE c = 3 AND (a = 1 OR b = 2)', d);
    const [bb] = b.q.blocks;
    assert.deepEqual(bb.predicates.map((p) => [p.target.column, p.op, p.inOr ?? false, b.at(p.span)]), [['c', 'eq', false, 'c = 3'], ['a', 'eq', true, 'a = 1'], ['b', 'eq', true, 'b = 2']], d);
    assert.deepEqual(bb.disjunctions.map((x) => [x.columns.map((c) => c.column), b.at(x.span)]), [[['a', 'b'], 'a = 1 OR b = 2']], d);
  }
});

test('LIKE: a leading wildcard (literal, CONCAT, ||), a prefix is a range, NOT LIKE seeks nothing', () => {
  const cases: [Dialect[], string, Predicate['op'], boolean | undefined][] = [
    [BOTH, "name LIKE '%x'", 'like', true],
    [BOTH, "name LIKE '_x%'", 'like', true],
    [BOTH, "name LIKE 'ab%'", 'range', undefined],
    [BOTH, "name LIKE 'ab'", 'eq', undefined],
    [BOTH, 'name LIKE ?', 'like', undefined],
    [BOTH, "name NOT LIKE 'ab%'", 'other', undefined],
    [['mysql'], "name LIKE CONCAT('%', ?)", 'like', true],
    [['mysql'], "name LIKE CONCAT(?, '%')", 'like', undefined],
    [['sqlite'], "name LIKE '%' || ?", 'like', true],
    [['sqlite'], "name LIKE ? || '%'", 'like', undefined],
  ];
  for (const [dialects, cond, op, lead] of cases)
    for (const d of dialects) {
      const { q, at } = lower(`SELECT id FROM t WHERE ${cond}`, d);
      const [p] = q.blocks[0].predicates;
      assert.deepEqual([p.op, p.leadingWildcard, at(p.span), at(p.targetSpan)], [op, lead, cond, 'name'], `${d}: ${cond}`);
    }
});

test('comparisons: IN lists, NOT IN, BETWEEN, IS [NOT] NULL, <> and !=, booleans, NULL', () => {
  for (const d of BOTH) {
    const conds = ['a IN (1, 2, 3)', 'b NOT IN (?, ?)', 'c BETWEEN 1 AND 10', 'd IS NULL', 'e IS NOT NULL', 'f <> 1', 'g != 2', 'h = TRUE', 'i = NULL', 'j >= 4', '5 < k'];
    const { q, at } = lower(`SELECT id FROM t WHERE ${conds.join(' AND ')}`, d);
    assert.deepEqual(
      q.blocks[0].predicates.map((p) => [p.target.column, p.op, p.value.kind, p.value.text, at(p.span)]),
      [
        ['a', 'in', 'list', undefined, conds[0]],
        ['b', 'other', 'list', undefined, conds[1]],
        ['c', 'range', 'number', '1', conds[2]],
        ['d', 'null', 'null', 'NULL', conds[3]],
        ['e', 'other', 'null', 'NULL', conds[4]],
        ['f', 'other', 'number', '1', conds[5]],
        ['g', 'other', 'number', '2', conds[6]],
        ['h', 'eq', 'bool', 'true', conds[7]],
        ['i', 'other', 'null', 'NULL', conds[8]],
        ['j', 'range', 'number', '4', conds[9]],
        ['k', 'range', 'number', '5', conds[10]],
      ],
      d,
    );
  }
});

test('the neutral tree: operators spelled as query.ts lists them, IS NULL from `IS` + NULL, NOT EXISTS', () => {
  for (const d of BOTH) {
    const eq = d === 'sqlite' ? '==' : '=';
    const t = tree(`SELECT * FROM a WHERE x != 1 AND x ${eq} 2 AND y IS NULL AND z IS NOT NULL AND w NOT BETWEEN 1 AND 2 AND v NOT LIKE 'q' AND NOT EXISTS (SELECT 1 FROM f) AND u NOT IN (1) AND NOT s = 1`, d);
    const ops: string[] = [];
    walk(t.where, (e) => e.k === 'op' && e.op !== 'AND' && ops.push(e.op));
    assert.deepEqual(ops, ['<>', '=', 'IS NULL', 'IS NOT NULL', 'NOT BETWEEN', 'NOT LIKE', 'NOT', 'EXISTS', 'NOT IN', 'NOT', '='], d);
  }
  // MySQL: `||` and `&&` are OR and AND (node-sql-parser gives `||` the precedence of concatenation: only
  // parenthesized comparisons around it read as written); SQLite: `||` concatenates.
  for (const [cond, ops] of [
    ['(x = 1) || (y = 2)', ['OR', '=', '=']],
    ['x = 1 && y = 2', ['AND', '=', '=']],
  ] as const) {
    const my: string[] = [];
    walk(tree(`SELECT * FROM a WHERE ${cond}`, 'mysql').where, (e) => e.k === 'op' && my.push(e.op));
    assert.deepEqual(my, ops, cond);
  }
  const lite: string[] = [];
  walk(tree("SELECT * FROM a WHERE x || 'y' = 'z'", 'sqlite').where, (e) => e.k === 'op' && lite.push(e.op));
  assert.deepEqual(lite, ['=', '||']);
});

test('parameters: ?, :name, @var, $1 in MySQL; ?NNN, :name, @name, $name in SQLite', () => {
  const cases: [Dialect, string[]][] = [
    ['mysql', ['a = ?', 'b = :b', 'c = @c', 'd = $1']],
    ['sqlite', ['a = ?1', 'b = :b', 'c = @c', 'd = $d', 'e = ?']],
  ];
  for (const [d, conds] of cases) {
    const { q, at } = lower(`SELECT id FROM t WHERE ${conds.join(' AND ')}`, d);
    assert.deepEqual(q.blocks[0].predicates.map((p) => [p.value.kind, at(p.span)]), conds.map((c) => ['param', c]), d);
    assert.equal(q.parameters, true);
  }
});

test('UPDATE and DELETE: the target is the block table; SET values are read columns; MySQL multi-table forms', () => {
  for (const d of BOTH) {
    const u = lower('UPDATE users SET name = ?, visits = visits + 1 WHERE id = ?', d);
    const [ub] = u.q.blocks;
    assert.deepEqual([u.q.kind, ub.tables.map((t) => [t.table.name, u.at(t.span)]), ub.selected.map((c) => [c.column, u.at(c.span)])], ['update', [['users', 'users']], [['visits', 'visits']]], d);
    assert.deepEqual(ub.predicates.map((p) => [p.target.column, p.op, u.at(p.span)]), [['id', 'eq', 'id = ?']], d);

    const del = lower('DELETE FROM sessions WHERE expires_at < ?', d);
    assert.deepEqual([del.q.kind, del.q.blocks[0].tables[0].table.name, del.at(del.q.blocks[0].predicates[0].span)], ['delete', 'sessions', 'expires_at < ?'], d);
  }
  const m = lower('UPDATE orders o JOIN users u ON u.id = o.user_id SET o.flag = 1 WHERE u.banned = 1 ORDER BY o.id LIMIT 100', 'mysql');
  const [mb] = m.q.blocks;
  assert.deepEqual(mb.tables.map((t) => m.at(t.span)), ['orders o', 'users u']);
  assert.deepEqual(mb.predicates.map((p) => m.at(p.targetSpan)), ['u.id', 'o.user_id', 'u.banned']);
  assert.deepEqual([mb.sort.map((s) => m.at(s.span)), mb.limit?.value], [['o.id'], 100]);
  const md = lower('DELETE o FROM orders o JOIN users u ON u.id = o.user_id WHERE u.banned = 1', 'mysql');
  assert.deepEqual(md.q.blocks[0].tables.map((t) => md.at(t.span)), ['orders o', 'users u']);
});

test('INSERT … SELECT is a query of its source block only; INSERT … VALUES is no query', () => {
  for (const d of BOTH) {
    const sql = 'INSERT INTO archive (id, name) SELECT id, name FROM users WHERE deleted = 1';
    const { q, fact, at } = lower(sql, d);
    assert.deepEqual([q.kind, at(fact.span), q.blocks.length, q.blocks[0].tables[0].table.name, at(q.blocks[0].span)], ['insert', sql, 1, 'users', 'SELECT id, name FROM users WHERE deleted = 1'], d);
    assert.deepEqual(q.blocks[0].predicates.map((p) => at(p.span)), ['deleted = 1'], d);
    assert.deepEqual(parseMysqlStatement('INSERT INTO users (id, name) VALUES (1, ?), (2, ?)', 0, d, { queries: true }), { facts: [] }, d);
    assert.deepEqual(parseMysqlStatement("INSERT INTO users (id) VALUES ((SELECT max(id) FROM users))", 0, d, { queries: true }), { facts: [] }, d);
  }
  assert.deepEqual(parseMysqlStatement('INSERT INTO users SET id = 1', 0, 'mysql', { queries: true }), { facts: [] });
});

test('non-ASCII text before a predicate: spans stay exact UTF-16 offsets', () => {
  for (const d of BOTH) {
    const { q, at } = lower("SELECT 'ü ✓' AS x, id FROM t WHERE name = 'Zoë 😀 表' AND status = ? ORDER BY `id` DESC".replace(/`/g, d === 'mysql' ? '`' : '"'), d);
    const [b] = q.blocks;
    assert.deepEqual(b.predicates.map((p) => [p.value.text, at(p.span), at(p.targetSpan)]), [['Zoë 😀 表', "name = 'Zoë 😀 表'", 'name'], [undefined, 'status = ?', 'status']], d);
    assert.equal(at(b.sort[0].span), d === 'mysql' ? '`id` DESC' : '"id" DESC');
  }
});

test('MySQL syntax node-sql-parser refuses is read around: index hints, charset introducers', () => {
  const { q, at } = lower("SELECT a FROM t USE INDEX (i) JOIN u FORCE INDEX FOR JOIN (PRIMARY) ON u.id = t.uid WHERE t.b = _utf8mb4'x' AND u.c DIV 2 = 1", 'mysql');
  const [b] = q.blocks;
  assert.deepEqual(b.tables.map((t) => at(t.span)), ['t', 'u']);
  assert.deepEqual(
    b.predicates.map((p) => [at(p.span), p.value.text, p.form]),
    [
      ['u.id = t.uid', undefined, undefined],
      ['u.id = t.uid', undefined, undefined],
      ["t.b = _utf8mb4'x'", 'x', undefined],
      ['u.c DIV 2 = 1', '1', 'arithmetic'],
    ],
  );
});

test('SQLite identifiers in double quotes and brackets; MySQL backticks', () => {
  const s = lower('SELECT [u]."name" FROM [users] AS [u] WHERE "name" = ? AND [u].[age] > 3', 'sqlite');
  const [sb] = s.q.blocks;
  assert.deepEqual(sb.tables.map((t) => [t.table.name, t.alias, s.at(t.span)]), [['users', 'u', '[users] AS [u]']]);
  assert.deepEqual(sb.predicates.map((p) => [p.target.column, p.op, s.at(p.targetSpan)]), [['name', 'eq', '"name"'], ['age', 'range', '[u].[age]']]);
  const m = lower('SELECT `u`.`name` FROM `db`.`users` AS `u` WHERE `u`.`name` = ?', 'mysql');
  assert.deepEqual(m.q.blocks[0].tables.map((t) => [t.table, m.at(t.span)]), [[{ schema: 'db', name: 'users' }, '`db`.`users` AS `u`']]);
  assert.deepEqual(m.q.blocks[0].predicates.map((p) => m.at(p.targetSpan)), ['`u`.`name`']);
});

test('a half-typed or rejected query is an error, never a throw; without `queries` a query is not parsed', () => {
  for (const d of BOTH) {
    for (const sql of ['SELECT * FROM users WHERE', 'SELECT', 'UPDATE t SET', 'SELECT * FROM t WHERE a IN (', "SELECT * FROM t WHERE a = 'open"]) {
      const res = parseMysqlStatement(sql, 0, d, { queries: true });
      assert.deepEqual(res.facts, [], `${d}: ${sql}`);
      assert.match(res.error ?? '', /node-sql-parser/, `${d}: ${sql}`);
    }
    assert.deepEqual(parseMysqlStatement('SELECT id FROM t WHERE a = 1', 0, d), { facts: [] }, d);
  }
});

test('CREATE VIEW: the view SELECT is its query; the DDL fact is otherwise unchanged', () => {
  for (const d of BOTH) {
    const sql = 'CREATE VIEW active_users AS SELECT id, email FROM users WHERE active = 1 ORDER BY id';
    const res = parseMysqlStatement(sql, PREFIX.length, d);
    const file = PREFIX + sql;
    const at = (s: Span) => file.slice(s.start, s.end);
    assert.equal(res.facts.length, 1);
    const { query, ...view } = res.facts[0] as Extract<Fact, { kind: 'createView' }>;
    assert.deepEqual(view, { kind: 'createView', name: { name: 'active_users' }, span: { start: PREFIX.length, end: PREFIX.length + sql.length }, nameSpan: view.nameSpan }, d);
    assert.equal(at(view.nameSpan), 'active_users');
    assert.ok(query, d);
    assert.deepEqual([query.kind, at(query.span), query.blocks[0].tables[0].table.name, query.blocks[0].predicates.map((p) => at(p.span)), query.blocks[0].sort.map((s) => at(s.span))], ['select', 'SELECT id, email FROM users WHERE active = 1 ORDER BY id', 'users', ['active = 1'], ['id']], d);
  }
  const sql = 'CREATE OR REPLACE ALGORITHM=MERGE VIEW v (x) AS SELECT a FROM t WHERE b = 2 WITH CHECK OPTION';
  const v = parseMysqlStatement(sql, 0, 'mysql').facts[0] as Extract<Fact, { kind: 'createView' }>;
  assert.ok(v.query);
  assert.deepEqual([sql.slice(v.query.span.start, v.query.span.end), v.query.blocks[0].predicates[0].text], ['SELECT a FROM t WHERE b = 2', 'b=2']);
});

test('odd queries never throw and keep every span inside the statement', () => {
  const odd: [Dialect, string][] = [
    ['mysql', 'SELECT SQL_CALC_FOUND_ROWS DISTINCT a FROM t WHERE b > NOW() - INTERVAL 1 DAY FOR UPDATE'],
    ['mysql', "SELECT GROUP_CONCAT(DISTINCT a ORDER BY b SEPARATOR ', '), EXTRACT(YEAR FROM d), CONVERT(a USING utf8mb4), CONVERT(a, CHAR) FROM t"],
    ['mysql', "SELECT CASE WHEN a = 1 THEN 'x' WHEN a = 2 THEN 'y' ELSE b END AS c, max(b) OVER (PARTITION BY c ORDER BY d) FROM t WHERE v = 1e3 AND a DIV 2 = 1 AND a MOD 2 = 0"],
    ['mysql', "SELECT CONCAT(a, _utf8mb4' ', b) FROM t WHERE c = _binary'x' AND @@session.time_zone = 'UTC' AND !d"],
    ['mysql', 'INSERT INTO t (a) SELECT b FROM u WHERE c = ? ON DUPLICATE KEY UPDATE a = VALUES(a)'],
    ['mysql', '(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT a FROM u) ORDER BY 1'],
    ['mysql', 'SELECT a FROM t WHERE (a, b) IN ((1, 2), (3, 4)) AND (SELECT 1) + 2 = c AND - - 1 = d'],
    ['sqlite', "SELECT a FROM t WHERE a GLOB 'x*' AND b IS ? AND c IS NOT ? AND d IS TRUE AND e = X'ab' AND f = -2.5e3 AND g COLLATE NOCASE = ?"],
    ['sqlite', 'SELECT count(DISTINCT a), count(*), total(b) FROM t GROUP BY c HAVING count(*) > ? ORDER BY "c" COLLATE NOCASE DESC'],
    ['sqlite', 'DELETE FROM t WHERE a = 1 RETURNING *'],
    ['sqlite', 'UPDATE t SET a = ?1, b = ?2 WHERE c = ?3 RETURNING a, b'],
    ['sqlite', 'INSERT OR REPLACE INTO t SELECT * FROM u WHERE u.k IN (SELECT k FROM v)'],
  ];
  for (const [d, sql] of odd) {
    const res = parseMysqlStatement(sql, 5, d, { queries: true });
    assert.equal(res.error, undefined, `${d}: ${sql}`);
    assert.equal(res.facts.length, 1, `${d}: ${sql}`);
    const spans = (v: unknown): Span[] =>
      !v || typeof v !== 'object'
        ? []
        : 'start' in v && 'end' in v && Object.keys(v).length === 2
          ? [v as Span]
          : Object.values(v).flatMap(spans);
    for (const s of spans(res.facts)) assert.ok(s.start >= 5 && s.start <= s.end && s.end <= 5 + sql.length, `${d}: ${JSON.stringify(s)} in ${sql}`);
  }
});

test('PostgreSQL and MySQL/SQLite give the same QueryDef for the same SQL (spans aside)', async () => {
  await initPostgres();
  const shared = [
    "SELECT o.id, o.total FROM orders o JOIN users AS u ON u.id = o.user_id WHERE o.status = 'paid' AND u.email = 'x' ORDER BY o.created_at DESC, o.id LIMIT 20",
    'SELECT a FROM t WHERE b IN (SELECT id FROM u WHERE k = 1) AND (x = 1 OR y = 2) UNION SELECT c FROM v ORDER BY 1 LIMIT 3',
    'WITH c AS (SELECT id FROM u WHERE k = 1) SELECT x.a FROM (SELECT a FROM t WHERE z > 2) AS x JOIN c ON c.id = x.a WHERE NOT EXISTS (SELECT 1 FROM w WHERE w.a = x.a) GROUP BY x.a HAVING count(*) > 1',
    "SELECT * FROM users WHERE lower(email) = 'a' AND price * 2 > 10 AND date(created_at) = '2020-01-01' AND CAST(n AS DATE) = '2020-01-01'",
    "SELECT * FROM users WHERE (a = 1 OR a = 2) AND (b = 1 OR c = 2) AND name LIKE '%x' AND code LIKE 'ab%' AND d NOT LIKE 'q' AND e IS NULL AND f IS NOT NULL AND g BETWEEN 1 AND 5 AND h NOT IN (1, 2) AND i <> 3 AND j != 4 AND k = TRUE AND l = NULL AND (m) = 5",
    'SELECT u.id, (SELECT max(o.total) FROM orders o WHERE o.user_id = u.id) AS m FROM users u LEFT JOIN profiles p USING (id) WHERE u.id IN (1, 2, 3) AND EXISTS (SELECT 1 FROM bans b WHERE b.user_id = u.id)',
    "UPDATE users SET name = 'x', n = n + 1 WHERE id = 5",
    "DELETE FROM users WHERE id = 5 AND created_at < '2020-01-01'",
    'INSERT INTO archive (id) SELECT id FROM users WHERE deleted = 1',
    'SELECT a, count(*) FROM t GROUP BY a ORDER BY a LIMIT 5 OFFSET 10',
    'SELECT * FROM t, u WHERE t.a = u.b AND t.c = 1',
    'SELECT * FROM t CROSS JOIN u WHERE t.a = 1',
    'SELECT * FROM t WHERE a IN (SELECT b FROM u UNION SELECT c FROM v)',
    'SELECT CASE WHEN a = 1 THEN b ELSE c END FROM t WHERE d = (SELECT 1)',
    'SELECT t.* FROM t LEFT OUTER JOIN u ON u.id = t.uid AND u.k = 2 WHERE u.id IS NULL',
  ];
  // Spans aside (each walker derives them from its own parser's locations), the trees must lower alike.
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? 'start' in v && 'end' in v && Object.keys(v).length === 2
          ? 'span'
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]))
        : v;
  for (const sql of shared) {
    const pg = parsePostgresStatement(sql, 0, { queries: true });
    assert.equal(pg.error, undefined, sql);
    const want = strip((pg.facts[0] as Extract<Fact, { kind: 'query' }>).query);
    for (const d of BOTH) assert.deepEqual(strip(lower(sql, d).q), want, `${d}: ${sql}`);
  }
});
