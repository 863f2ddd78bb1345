/** The Prisma schema reader: syntax, lowering to facts per provider, exact spans, half-typed input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPrisma, parsePrismaFile, type PrismaSchemaResult } from '../../server/src/core/parse/prisma';
import type { ColumnDef, ConstraintDef, Dialect, Fact, IndexDef, Span, TableDef } from '../../server/src/core/model/types';

// Non-ASCII (incl. a surrogate pair) before the schema: spans must be UTF-16 offsets.
const PREFIX = '// schéma « test » 表 😀\n';

const DS: Record<Dialect, string> = {
  postgresql: 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
  mysql: 'datasource db {\n  provider = "mysql"\n  url      = env("DATABASE_URL")\n}\n',
  sqlite: 'datasource db {\n  provider = "sqlite"\n  url      = "file:dev.db"\n}\n',
};

function lower(schema: string, dialect: Dialect | undefined = 'postgresql') {
  const text = PREFIX + (dialect ? DS[dialect] : '') + schema;
  const r = lowerPrisma([parsePrismaFile('/p/schema.prisma', text)]);
  const facts = r.files[0].statements.flatMap((s) => s.facts);
  const at = (s: Span | undefined) => (s ? text.slice(s.start, s.end) : undefined);
  const tables = facts.filter((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable').map((f) => f.table);
  const indexes = facts.filter((f): f is Extract<Fact, { kind: 'createIndex' }> => f.kind === 'createIndex').map((f) => f.index);
  const table = (name: string): TableDef => {
    const t = tables.find((x) => x.name.name === name);
    assert.ok(t, `table ${name}; have ${tables.map((x) => x.name.name).join(', ')}`);
    return t;
  };
  return { r, text, facts, tables, indexes, table, at };
}

function col(t: TableDef, name: string): ColumnDef {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name} of ${t.name.name}; have ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
}

function constraints(t: TableDef, kind: ConstraintDef['kind']): ConstraintDef[] {
  return t.constraints.filter((c) => c.kind === kind);
}

const SCALARS = `model T {
  id  Int      @id
  s   String
  b   Boolean
  i   Int
  bi  BigInt
  f   Float
  d   Decimal
  dt  DateTime
  j   Json
  by  Bytes
}
`;

test('scalar types: the SQL type Prisma creates per provider, normalized as the SQL parsers do', () => {
  const expected: Record<Dialect, Record<string, [string, object]>> = {
    postgresql: {
      s: ['text', { name: 'text' }],
      b: ['boolean', { name: 'boolean' }],
      i: ['integer', { name: 'integer' }],
      bi: ['bigint', { name: 'bigint' }],
      f: ['double precision', { name: 'double precision' }],
      d: ['decimal(65,30)', { name: 'numeric', precision: 65, scale: 30 }],
      dt: ['timestamp(3)', { name: 'timestamp', precision: 3 }],
      j: ['jsonb', { name: 'jsonb' }],
      by: ['bytea', { name: 'bytea' }],
    },
    mysql: {
      s: ['varchar(191)', { name: 'varchar', length: 191 }],
      b: ['tinyint(1)', { name: 'tinyint', length: 1 }],
      i: ['int', { name: 'integer' }],
      bi: ['bigint', { name: 'bigint' }],
      f: ['double', { name: 'double precision' }],
      d: ['decimal(65,30)', { name: 'numeric', precision: 65, scale: 30 }],
      dt: ['datetime(3)', { name: 'datetime', precision: 3 }],
      j: ['json', { name: 'json' }],
      by: ['longblob', { name: 'longblob' }],
    },
    sqlite: {
      s: ['text', { name: 'text' }],
      b: ['boolean', { name: 'boolean' }],
      i: ['integer', { name: 'integer' }],
      bi: ['bigint', { name: 'bigint' }],
      f: ['real', { name: 'real' }],
      d: ['decimal', { name: 'numeric' }],
      dt: ['datetime', { name: 'datetime' }],
      j: ['jsonb', { name: 'jsonb' }],
      by: ['blob', { name: 'blob' }],
    },
  };
  for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
    const { r, table } = lower(SCALARS, dialect);
    assert.equal(r.dialect, dialect);
    const t = table('T');
    for (const [name, [raw, type]] of Object.entries(expected[dialect])) {
      const c = col(t, name);
      assert.equal(c.rawType, raw, `${dialect} ${name}`);
      assert.deepEqual(c.type, type, `${dialect} ${name}`);
      assert.equal(c.nullable, false);
    }
  }
});

test('provider → dialect: postgres and cockroachdb read as PostgreSQL; sqlserver and mongodb unsupported; none → options.dialect', () => {
  const one = (text: string, options?: { dialect?: Dialect }): PrismaSchemaResult => lowerPrisma([parsePrismaFile('/p/s.prisma', text)], options);
  for (const [p, d] of [['postgres', 'postgresql'], ['cockroachdb', 'postgresql'], ['mysql', 'mysql'], ['sqlite', 'sqlite']] as const) {
    const r = one(`datasource db {\n  provider = "${p}"\n}\nmodel A {\n  id Int @id\n}\n`);
    assert.equal(r.dialect, d);
    assert.equal(r.provider, p);
    assert.equal(r.unsupported, undefined);
  }
  for (const p of ['sqlserver', 'mongodb']) {
    const r = one(`datasource db {\n  provider = "${p}"\n}\nmodel A {\n  id Int @id\n}\n`);
    assert.equal(r.dialect, undefined);
    assert.equal(r.unsupported, p);
    assert.deepEqual(r.files[0].statements.flatMap((s) => s.facts), []);
    assert.equal(r.files[0].statements.length, 2);
  }
  const none = one('model A {\n  id Int @id\n}\n');
  assert.equal(none.dialect, undefined);
  assert.equal(none.provider, undefined);
  assert.deepEqual(none.files[0].statements[0].facts, []);
  const assumed = one('model A {\n  id Int @id\n  s String\n}\n', { dialect: 'mysql' });
  assert.equal(assumed.dialect, 'mysql');
  const t = assumed.files[0].statements[0].facts[0] as Extract<Fact, { kind: 'createTable' }>;
  assert.equal(t.table.columns[1].rawType, 'varchar(191)');
});

test('native types: @db.* overrides the default type, normalized like the same SQL', () => {
  const { table } = lower(`model N {
  id  String   @id @db.Uuid
  a   String   @db.VarChar(255)
  b   String   @db.Char(2)
  c   String   @db.Text
  d   DateTime @db.Timestamptz(6)
  e   DateTime @db.Timestamp(6)
  f   DateTime @db.Date
  g   Decimal  @db.Decimal(12, 2)
  h   Decimal  @db.Money
  i   Float    @db.DoublePrecision
  j   Float    @db.Real
  k   Int      @db.SmallInt
  l   Json     @db.Json
  m   String   @db.Citext
  n   DateTime @db.Time(0)
}
`);
  const t = table('N');
  const want: Record<string, [string, object]> = {
    id: ['uuid', { name: 'uuid' }],
    a: ['varchar(255)', { name: 'varchar', length: 255 }],
    b: ['char(2)', { name: 'char', length: 2 }],
    c: ['text', { name: 'text' }],
    d: ['timestamptz(6)', { name: 'timestamptz', precision: 6 }],
    e: ['timestamp(6)', { name: 'timestamp', precision: 6 }],
    f: ['date', { name: 'date' }],
    g: ['decimal(12,2)', { name: 'numeric', precision: 12, scale: 2 }],
    h: ['money', { name: 'money' }],
    i: ['double precision', { name: 'double precision' }],
    j: ['real', { name: 'real' }],
    k: ['smallint', { name: 'smallint' }],
    l: ['json', { name: 'json' }],
    m: ['citext', { name: 'citext' }],
    n: ['time(0)', { name: 'time', precision: 0 }],
  };
  for (const [name, [raw, type]] of Object.entries(want)) {
    assert.equal(col(t, name).rawType, raw, name);
    assert.deepEqual(col(t, name).type, type, name);
  }
  const my = lower(
    `model M {
  id Int     @id @db.UnsignedInt
  a  Int     @db.TinyInt
  b  BigInt  @db.UnsignedBigInt
  c  String  @db.LongText
  d  DateTime @db.DateTime(0)
  e  Bytes   @db.VarBinary(16)
  f  Float   @db.Float
  g  Boolean @db.Bit(1)
}
`,
    'mysql',
  ).table('M');
  assert.deepEqual(col(my, 'id').type, { name: 'integer', unsigned: true });
  assert.equal(col(my, 'id').rawType, 'int unsigned');
  assert.deepEqual(col(my, 'a').type, { name: 'tinyint' });
  assert.deepEqual(col(my, 'b').type, { name: 'bigint', unsigned: true });
  assert.deepEqual(col(my, 'c').type, { name: 'longtext' });
  assert.deepEqual(col(my, 'd').type, { name: 'datetime', precision: 0 });
  assert.deepEqual(col(my, 'e').type, { name: 'varbinary', length: 16 });
  assert.deepEqual(col(my, 'f').type, { name: 'float' });
  assert.deepEqual(col(my, 'g').type, { name: 'bit', length: 1 });
});

test('nullability, scalar lists (PostgreSQL arrays, nullable as Prisma writes them), Unsupported, relation and unknown fields are no columns', () => {
  const { table } = lower(`model A {
  id    Int      @id
  note  String?
  tags  String[]
  nums  Int[]    @default([1, 2])
  geo   Unsupported("geometry(Point, 4326)")?
  bs    B[]
  x     Whatever
}
model B {
  id  Int @id
  aId Int
  a   A   @relation(fields: [aId], references: [id])
}
`);
  const a = table('A');
  assert.deepEqual(
    a.columns.map((c) => c.name),
    ['id', 'note', 'tags', 'nums', 'geo'],
  );
  assert.equal(col(a, 'note').nullable, true);
  assert.deepEqual(col(a, 'tags').type, { name: 'text', array: 1 });
  assert.equal(col(a, 'tags').rawType, 'text[]');
  assert.equal(col(a, 'tags').nullable, true);
  assert.equal(col(a, 'nums').default, 'ARRAY[1, 2]::integer[]');
  assert.equal(col(a, 'geo').rawType, 'geometry(Point, 4326)');
  assert.equal(col(a, 'geo').type.name, 'geometry');
  assert.equal(col(a, 'geo').nullable, true);
  assert.deepEqual(
    table('B').columns.map((c) => c.name),
    ['id', 'aId'],
  );
  // MySQL has no scalar lists: no column.
  const my = lower('model A {\n  id Int @id\n  tags String[]\n}\n', 'mysql').table('A');
  assert.deepEqual(
    my.columns.map((c) => c.name),
    ['id'],
  );
});

test('defaults: autoincrement per provider, now(), literals, enum values, dbgenerated; client-side ids and @updatedAt give none', () => {
  const schema = `enum Status {
  ACTIVE  @map("active")
  CLOSED
}
model D {
  id       Int      @id @default(autoincrement())
  big      BigInt   @default(autoincrement())
  small    Int      @default(autoincrement()) @db.SmallInt
  created  DateTime @default(now())
  updated  DateTime @updatedAt
  name     String   @default("O'Brien \\"x\\"")
  n        Int      @default(-3)
  r        Float    @default(1.5)
  ok       Boolean  @default(true)
  status   Status   @default(ACTIVE)
  u        String   @default(uuid())
  c        String   @default(cuid())
  c2       String   @default(cuid(2))
  nano     String   @default(nanoid(10))
  g        String   @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  opaque   String   @default(dbgenerated())
  j        Json     @default("{}")
}
`;
  const pg = lower(schema).table('D');
  assert.deepEqual([col(pg, 'id').rawType, col(pg, 'id').type.name, col(pg, 'id').autoIncrement, col(pg, 'id').default], ['serial', 'integer', 'serial', undefined]);
  assert.deepEqual([col(pg, 'big').rawType, col(pg, 'big').type.name], ['bigserial', 'bigint']);
  assert.deepEqual([col(pg, 'small').rawType, col(pg, 'small').type.name], ['smallserial', 'smallint']);
  assert.equal(col(pg, 'created').default, 'CURRENT_TIMESTAMP');
  assert.equal(col(pg, 'name').default, `'O''Brien "x"'`);
  assert.equal(col(pg, 'n').default, '-3');
  assert.equal(col(pg, 'r').default, '1.5');
  assert.equal(col(pg, 'ok').default, 'true');
  assert.equal(col(pg, 'status').default, `'active'`);
  assert.equal(col(pg, 'g').default, 'gen_random_uuid()');
  assert.equal(col(pg, 'j').default, `'{}'`);
  for (const n of ['updated', 'u', 'c', 'c2', 'nano', 'opaque']) assert.equal(col(pg, n).default, undefined, n);
  const my = lower(schema, 'mysql').table('D');
  assert.deepEqual([col(my, 'id').rawType, col(my, 'id').autoIncrement], ['int', 'auto_increment']);
  // MySQL refuses DATETIME(3) DEFAULT CURRENT_TIMESTAMP: Prisma writes the precision.
  assert.equal(col(my, 'created').default, 'CURRENT_TIMESTAMP(3)');
  const lite = lower(schema, 'sqlite').table('D');
  assert.deepEqual([col(lite, 'id').rawType, col(lite, 'id').autoIncrement], ['integer', 'autoincrement']);
  assert.equal(col(lite, 'created').default, 'CURRENT_TIMESTAMP');
});

test('@@map / @map / @@schema name tables, columns and enum types; @@ignore and @ignore skip', () => {
  const { table, tables, facts } = lower(`enum Role {
  USER   @map("user")
  ADMIN  @map("admin")

  @@map("role_kind")
  @@schema("auth")
}
model Account {
  id        Int     @id @map("account_id")
  firstName String  @map(name: "first_name")
  role      Role    @default(USER)
  roles     Role[]
  legacy    String  @ignore

  @@map("accounts")
  @@schema("auth")
}
model Hidden {
  id Int @id
  @@ignore
}
`);
  const t = table('accounts');
  assert.deepEqual(t.name, { schema: 'auth', name: 'accounts' });
  assert.deepEqual(
    t.columns.map((c) => c.name),
    ['account_id', 'first_name', 'role', 'roles'],
  );
  assert.equal(col(t, 'role').rawType, '"auth"."role_kind"');
  assert.equal(col(t, 'role').default, `'user'`);
  assert.equal(col(t, 'roles').rawType, '"auth"."role_kind"[]');
  assert.equal(col(t, 'roles').type.array, 1);
  assert.deepEqual(constraints(t, 'primary')[0].columns, ['account_id']);
  assert.equal(constraints(t, 'primary')[0].name, 'accounts_pkey');
  assert.ok(!tables.some((x) => x.name.name === 'Hidden'));
  const en = facts.find((f): f is Extract<Fact, { kind: 'createEnum' }> => f.kind === 'createEnum');
  assert.ok(en);
  assert.deepEqual(en.name, { schema: 'auth', name: 'role_kind' });
  assert.deepEqual(en.values, ['user', 'admin']);
});

test('enums: a PostgreSQL type, an inline MySQL enum(…), SQLite text', () => {
  const schema = 'enum Color {\n  RED\n  GREEN @map("green")\n}\nmodel P {\n  id Int @id\n  c  Color @default(RED)\n}\n';
  const pg = lower(schema);
  assert.equal(col(pg.table('P'), 'c').rawType, '"Color"');
  assert.deepEqual(col(pg.table('P'), 'c').type, { name: 'Color' });
  assert.equal(pg.facts.filter((f) => f.kind === 'createEnum').length, 1);
  const my = lower(schema, 'mysql');
  assert.equal(col(my.table('P'), 'c').rawType, "enum('RED','green')");
  assert.deepEqual(col(my.table('P'), 'c').type, { name: 'enum', values: ['RED', 'green'] });
  assert.equal(col(my.table('P'), 'c').default, `'RED'`);
  assert.equal(my.facts.filter((f) => f.kind === 'createEnum').length, 0);
  const lite = lower(schema, 'sqlite');
  assert.equal(col(lite.table('P'), 'c').rawType, 'text');
});

test('primary keys: @id, @@id, map:, Prisma names on PostgreSQL, none on MySQL and SQLite', () => {
  const schema = `model Single {
  id Int @id(map: "single_pk")
}
model Composite {
  a Int
  b String
  @@id([a, b])
}
model Named {
  a Int
  b Int
  @@id(name: "ab", fields: [a, b], map: "named_pk")
}
`;
  const pg = lower(schema);
  const single = constraints(pg.table('Single'), 'primary');
  assert.deepEqual(single.map((c) => [c.name, c.generatedName, c.inline, c.columns]), [['single_pk', undefined, true, ['id']]]);
  const comp = constraints(pg.table('Composite'), 'primary')[0];
  assert.deepEqual([comp.name, comp.generatedName, comp.columns, comp.inline], ['Composite_pkey', true, ['a', 'b'], undefined]);
  assert.equal(constraints(pg.table('Named'), 'primary')[0].name, 'named_pk');
  for (const d of ['mysql', 'sqlite'] as const) {
    const x = lower(schema, d);
    assert.equal(constraints(x.table('Composite'), 'primary')[0].name, undefined, d);
    assert.equal(constraints(x.table('Single'), 'primary')[0].name, undefined, d);
  }
});

test('unique constraints: @unique, @@unique with client name: and map:, Prisma default names cut to the identifier limit', () => {
  const long = 'a_really_long_model_name_that_goes_on_and_on';
  const { table } = lower(`model User {
  id    Int    @id
  email String @unique
  slug  String @unique(map: "user_slug_uq")
  org   Int
  handle String
  @@unique([org, handle], name: "orgHandle")
}
model ${long} {
  id Int @id
  and_a_long_column_name_too String @unique
}
`);
  const u = constraints(table('User'), 'unique');
  assert.deepEqual(
    u.map((c) => [c.name, c.generatedName, c.columns, c.inline]),
    [
      ['User_email_key', true, ['email'], true],
      ['user_slug_uq', undefined, ['slug'], true],
      ['User_org_handle_key', true, ['org', 'handle'], undefined],
    ],
  );
  const cut = constraints(table(long), 'unique')[0].name!;
  assert.equal(cut.length, 63);
  assert.equal(cut, `${long}_and_a_long_column_name_too`.slice(0, 59) + '_key');
  assert.equal(constraints(table(long), 'primary')[0].name, `${long}_pkey`);
});

test('indexes: sort, length, type, ops, map:/name:, fulltext, a field without brackets, default names', () => {
  const { indexes } = lower(`model Post {
  id        Int      @id
  authorId  Int      @map("author_id")
  title     String
  createdAt DateTime
  tags      String[]
  body      String

  @@index([authorId, createdAt(sort: Desc)])
  @@index([title(length: 10, sort: Asc)], map: "post_title_prefix")
  @@index([tags(ops: ArrayOps)], type: Gin)
  @@index([body(ops: raw("gin_trgm_ops"))], type: Gin, name: "legacy_name")
  @@index(createdAt(sort: Desc))
  @@index([authorId], type: Hash)
  @@fulltext([title, body])
  @@index([])
}
`);
  const strip = (ix: IndexDef) => [ix.name, ix.generatedName, ix.unique, ix.method, ix.keys.map(({ span: _s, ...k }) => k)];
  assert.deepEqual(indexes.map(strip), [
    ['Post_author_id_createdAt_idx', true, false, undefined, [{ column: 'author_id' }, { column: 'createdAt', order: 'desc' }]],
    ['post_title_prefix', undefined, false, undefined, [{ column: 'title', order: 'asc', prefixLength: 10 }]],
    ['Post_tags_idx', true, false, 'gin', [{ column: 'tags', opclass: 'array_ops' }]],
    ['legacy_name', undefined, false, 'gin', [{ column: 'body', opclass: 'gin_trgm_ops' }]],
    ['Post_createdAt_idx', true, false, undefined, [{ column: 'createdAt', order: 'desc' }]],
    ['Post_author_id_idx', true, false, 'hash', [{ column: 'author_id' }]],
    ['Post_title_body_idx', true, false, 'fulltext', [{ column: 'title' }, { column: 'body' }]],
  ]);
  assert.ok(indexes.every((ix) => ix.table.name === 'Post'));
});

test('relations: a foreign key on the side with fields, referenced columns mapped, actions, Prisma default actions and names', () => {
  const { table } = lower(`model User {
  id    Int    @id @map("user_id")
  email String @unique
  posts Post[]
}
model Post {
  id       Int   @id
  authorId Int   @map("author_id")
  editorId Int?
  author   User  @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)
  editor   User? @relation("editor", fields: [editorId], references: [id], map: "post_editor_fk")
  byEmail  String?
  emailRef User? @relation("email", fields: [byEmail], references: [email], onDelete: SetDefault)
}
`);
  const fks = constraints(table('Post'), 'foreign');
  assert.deepEqual(
    fks.map((c) => [c.name, c.generatedName, c.columns, c.references, c.notEnforced]),
    [
      ['Post_author_id_fkey', true, ['author_id'], { table: { name: 'User' }, columns: ['user_id'], onDelete: 'cascade', onUpdate: 'no action' }, undefined],
      ['post_editor_fk', undefined, ['editorId'], { table: { name: 'User' }, columns: ['user_id'], onDelete: 'set null', onUpdate: 'cascade' }, undefined],
      ['Post_byEmail_fkey', true, ['byEmail'], { table: { name: 'User' }, columns: ['email'], onDelete: 'set default', onUpdate: 'cascade' }, undefined],
    ],
  );
  assert.equal(constraints(table('User'), 'foreign').length, 0);
  // A required relation without onDelete: Restrict.
  const req = lower('model A {\n  id Int @id\n}\nmodel B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: [id])\n}\n').table('B');
  assert.deepEqual(constraints(req, 'foreign')[0].references, { table: { name: 'A' }, columns: ['id'], onDelete: 'restrict', onUpdate: 'cascade' });
});

test('relationMode = "prisma" (and the older referentialIntegrity) marks every relation notEnforced', () => {
  for (const setting of ['relationMode = "prisma"', 'referentialIntegrity = "prisma"']) {
    const text = `datasource db {\n  provider = "mysql"\n  ${setting}\n}\nmodel A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: [id])\n}\n`;
    const r = lowerPrisma([parsePrismaFile('/p/s.prisma', text)]);
    assert.equal(r.relationMode, 'prisma');
    const b = r.files[0].statements.flatMap((s) => s.facts).find((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable' && f.table.name.name === 'B')!;
    assert.equal(b.table.constraints.find((c) => c.kind === 'foreign')!.notEnforced, true);
  }
  const fk = lowerPrisma([parsePrismaFile('/p/s.prisma', DS.mysql + 'model A {\n  id Int @id\n}\n')]);
  assert.equal(fk.relationMode, 'foreignKeys');
});

test('implicit many-to-many: the _AToB join table Prisma creates (PostgreSQL primary key, MySQL/SQLite unique index)', () => {
  const schema = `model Tag {
  id    String @id @default(cuid())
  posts Post[]
}
model Post {
  id   Int   @id @default(autoincrement())
  tags Tag[]
}
model User {
  id        Int    @id
  followers User[] @relation("Follows")
  following User[] @relation("Follows")
}
`;
  const pg = lower(schema);
  const j = pg.table('_PostToTag');
  assert.deepEqual(
    j.columns.map((c) => [c.name, c.rawType, c.nullable]),
    [
      ['A', 'integer', false],
      ['B', 'text', false],
    ],
  );
  assert.deepEqual(
    j.constraints.map((c) => [c.kind, c.name, c.columns, c.references?.table.name, c.references?.columns, c.references?.onDelete, c.references?.onUpdate]),
    [
      ['primary', '_PostToTag_AB_pkey', ['A', 'B'], undefined, undefined, undefined, undefined],
      ['foreign', '_PostToTag_A_fkey', ['A'], 'Post', ['id'], 'cascade', 'cascade'],
      ['foreign', '_PostToTag_B_fkey', ['B'], 'Tag', ['id'], 'cascade', 'cascade'],
    ],
  );
  const onJoin = (x: ReturnType<typeof lower>, t: string) => x.indexes.filter((i) => i.table.name === t).map((i) => [i.name, i.unique, i.keys.map((k) => k.column)]);
  assert.deepEqual(onJoin(pg, '_PostToTag'), [['_PostToTag_B_index', false, ['B']]]);
  // The join table belongs to model A's statement (Post sorts before Tag), its origin the field there.
  const st = pg.r.files[0].statements.find((s) => s.facts.some((f) => f.kind === 'createTable' && f.table.name.name === '_PostToTag'))!;
  assert.ok(st.text.startsWith('model Post'));
  assert.equal(pg.at(j.origin.span), 'tags Tag[]');
  // A named self-relation.
  const self = pg.table('_Follows');
  assert.deepEqual(
    self.constraints.filter((c) => c.kind === 'foreign').map((c) => c.references!.table.name),
    ['User', 'User'],
  );
  const my = lower(schema, 'mysql');
  assert.deepEqual(
    my.table('_PostToTag').constraints.map((c) => [c.kind, c.name]),
    [
      ['foreign', '_PostToTag_A_fkey'],
      ['foreign', '_PostToTag_B_fkey'],
    ],
  );
  assert.deepEqual(onJoin(my, '_PostToTag'), [
    ['_PostToTag_AB_unique', true, ['A', 'B']],
    ['_PostToTag_B_index', false, ['B']],
  ]);
  assert.deepEqual(
    my.table('_PostToTag').columns.map((c) => c.rawType),
    ['int', 'varchar(191)'],
  );
});

test('views become createView facts; composite types, generators and datasources carry no facts', () => {
  const { r, at } = lower(`generator client {
  provider = "prisma-client-js"
}
type Address {
  street String
}
view UserInfo {
  id    Int    @unique
  email String
  @@map("user_info")
  @@schema("reporting")
}
`);
  const sts = r.files[0].statements;
  assert.deepEqual(
    sts.map((s) => [s.text.split(/\s/)[0], s.facts.map((f) => f.kind)]),
    [
      ['datasource', []],
      ['generator', []],
      ['type', []],
      ['view', ['createView']],
    ],
  );
  const v = sts[3].facts[0] as Extract<Fact, { kind: 'createView' }>;
  assert.deepEqual(v.name, { schema: 'reporting', name: 'user_info' });
  assert.equal(at(v.nameSpan), 'UserInfo');
  assert.ok(at(v.span)!.startsWith('view UserInfo {') && at(v.span)!.endsWith('}'));
});

test('spans: exact sub-spans of tables, columns, keys, indexes and foreign keys (UTF-16 offsets)', () => {
  const { table, indexes, at, facts } = lower(`/// Les utilisateurs 😀
model User {
  id    Int     @id @default(autoincrement()) // clé
  name  String? @db.VarChar(80)
  email String  @unique(map: "user_email")
  org   Int
  posts Post[]

  @@unique([org, name])
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@index([authorId, id(sort: Desc)], map: "post_author")
}
`);
  const u = table('User');
  assert.ok(at(u.origin.span)!.startsWith('model User {') && at(u.origin.span)!.endsWith('@@unique([org, name])\n}'));
  assert.equal(at(u.origin.parts?.name), 'User');
  assert.equal(at(u.origin.parts?.keyword), 'model');
  const ct = facts.find((f) => f.kind === 'createTable')!;
  assert.deepEqual(ct.span, u.origin.span);
  const id = col(u, 'id');
  assert.equal(at(id.origin.span), 'id    Int     @id @default(autoincrement())');
  assert.equal(at(id.origin.parts?.name), 'id');
  assert.equal(at(id.origin.parts?.type), 'Int');
  assert.equal(at(id.origin.parts?.default), '@default(autoincrement())');
  const name = col(u, 'name');
  assert.equal(at(name.origin.parts?.type), 'String');
  assert.equal(at(name.origin.parts?.nullability), '?');
  assert.equal(at(name.origin.parts?.nativeType), '@db.VarChar(80)');
  const pk = constraints(u, 'primary')[0];
  assert.equal(at(pk.origin.span), '@id');
  assert.equal(at(pk.origin.parts?.columns), 'id');
  assert.deepEqual(pk.columnSpans?.map(at), ['id']);
  const [email, orgName] = constraints(u, 'unique');
  assert.equal(at(email.origin.span), '@unique(map: "user_email")');
  assert.equal(at(email.origin.parts?.name), '"user_email"');
  assert.equal(at(email.origin.parts?.keyword), '@unique');
  assert.equal(at(orgName.origin.span), '@@unique([org, name])');
  assert.equal(at(orgName.origin.parts?.columns), '[org, name]');
  assert.deepEqual(orgName.columnSpans?.map(at), ['org', 'name']);
  const fk = constraints(table('Post'), 'foreign')[0];
  assert.equal(at(fk.origin.span), 'author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)');
  assert.equal(at(fk.origin.parts?.columns), '[authorId]');
  assert.equal(at(fk.origin.parts?.references), 'references: [id]');
  assert.equal(at(fk.origin.parts?.keyword), '@relation');
  assert.deepEqual(fk.columnSpans?.map(at), ['authorId']);
  const ix = indexes[0];
  assert.equal(at(ix.origin.span), '@@index([authorId, id(sort: Desc)], map: "post_author")');
  assert.equal(at(ix.origin.parts?.columns), '[authorId, id(sort: Desc)]');
  assert.equal(at(ix.origin.parts?.name), '"post_author"');
  assert.equal(at(ix.origin.parts?.keyword), '@@index');
  assert.deepEqual(ix.keys.map((k) => at(k.span)), ['authorId', 'id(sort: Desc)']);
  const ixFact = facts.find((f) => f.kind === 'createIndex')!;
  assert.equal(at(ixFact.span), '@@index([authorId, id(sort: Desc)], map: "post_author")');
});

test('statements: one per block with its text, status, parser, leading comments; every // comment of the file', () => {
  const text = `// header

datasource db {
  provider = "postgresql" // where
}

// first line
/// doc
model A {
  id Int @id // trailing
}
model B {
  id Int @id
  name
}
`;
  const r = lowerPrisma([parsePrismaFile('/p/s.prisma', text)]);
  const f = r.files[0];
  assert.equal(f.path, '/p/s.prisma');
  assert.equal(f.text, text);
  const at = (s: Span) => text.slice(s.start, s.end);
  assert.deepEqual(f.comments.map(at), ['// header', '// where', '// first line', '/// doc', '// trailing']);
  assert.deepEqual(
    f.statements.map((s) => [s.status, s.parser, s.file, s.spans.length]),
    [
      ['parsed', 'prisma', '/p/s.prisma', 0],
      ['parsed', 'prisma', '/p/s.prisma', 0],
      ['recovered', 'prisma', '/p/s.prisma', 0],
    ],
  );
  for (const s of f.statements) assert.equal(s.text, at(s.span));
  assert.deepEqual(f.statements[0].leadingComments.map(at), []);
  assert.deepEqual(f.statements[1].leadingComments.map(at), ['// first line', '/// doc']);
  assert.equal(f.statements[2].parseError, 'field `name` has no type');
});

test('multi-file schema: the datasource, enums and related models may live in other files', () => {
  const files = [
    parsePrismaFile('/p/prisma/schema/post.prisma', 'model Post {\n  id     Int    @id\n  userId Int\n  status Status\n  user   User   @relation(fields: [userId], references: [id])\n}\n'),
    parsePrismaFile('/p/prisma/schema/schema.prisma', 'datasource db {\n  provider     = "mysql"\n  relationMode = "prisma"\n}\n'),
    parsePrismaFile('/p/prisma/schema/user.prisma', 'model User {\n  id    Int    @id @map("user_id")\n  posts Post[]\n  @@map("users")\n}\nenum Status {\n  DRAFT\n  LIVE\n}\n'),
  ];
  const r = lowerPrisma(files);
  assert.equal(r.dialect, 'mysql');
  assert.equal(r.relationMode, 'prisma');
  assert.deepEqual(
    r.files.map((f) => f.path),
    files.map((f) => f.path),
  );
  const post = r.files[0].statements[0].facts[0] as Extract<Fact, { kind: 'createTable' }>;
  assert.equal(post.table.origin.file, '/p/prisma/schema/post.prisma');
  assert.deepEqual(post.table.columns.find((c) => c.name === 'status')!.type, { name: 'enum', values: ['DRAFT', 'LIVE'] });
  const fk = post.table.constraints.find((c) => c.kind === 'foreign')!;
  assert.deepEqual(fk.references, { table: { name: 'users' }, columns: ['user_id'], onDelete: 'restrict', onUpdate: 'cascade' });
  assert.equal(fk.notEnforced, true);
  assert.equal(fk.origin.file, '/p/prisma/schema/post.prisma');
});

test('facts own their spans: none shared with another fact or with the syntax tree, which is cached per text', () => {
  const text = DS.postgresql + 'model Tag {\n  id    Int    @id\n  posts Post[]\n}\nmodel Post {\n  id    Int   @id\n  tagId Int   @unique\n  tag   Tag   @relation("one", fields: [tagId], references: [id])\n  tags  Tag[]\n  @@index([tagId])\n}\n';
  const file = parsePrismaFile('/p/s.prisma', text);
  const spans = (v: unknown, out: object[]): object[] => {
    if (Array.isArray(v)) v.forEach((x) => spans(x, out));
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.start === 'number' && typeof o.end === 'number') out.push(o);
      Object.values(o).forEach((x) => spans(x, out));
    }
    return out;
  };
  const tree = new Set(spans(file.blocks, []).concat(spans(file.comments, [])));
  const first = lowerPrisma([file]);
  const used = spans(first.files[0], []);
  assert.ok(used.length > 50);
  assert.equal(new Set(used).size, used.length, 'a span object used twice');
  assert.ok(!used.some((s) => tree.has(s)), 'a span object of the syntax tree in the facts');
  // Moving the first lowering's spans does not move the next one's.
  for (const s of used) (s as Span).start += 1000;
  const again = lowerPrisma([file]);
  assert.deepEqual(
    again.files[0].statements.map((s) => s.span.start),
    file.blocks.map((b) => b.span.start),
  );
});

const SHOP = `datasource db {
  provider = "postgresql"
}

model Customer {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String? // « nom »
  orders Order[]
}

model Order {
  id         Int      @id @default(autoincrement())
  customerId Int
  total      Decimal  @db.Decimal(10, 2)
  customer   Customer @relation(fields: [customerId], references: [id], onDelete: Cascade)
  @@index([customerId, total])
}

enum Kind {
  A
  B
}

model Item {
  id   Int    @id
  kind Kind   @default(A)
  note String @default("x")
}
`;

/** The models whose closing brace lies before `cut`. */
function completeModels(text: string, cut: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^model (\w+) \{[^}]*\n\}/gm)) if (m.index! + m[0].length <= cut) out.push(m[1]);
  return out;
}

