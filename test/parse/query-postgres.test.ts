/** PostgreSQL queries → QueryDef: predicates, sorts, limits and their exact spans. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initPostgres, parsePostgresStatement } from '../../server/src/core/parse/postgres';
import type { QueryDef } from '../../server/src/core/model/types';

function query(sql: string, base = 0): { q: QueryDef; text: string } {
  const text = ' '.repeat(base) + sql;
  const r = parsePostgresStatement(sql, base, { queries: true });
  assert.equal(r.error, undefined);
  const f = r.facts.find((x) => x.kind === 'query');
  assert.ok(f && f.kind === 'query', 'no query fact');
  return { q: f.query, text };
}

const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('predicates: equality, range, join, wrapped column, with exact spans', async () => {
  await initPostgres();
  const { q, text } = query(
    "SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = $1 AND o.created_at > now() - interval '1 day' AND lower(u.email) = $2 ORDER BY o.created_at DESC LIMIT 20 OFFSET $3",
    7,
  );
  const b = q.blocks[0];
  assert.deepEqual(b.tables.map((t) => [t.table.name, t.alias, at(text, t.span)]), [['orders', 'o', 'orders o'], ['users', 'u', 'users u']]);
  const ps = b.predicates.map((p) => [p.target.ref, p.target.column, p.op, p.value.kind, p.expression ?? null, at(text, p.span), at(text, p.targetSpan)]);
  assert.deepEqual(ps, [
    [1, 'id', 'eq', 'column', null, 'u.id = o.user_id', 'u.id'],
    [0, 'user_id', 'eq', 'column', null, 'u.id = o.user_id', 'o.user_id'],
    [0, 'status', 'eq', 'param', null, 'o.status = $1', 'o.status'],
    [0, 'created_at', 'range', 'expression', null, "o.created_at > now() - interval '1 day'", 'o.created_at'],
    [1, 'email', 'eq', 'param', 'lower(email)', 'lower(u.email) = $2', 'lower(u.email)'],
  ]);
  assert.deepEqual(b.sort.map((s) => [s.target.column, s.desc, at(text, s.span)]), [['created_at', true, 'o.created_at DESC']]);
  assert.equal(b.limit?.value, 20);
  assert.equal(b.offset?.param, true);
  assert.equal(q.parameters, true);
});

test('OR over one column is an IN; over two columns a disjunction; LIKE forms; subquery blocks', async () => {
  await initPostgres();
  const { q, text } = query("SELECT * FROM users WHERE (a = 1 OR a = 2) AND (b = 1 OR c = 2) AND name LIKE '%x' AND code LIKE 'ab%' AND id IN (SELECT user_id FROM orders WHERE total > 100)");
  const [main, sub] = q.blocks;
  const by = (c: string) => main.predicates.filter((p) => p.target.column === c);
  assert.equal(by('a')[0].op, 'in');
  assert.equal(at(text, by('a')[0].span), 'a = 1 OR a = 2');
  assert.ok(by('b')[0].inOr && by('c')[0].inOr);
  assert.deepEqual(main.disjunctions.map((d) => d.columns.map((c) => c.column)), [['b', 'c']]);
  assert.equal(by('name')[0].op, 'like');
  assert.equal(by('name')[0].leadingWildcard, true);
  assert.equal(by('code')[0].op, 'range');
  assert.equal(by('id')[0].value.kind, 'subquery');
  assert.ok(main.star);
  assert.equal(sub.nested, true);
  assert.deepEqual(sub.predicates.map((p) => [p.target.column, p.op]), [['total', 'range']]);
});

test('casts wrap the column with their type (the model drops the no-op ones); non-ASCII text before keeps spans exact', async () => {
  await initPostgres();
  const { q, text } = query("SELECT 'héllo ✓' AS x FROM ev e WHERE ((e.kind)::text = 'a'::text) AND (e.at)::date = $1");
  const [kind, day] = q.blocks[0].predicates;
  assert.deepEqual([kind.form, kind.fn, kind.expression], ['cast', 'text', 'kind']);
  assert.equal(at(text, kind.targetSpan), '(e.kind)::text');
  assert.equal(day.expression, 'at::date');
  assert.equal(day.form, 'cast');
  assert.equal(at(text, day.span), '(e.at)::date = $1');
});

test('CTEs, UNION arms and INSERT … SELECT: one block each; INSERT … VALUES is no query', async () => {
  await initPostgres();
  const { q } = query("WITH r AS (SELECT user_id FROM orders WHERE status = 'paid') SELECT count(*) FROM r JOIN users ON users.id = r.user_id UNION ALL SELECT 1 FROM admins WHERE level > 2");
  assert.deepEqual(q.blocks.map((b) => [b.role, b.tables.map((t) => t.table.name)]), [['main', ['users']], ['cte', ['orders']], ['union', ['admins']]]);
  const ins = query('INSERT INTO archive (id) SELECT id FROM orders WHERE created_at < $1').q;
  assert.equal(ins.kind, 'insert');
  assert.deepEqual(ins.blocks.map((b) => b.tables.map((t) => t.table.name)), [['orders']]);
  assert.deepEqual(parsePostgresStatement('INSERT INTO t (a) VALUES ($1)', 0, { queries: true }).facts, []);
});

test('queries are facts only in workload mode, and a half-typed query is an error, not a throw', async () => {
  await initPostgres();
  assert.deepEqual(parsePostgresStatement('SELECT id FROM users WHERE id = 1', 0).facts, []);
  const r = parsePostgresStatement('SELECT * FROM users WHERE', 0, { queries: true });
  assert.ok(r.error);
  assert.deepEqual(r.facts, []);
});
