/**
 * The webview's mermaid text (media/diagram/src/mermaid-text.ts) and tiles (tiles.ts): syntax per cardinality,
 * labels, ghosts, enums and views, escaping of hostile identifiers, and how large diagrams are cut.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErEntity, ErRelation } from '../../server/src/core/diagram';
import { erDiagramText, escapeText } from '../../media/diagram/src/mermaid-text';
import { partition } from '../../media/diagram/src/tiles';

const at = { file: '/s.sql', start: 0, end: 0 };

function table(key: string, columns: [name: string, type: string, flags?: string][] = [], name = key): ErEntity {
  return {
    key,
    kind: 'table',
    name,
    loc: at,
    nameLoc: at,
    columns: columns.map(([n, t, f = '']) => ({ name: n, type: t, pk: f.includes('P'), fk: f.includes('F'), uk: f.includes('U'), notNull: f.includes('N') || f.includes('P'), loc: at })),
    indexes: [],
    findings: { count: 0, items: [] },
  };
}

function fk(from: string, to: string, more: Partial<ErRelation> = {}): ErRelation {
  return { kind: 'fk', from, to, columns: [`${to}_id`], refColumns: ['id'], toCardinality: 'one', fromCardinality: 'many', identifying: false, enforced: true, loc: at, ...more };
}

describe('mermaid text', () => {
  test('entities with synthetic ids and alias labels, typed and marked columns', () => {
    const t = erDiagramText(
      [table('customers', [['id', 'bigint', 'P'], ['email', 'text', 'NU']]), table('orders', [['id', 'bigint', 'P'], ['customer_id', 'bigint', 'FN'], ['note', 'varchar(200)']])],
      [fk('orders', 'customers', { columns: ['customer_id'] })],
      { columns: 'all' },
    );
    assert.equal(
      t.text,
      `erDiagram
  e1["customers"] {
    \`bigint\` \`id\` PK
    \`text\` \`email\` UK "NOT NULL"
  }
  e2["orders"] {
    \`bigint\` \`id\` PK
    \`bigint\` \`customer_id\` FK "NOT NULL"
    \`varchar(200)\` \`note\`
  }
  e1 ||..o{ e2 : ""
`,
    );
    assert.deepEqual([...t.ids], [['customers', 'e1'], ['orders', 'e2']]);
    assert.deepEqual(t.rows.get('orders'), ['id', 'customer_id', 'note']);
    assert.deepEqual(t.relations.map((r) => [r.first, r.second, r.label]), [['e1', 'e2', '']]);
  });

  test('cardinality ends and identifying lines', () => {
    const line = (r: Partial<ErRelation>) => erDiagramText([table('a'), table('b')], [fk('b', 'a', r)], { columns: 'all' }).text.trim().split('\n').at(-1)!.trim();
    assert.equal(line({}), 'e1 ||..o{ e2 : ""');
    assert.equal(line({ toCardinality: 'zeroOrOne' }), 'e1 |o..o{ e2 : ""', 'nullable FK: the referenced row is optional');
    assert.equal(line({ fromCardinality: 'zeroOrOne' }), 'e1 ||..o| e2 : ""', 'unique FK: one-to-one');
    assert.equal(line({ identifying: true }), 'e1 ||--o{ e2 : ""', 'FK inside the primary key: solid line');
    assert.equal(line({ enforced: false }), 'e1 ||..o{ e2 : "not enforced"');
  });

  test('parallel relations are labelled with their columns', () => {
    const t = erDiagramText([table('users'), table('docs')], [fk('docs', 'users', { columns: ['created_by'] }), fk('docs', 'users', { columns: ['updated_by'] })], { columns: 'all' });
    assert.deepEqual(
      t.relations.map((r) => r.label),
      ['created_by', 'updated_by'],
    );
  });

  test('key columns only; ghosts for entities drawn elsewhere; views and enums', () => {
    const t = erDiagramText(
      [
        table('orders', [['id', 'bigint', 'P'], ['customer_id', 'bigint', 'F'], ['note', 'text']]),
        { ...table('enum:status'), kind: 'enum', name: 'status', values: ['new', 'paid'] },
        { ...table('view:v'), kind: 'view', name: 'v' },
      ],
      [fk('orders', 'customers'), { ...fk('orders', 'enum:status'), kind: 'enum', columns: ['state'] }, { ...fk('view:v', 'orders'), kind: 'reads' }],
      { columns: 'keys', ghosts: new Map([['customers', '↗ customers']]) },
    );
    assert.equal(
      t.text,
      `erDiagram
  e1["orders"] {
    \`bigint\` \`id\` PK
    \`bigint\` \`customer_id\` FK
  }
  e2["status"] {
    \`value\` \`new\`
    \`value\` \`paid\`
  }
  e3["v"]
  g1["#8599; customers"]
  g1 ||..o{ e1 : ""
  e2 ||..o{ e1 : "state"
  e3 }o..o{ e1 : "reads"
`,
    );
    assert.equal(t.names.get('customers'), '↗ customers');
    assert.deepEqual(t.relations.map((r) => [r.first, r.second]), [['g1', 'e1'], ['e2', 'e1'], ['e3', 'e1']]);
  });

  test('an untyped column and an empty name keep the syntax valid', () => {
    const t = erDiagramText([table('', [['a', '']])], [], { columns: 'all' });
    assert.match(t.text, /e1\[" "\] \{\n {4}`-` `a`\n/);
  });
});

describe('escaping', () => {
  test('letters of any script, digits and plain punctuation stay; everything else becomes an entity code', () => {
    assert.equal(escapeText('order_items (v2), x-y.z [0]'), 'order_items (v2), x-y.z [0]');
    assert.equal(escapeText('Straße 注文 café'), 'Straße 注文 café');
    assert.equal(escapeText('a"b'), 'a#34;b');
    assert.equal(escapeText('<script>'), '#60;script#62;');
    assert.equal(escapeText('%%{init}%%'), '#37;#37;#123;init#125;#37;#37;');
    assert.equal(escapeText('`x` #1; ~T~ *b* $$m$$'), '#96;x#96; #35;1#59; #126;T#126; #42;b#42; #36;#36;m#36;#36;');
    assert.equal(escapeText('a\nb\\c'), 'a#10;b#92;c');
    assert.equal(escapeText('😀'), '#128512;', 'a character outside the BMP is one code');
  });

  test('hostile names cannot break out of their label, word or line', () => {
    const hostile = ['"]} e9 ||--|| e1 : "x', '`PK` `FK', '%%{init: {"securityLevel":"loose"}}%%', '}\nerDiagram\n', 'end', 'style e1 fill:#f00;', '<img src=x onerror=alert(1)>', ':::cls'];
    const t = erDiagramText(
      hostile.map((h, i) => table(`k${i}`, [[h, h, 'PF']], h)),
      hostile.slice(1).map((h, i) => fk(`k${i + 1}`, `k${i}`, { columns: [h, h] })),
      { columns: 'all' },
    );
    const lines = t.text.split('\n');
    const WORD = '`[^`]+`';
    const STRING = '"[^"%\\\\]*"';
    const grammar = [
      /^erDiagram$/,
      new RegExp(`^  e\\d+\\[${STRING}\\]( \\{)?$`),
      new RegExp(`^    ${WORD} ${WORD}( (PK|FK|UK)(, (PK|FK|UK))*)?( ${STRING})?$`),
      /^ {2}\}$/,
      new RegExp(`^  [eg]\\d+ [|}][|o](--|\\.\\.)[o|][|{] [eg]\\d+ : ${STRING}$`),
      /^$/,
    ];
    for (const l of lines) assert.ok(grammar.some((g) => g.test(l)), `a line of the expected shape: ${JSON.stringify(l)}`);
    assert.ok(!t.text.includes('%%') && !t.text.includes('<') && !t.text.includes(';\n'), 'no directive, markup or statement end');
    assert.equal(lines.filter((l) => l.includes('||..o{') || l.includes('||--o{')).length, hostile.length - 1, 'exactly the relations asked for');
  });
});

describe('tiles', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
  const chain = (ks: string[]) => ks.slice(1).map((k, i) => [ks[i], k] as const);

  test('small diagrams are one tile', () => {
    assert.deepEqual(partition(keys(5), chain(keys(5))), [keys(5)]);
    assert.deepEqual(partition([], []), []);
  });

  test('large diagrams: every table in exactly one tile of bounded size, connected tables together', () => {
    const ks = keys(100);
    // A tree: each table references the one a third of its index.
    const edges = ks.slice(1).map((k, i) => [k, ks[Math.floor(i / 3)]] as const);
    const tiles = partition(ks, edges, 30, 12);
    assert.deepEqual(tiles.flat().sort(), [...ks].sort(), 'each table once');
    assert.ok(tiles.every((t) => t.length <= 12));
    assert.ok(tiles.length <= 10, `${tiles.length} tiles`);
    const tileOf = new Map(tiles.flatMap((t, i) => t.map((k) => [k, i])));
    const cut = edges.filter(([a, b]) => tileOf.get(a) !== tileOf.get(b)).length;
    assert.ok(cut <= edges.length / 4, `${cut} of ${edges.length} relations cross tiles`);
    assert.deepEqual(partition(ks, edges, 30, 12), tiles, 'the same graph gives the same tiles');
  });

  test('isolated tables and small groups share tiles', () => {
    const ks = keys(40);
    const tiles = partition(ks, [['t0', 't1'], ['t2', 't3'], ['t3', 't4']], 30, 12);
    assert.equal(tiles.length, 4);
    assert.ok(tiles.some((t) => t.includes('t2') && t.includes('t3') && t.includes('t4')), 'a group is not split');
  });
});