test('half-typed input: every prefix (cut at every 7th character) lowers without throwing and keeps the complete models', () => {
  for (let cut = 0; cut <= SHOP.length; cut += 7) {
    const text = SHOP.slice(0, cut);
    const r = lowerPrisma([parsePrismaFile('/p/s.prisma', text)]);
    const tables = r.files[0].statements.flatMap((s) => s.facts).filter((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable');
    const names = new Set(tables.map((t) => t.table.name.name));
    for (const m of completeModels(SHOP, cut)) assert.ok(names.has(m), `cut ${cut}: model ${m} lost`);
    for (const t of tables) {
      assert.ok(t.span.start >= 0 && t.span.end <= text.length, `cut ${cut}: span outside the text`);
      if (!completeModels(SHOP, cut).includes(t.table.name.name)) assert.equal(t.table.unclosed, true, `cut ${cut}: ${t.table.name.name} should be unclosed`);
    }
  }
});

test('half-typed blocks cost only themselves: missing }, a field without type, a stray token, an unterminated string', () => {
  const cases: [string, string][] = [
    ['missing }', 'model A {\n  id Int @id\n  name String\n'],
    ['field without type', 'model A {\n  id Int @id\n  name\n  other String\n}\n'],
    ['stray token', 'model A {\n  id Int @id %% $\n  ) name String\n}\n'],
    ['unterminated string', 'model A {\n  id Int @id\n  name String @default("abc\n  other String\n}\n'],
    ['unclosed (', 'model A {\n  id Int @id\n  name String @default(now(\n  other String\n}\n'],
    ['unclosed [', 'model A {\n  id Int @id\n  other String\n  @@index([id, \n}\n'],
  ];
  for (const [label, broken] of cases) {
    const text = `${DS.postgresql}${broken}model Z {\n  id Int @id\n  zz String\n}\n`;
    const r = lowerPrisma([parsePrismaFile('/p/s.prisma', text)]);
    const sts = r.files[0].statements;
    const tables = sts.flatMap((s) => s.facts).filter((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable');
    assert.deepEqual(
      tables.map((t) => t.table.name.name),
      ['A', 'Z'],
      label,
    );
    const a = tables[0].table;
    assert.ok(a.columns.some((c) => c.name === 'id'), label);
    assert.deepEqual(
      tables[1].table.columns.map((c) => c.name),
      ['id', 'zz'],
      label,
    );
    assert.equal(sts[1].status, 'recovered', label);
    assert.ok(sts[1].parseError, label);
    assert.equal(sts[2].status, 'parsed', label);
  }
  // A block right after a `}` on the same line; a block without its name yet.
  const glued = lowerPrisma([parsePrismaFile('/p/s.prisma', `${DS.postgresql}model A {\n  id Int @id\n}model B {\n  id Int @id\n}\nmodel {\n  id Int\n}\n`)]);
  assert.deepEqual(
    glued.files[0].statements.map((s) => [s.text.split('\n')[0], s.status, s.facts.length]),
    [
      ['datasource db {', 'parsed', 0],
      ['model A {', 'parsed', 1],
      ['model B {', 'parsed', 1],
      ['model {', 'recovered', 0],
    ],
  );
  // The line after a half-typed one is still read.
  const t = lower('model A {\n  id Int @id\n  name String @default("abc\n  other String\n}\n').table('A');
  assert.deepEqual(
    t.columns.map((c) => c.name),
    ['id', 'name', 'other'],
  );
});

test('multi-line arrays are one attribute; a line that is no array item ends an unclosed one', () => {
  const { indexes } = lower('model A {\n  id Int @id\n  b  Int\n  @@index([\n    id,\n    b\n  ])\n}\n');
  assert.deepEqual(
    indexes[0].keys.map((k) => k.column),
    ['id', 'b'],
  );
  const half = lower('model A {\n  id Int @id\n  @@index([id,\n  b Int\n}\n').table('A');
  assert.deepEqual(
    half.columns.map((c) => c.name),
    ['id', 'b'],
  );
});

test('binary junk and odd text never throw', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
  for (let n = 0; n < 200; n++) {
    let s = '';
    const len = rnd() % 400;
    for (let i = 0; i < len; i++) s += String.fromCharCode(rnd() % 0x10000);
    const junk = n % 2 ? s : `model X {\n${s}\n}\n` + s;
    const r = lowerPrisma([parsePrismaFile('/p/j.prisma', junk)], { dialect: 'postgresql' });
    for (const st of r.files[0].statements) assert.ok(st.span.start >= 0 && st.span.end <= junk.length);
  }
  for (const odd of ['', '}', '{', 'model', 'model {', 'model A {', '@@index', 'model A {\n@@\n@\n}', 'enum E {\n}', 'model A {\n  a A[] @relation(fields: [a], references: [a])\n}', '\u0000\uffff\ud800']) {
    lowerPrisma([parsePrismaFile('/p/o.prisma', odd)], { dialect: 'mysql' });
  }
});
