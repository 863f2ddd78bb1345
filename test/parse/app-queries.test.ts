/**
 * ORM calls of application code → the query model (parse/app-queries*.ts): Prisma Client and TypeORM calls of each
 * form, the names the database knows (`@map`, `@@map`, TypeORM naming), include loads, relation joins, raw SQL, query
 * builders, spans sliced from the script, loops for N+1 detection, half-typed input; and the rules reading them
 * (n-plus-one-query, and ORM queries as evidence for the index rules) through the rule context.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPrisma, parsePrismaFile } from '../../server/src/core/parse/prisma';
import { lowerTypeorm, parseEntityFile } from '../../server/src/core/parse/typeorm';
import { buildSchema, type Schema } from '../../server/src/core/model/schema';
import { initPostgres } from '../../server/src/core/parse/postgres';
import type { ParsedFile } from '../../server/src/core/parse/file';
import { buildOrmModels, readAppQueries, type AppQueries, type OrmModels } from '../../server/src/core/parse/app-queries';
import type { Dialect, Predicate, QueryBlock, QueryDef, Span } from '../../server/src/core/model/types';
import { FixBuilder } from '../../server/src/core/fixes';
import type { Report, Rule } from '../../server/src/core/rules/types';
import { rule as nPlusOne } from '../../server/src/core/rules/n-plus-one-query';
import { rule as queryWithoutIndex } from '../../server/src/core/rules/query-without-index';
import { rule as leadingWildcard } from '../../server/src/core/rules/leading-wildcard-like';
import { rule as offsetPagination } from '../../server/src/core/rules/offset-pagination';

before(() => initPostgres());

const PRISMA = `
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  createdAt DateTime @default(now()) @map("created_at")
  posts     Post[]
  profile   Profile?
  @@map("users")
}
model Post {
  id        Int     @id @default(autoincrement())
  title     String
  published Boolean @default(false)
  authorId  Int     @map("author_id")
  author    User    @relation(fields: [authorId], references: [id])
  tags      Tag[]
  @@index([authorId, published])
  @@map("posts")
}
model Profile {
  id     Int  @id @default(autoincrement())
  userId Int  @unique @map("user_id")
  user   User @relation(fields: [userId], references: [id])
}
model Tag {
  id    Int    @id @default(autoincrement())
  name  String
  posts Post[]
}
model Like {
  userId Int
  postId Int
  @@id([userId, postId])
}
`;

const ENTITIES = `
import { Entity, PrimaryGeneratedColumn, Column, ManyToOne, OneToMany, ManyToMany, JoinTable, DeleteDateColumn, CreateDateColumn, Index } from 'typeorm';
@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ unique: true }) email: string;
  @Column({ name: 'first_name' }) firstName: string;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @OneToMany(() => Post, (p) => p.author) posts: Post[];
  @OneToMany(() => Comment, (c) => c.user) comments: Promise<Comment[]>;
}
@Entity()
@Index(['author', 'status'])
export class Post {
  @PrimaryGeneratedColumn() id: number;
  @Column() title: string;
  @Column() status: string;
  @DeleteDateColumn({ name: 'deleted_at' }) deletedAt?: Date;
  @ManyToOne(() => User, (u) => u.posts) author: User;
  @ManyToMany(() => Tag) @JoinTable() tags: Tag[];
}
@Entity()
export class Tag {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
}
@Entity()
export class Comment {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => User, (u) => u.comments) user: User;
}
`;

interface Db {
  schema: Schema;
  files: Map<string, ParsedFile>;
  models: OrmModels;
  dialect: Dialect;
}

function prismaDb(text = PRISMA, dialect: Dialect = 'postgresql'): Db {
  const schemaText = text.replace('provider = "postgresql"', `provider = "${dialect}"`);
  const r = lowerPrisma([parsePrismaFile('/p/prisma/schema.prisma', schemaText)]);
  const files = new Map<string, ParsedFile>();
  for (const f of r.files) files.set(f.path, { path: f.path, text: f.text, dialect, statements: f.statements, comments: f.comments, source: 'prisma' });
  return db(files, dialect);
}

function typeormDb(dialect: Dialect = 'postgresql', text = ENTITIES): Db {
  const r = lowerTypeorm([parseEntityFile('/p/src/entities.ts', text)], { dialect });
  const files = new Map<string, ParsedFile>();
  for (const f of r.files) files.set(f.path, { path: f.path, text: f.text, dialect, statements: f.statements, comments: f.comments, source: 'typeorm' });
  return db(files, dialect);
}

function db(files: Map<string, ParsedFile>, dialect: Dialect): Db {
  const schema = buildSchema('p', dialect, [...files.values()].map((f) => ({ path: f.path, isMigration: false, statements: f.statements })));
  return { schema, files, models: buildOrmModels(schema, files), dialect };
}

const APP = '/p/src/app.service.ts';

function read(d: Db, text: string, path = APP): AppQueries {
  return readAppQueries(path, text, d.models, d.dialect);
}

function queries(d: Db, text: string): QueryDef[] {
  return read(d, text).statements.map((s) => {
    assert.equal(s.facts.length, 1);
    const f = s.facts[0];
    assert.equal(f.kind, 'query');
    return (f as Extract<typeof f, { kind: 'query' }>).query;
  });
}

function one(d: Db, text: string): QueryDef {
  const qs = queries(d, text);
  assert.equal(qs.length, 1, `one query in:\n${text}`);
  return qs[0];
}

function slice(text: string, s: Span | undefined): string {
  assert.ok(s, 'span is set');
  return text.slice(s.start, s.end);
}

/** Predicates of a block as `column op value-kind`, in order. */
function preds(b: QueryBlock): string[] {
  return b.predicates.map((p) => `${p.target.column} ${p.op} ${p.value.kind}${p.inOr ? ' (or)' : ''}`);
}

function pred(b: QueryBlock, column: string, nth = 0): Predicate {
  const p = b.predicates.filter((x) => x.target.column === column)[nth];
  assert.ok(p, `predicate on ${column} in ${JSON.stringify(preds(b))}`);
  return p;
}

/** The main block's tables as `name alias`. */
function tables(b: QueryBlock): string[] {
  return b.tables.map((t) => (t.table.schema ? `${t.table.schema}.` : '') + t.table.name);
}

// ---------------------------------------------------------------------------------------------------------

describe('the ORM model', () => {
  test('Prisma: tables, mapped columns, relations with their key columns (back-relations and many-to-many too)', () => {
    const { models } = prismaDb();
    const user = models.prisma.get('User')!;
    assert.deepEqual(user.table, { name: 'users' });
    assert.equal(user.fields.get('createdAt'), 'created_at');
    assert.deepEqual(user.columns, ['id', 'email', 'name', 'created_at']);
    assert.deepEqual(user.primaryKey, ['id']);
    assert.equal(models.delegates.get('user'), user);
    assert.deepEqual({ ...user.relations.get('posts') }, { name: 'posts', target: 'Post', many: true, local: ['id'], remote: ['author_id'] });
    assert.deepEqual({ ...user.relations.get('profile') }, { name: 'profile', target: 'Profile', many: false, local: ['id'], remote: ['user_id'] });
    const post = models.prisma.get('Post')!;
    assert.deepEqual({ ...post.relations.get('author') }, { name: 'author', target: 'User', many: false, local: ['author_id'], remote: ['id'] });
    assert.deepEqual(post.relations.get('tags')?.through, { table: { name: '_PostToTag' }, local: ['A'], remote: ['B'] });
    assert.deepEqual(models.prisma.get('Tag')!.relations.get('posts')?.through, { table: { name: '_PostToTag' }, local: ['B'], remote: ['A'] });
  });

  test('TypeORM: entity table names, naming of columns and join columns, relations, lazy relations, the soft-delete column', () => {
    const { models } = typeormDb();
    const user = models.typeorm.get('User')!;
    assert.deepEqual(user.table, { name: 'users' });
    assert.equal(user.fields.get('firstName'), 'first_name');
    assert.deepEqual({ ...user.relations.get('posts') }, { name: 'posts', target: 'Post', many: true, local: ['id'], remote: ['authorId'] });
    assert.equal(user.relations.get('comments')?.lazy, true);
    const post = models.typeorm.get('Post')!;
    assert.deepEqual(post.table, { name: 'post' });
    assert.equal(post.softDelete, 'deleted_at');
    assert.deepEqual({ ...post.relations.get('author') }, { name: 'author', target: 'User', many: false, local: ['authorId'], remote: ['id'] });
    assert.deepEqual(post.relations.get('tags')?.through, { table: { name: 'post_tags_tag' }, local: ['postId'], remote: ['tagId'] });
  });

  test('never throws on a schema it cannot read', () => {
    const broken = prismaDb('model {\n  id Int @id\n  x Foo @relation(fields: [, references: [id])\n}\nmodel A { id Int @id\n b B[] }');
    assert.ok(broken.models.prisma instanceof Map);
    const half = typeormDb('postgresql', '@Entity() export class A { @PrimaryGeneratedColumn() id: number; @ManyToOne(() => ');
    assert.ok(half.models.typeorm.has('A'));
  });
});

describe('Prisma Client', () => {
  const d = prismaDb();

  test('findMany: where (equality, range, in, null, LIKE forms), orderBy, take/skip, with spans and database names', () => {
    const text = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function list(dto: Dto, ids: number[]) {
  return prisma.user.findMany({
    where: { email: 'a@b.c', name: null, createdAt: { gte: dto.from, lt: dto.to }, id: { in: ids, notIn: [1, 2] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 20,
    skip: dto.page,
  });
}`;
    const q = one(d, text);
    assert.equal(q.kind, 'select');
    assert.equal(q.parameters, true);
    assert.deepEqual(q.orm, { client: 'prisma', method: 'findMany', model: 'User' });
    assert.equal(slice(text, q.span), text.slice(text.indexOf('prisma.user.findMany'), text.lastIndexOf(')') + 1));
    const b = q.blocks[0];
    assert.deepEqual(tables(b), ['users']);
    assert.equal(slice(text, b.tables[0].span), 'prisma.user.findMany');
    assert.deepEqual(preds(b), ['email eq string', 'name null null', 'created_at range param', 'created_at range param', 'id in list', 'id other list']);
    assert.equal(slice(text, pred(b, 'email').span), "email: 'a@b.c'");
    assert.equal(pred(b, 'email').value.text, 'a@b.c');
    assert.equal(slice(text, pred(b, 'created_at').span), 'gte: dto.from');
    assert.equal(slice(text, pred(b, 'created_at').targetSpan), 'createdAt: { gte: dto.from, lt: dto.to }');
    assert.equal(pred(b, 'created_at').text, 'created_at>=$1', 'literals are not parameters');
    assert.equal(slice(text, pred(b, 'name').span), 'name: null');
    assert.deepEqual(
      b.sort.map((s) => [s.target.column, s.desc, slice(text, s.span)]),
      [
        ['created_at', true, "createdAt: 'desc'"],
        ['id', false, "id: 'asc'"],
      ],
    );
    assert.deepEqual([b.limit?.value, slice(text, b.limit?.span)], [20, 'take: 20']);
    assert.deepEqual([b.offset?.param, slice(text, b.offset?.span)], [true, 'skip: dto.page']);
    assert.deepEqual(b.selected.map((c) => c.column), ['id', 'email', 'name', 'created_at']);
  });

  test('contains / endsWith → LIKE with a leading wildcard, startsWith → a prefix range, mode insensitive → ILIKE', () => {
    const text = `const r = await prisma.user.findMany({ where: { email: { contains: 'x' }, name: { startsWith: 'Jo' }, AND: [{ name: { endsWith: q } }, { email: { startsWith: q } }, { name: { contains: q, mode: 'insensitive' } }] } });`;
    const b = one(d, text).blocks[0];
    const email = pred(b, 'email');
    assert.deepEqual([email.op, email.leadingWildcard, email.value.text, slice(text, email.span)], ['like', true, '%x%', "contains: 'x'"]);
    const jo = pred(b, 'name');
    assert.deepEqual([jo.op, jo.value.text, slice(text, jo.span)], ['range', 'Jo%', "startsWith: 'Jo'"]);
    const ends = pred(b, 'name', 1);
    assert.deepEqual([ends.op, ends.leadingWildcard], ['like', true]);
    assert.equal(pred(b, 'email', 1).op, 'range', 'startsWith a parameter is still a prefix');
    const ci = pred(b, 'name', 2);
    assert.deepEqual([ci.op, ci.ilike, ci.leadingWildcard], ['like', true, true]);
  });

  test('OR and NOT: comparisons no single seek serves', () => {
    const text = `prisma.user.findFirst({ where: { OR: [{ email: e }, { name: n }], NOT: { name: 'x' } } })`;
    const b = one(d, text).blocks[0];
    assert.deepEqual(preds(b), ['email eq param (or)', 'name eq param (or)', 'name eq string (or)']);
    assert.equal(b.disjunctions.length, 1);
    assert.equal(b.limit?.value, 1, 'findFirst reads one row');
    assert.equal(slice(text, b.limit?.span), 'findFirst');
  });

  test('relation filters join the related table on its foreign key; a to-one filter on its key alone is the key itself', () => {
    const text = `prisma.user.findMany({ where: { posts: { some: { published: true } }, profile: { is: { id: 3 } } } });
prisma.post.findMany({ where: { author: { email: e }, tags: { none: { name: 'x' } } } });
prisma.post.findMany({ where: { author: { id: userId } } });`;
    const [a, b, c] = queries(d, text);
    assert.deepEqual(tables(a.blocks[0]), ['users', 'posts', 'Profile']);
    const join = a.blocks[0].predicates.filter((p) => p.value.kind === 'column');
    assert.deepEqual(join.map((p) => `${a.blocks[0].tables[p.target.ref!].table.name}.${p.target.column}`).sort(), ['Profile.user_id', 'posts.author_id', 'users.id', 'users.id']);
    assert.equal(slice(text, a.blocks[0].tables[1].span), 'some: { published: true }');
    assert.deepEqual(preds(b.blocks[0]).filter((p) => !p.includes('column')), ['email eq param', 'name eq string (or)']);
    assert.deepEqual(tables(b.blocks[0]), ['posts', 'users', '_PostToTag', 'Tag']);
    assert.deepEqual(tables(c.blocks[0]), ['posts']);
    assert.deepEqual(preds(c.blocks[0]), ['author_id eq param']);
    assert.equal(slice(text, c.blocks[0].predicates[0].span), 'id: userId');
  });

  test('include and relation selects: a load per relation by the parents keys (through the join table for a many-to-many)', () => {
    const text = `prisma.user.findUnique({
  where: { id },
  include: { posts: { where: { published: true }, orderBy: { id: 'desc' }, take: 5, include: { tags: true } }, profile: true, _count: { select: { posts: true } } },
});`;
    const q = one(d, text);
    assert.deepEqual(
      q.blocks.map((b) => `${b.role} ${tables(b).join('+')} ${preds(b).join(', ')}`),
      [
        'main users id eq param',
        'union posts author_id in list, published eq bool',
        'union _PostToTag A in list',
        'union Tag id in list',
        'union Profile user_id in list',
        'union posts author_id in list',
      ],
    );
    const posts = q.blocks[1];
    assert.equal(slice(text, posts.span), text.slice(text.indexOf('posts: { where'), text.indexOf(', profile')));
    assert.equal(posts.limit?.value, 5);
    assert.deepEqual(posts.sort.map((s) => s.target.column), ['id']);
    assert.deepEqual(q.blocks[2].selected.map((c) => c.column), ['B']);
  });

  test('count, aggregate, groupBy, update, delete, upsert, compound unique, cursor', () => {
    const text = `prisma.post.count({ where: { published: true } });
prisma.post.aggregate({ where: { authorId: a }, _max: { id: true } });
prisma.post.groupBy({ by: ['authorId'], where: { published: true }, orderBy: { authorId: 'asc' } });
prisma.post.updateMany({ where: { authorId: a }, data: { published: false } });
prisma.post.delete({ where: { id } });
prisma.like.findUnique({ where: { userId_postId: { userId: u, postId: p } } });
prisma.post.findMany({ cursor: { id: last }, take: 10, skip: 1, orderBy: { id: 'asc' } });`;
    const [count, agg, group, upd, del, like, cursor] = queries(d, text);
    assert.deepEqual([count.kind, count.blocks[0].selected.length], ['select', 0]);
    assert.deepEqual(agg.blocks[0].selected.map((c) => c.column), ['id']);
    assert.deepEqual(group.blocks[0].groupBy.map((c) => c.column), ['author_id']);
    assert.deepEqual([upd.kind, preds(upd.blocks[0])], ['update', ['author_id eq param']]);
    assert.deepEqual([del.kind, del.orm?.method], ['delete', 'delete']);
    assert.deepEqual(preds(like.blocks[0]), ['userId eq param', 'postId eq param']);
    assert.deepEqual(preds(cursor.blocks[0]), ['id range param']);
    assert.deepEqual([cursor.blocks[0].offset?.value, cursor.blocks[0].limit?.value], [1, 10]);
  });

  test('distinct: Prisma de-duplicates in its query engine, so the query is the call\'s where, order and paging', () => {
    const text = `prisma.post.findMany({ where: { authorId: a }, distinct: ['published'], orderBy: { id: 'desc' }, take: 5, skip: 10 });
prisma.post.findMany({ where: { authorId: a }, orderBy: { id: 'desc' }, take: 5, skip: 10 });
prisma.post.findMany({ where: { authorId: a }, distinct: 'published' });`;
    const [withDistinct, without, single] = queries(d, text);
    const shape = (q: QueryDef) => {
      const b = q.blocks[0];
      return { preds: preds(b), sort: b.sort.map((s) => [s.target.column, s.desc]), limit: b.limit?.value, offset: b.offset?.value, columns: b.selected.map((c) => c.column) };
    };
    assert.deepEqual(shape(withDistinct), shape(without));
    assert.deepEqual(preds(single.blocks[0]), ['author_id eq param']);
  });

  test('raw SQL: $queryRaw templates (substitutions are parameters), Prisma.sql, $queryRawUnsafe', () => {
    const text = `const rows = await prisma.$queryRaw<User[]>\`SELECT id FROM users WHERE email = \${email} AND created_at > \${since} ORDER BY created_at DESC LIMIT 10\`;
await prisma.$queryRaw(Prisma.sql\`SELECT * FROM posts WHERE author_id = \${id}\`);
await prisma.$executeRawUnsafe('DELETE FROM posts WHERE id = $1', id);`;
    const [a, b, c] = queries(d, text);
    assert.deepEqual(a.orm, { client: 'prisma', method: '$queryRaw' });
    const blk = a.blocks[0];
    assert.deepEqual(tables(blk), ['users']);
    assert.equal(slice(text, blk.tables[0].span), 'users');
    assert.equal(slice(text, pred(blk, 'email').span), 'email = ${email}');
    assert.equal(pred(blk, 'email').value.kind, 'param');
    assert.equal(slice(text, pred(blk, 'created_at').span), 'created_at > ${since}');
    assert.deepEqual([blk.sort[0].target.column, blk.sort[0].desc, blk.limit?.value], ['created_at', true, 10]);
    assert.ok(slice(text, a.span).startsWith('prisma.$queryRaw<User[]>`SELECT'));
    assert.deepEqual(preds(b.blocks[0]), ['author_id eq param']);
    assert.deepEqual([c.kind, preds(c.blocks[0])], ['delete', ['id eq param']]);
  });

  test('the client: new PrismaClient(), a PrismaService type, this.prisma, a $transaction callback; any other object is not one', () => {
    const text = `const store = new PrismaClient().$extends({});
class S {
  constructor(private readonly data: PrismaService, private readonly cache: Cache) {}
  async f() {
    await store.user.count();
    await this.data.user.count();
    await this.prisma.user.count();
    await this.cache.user.findMany({ where: { id: 1 } });
    await store.$transaction(async (trans) => trans.post.count());
    await [1, 2].find((x) => x > 1);
  }
}`;
    assert.deepEqual(
      queries(d, text).map((q) => slice(text, q.blocks[0].tables[0].span)),
      ['store.user.count', 'this.data.user.count', 'this.prisma.user.count', 'trans.post.count'],
    );
  });

  test('MySQL: a parameter pattern is CONCAT(…) (its || is OR); SQLite: ||; no ILIKE outside PostgreSQL', () => {
    for (const dialect of ['mysql', 'sqlite'] as const) {
      const my = prismaDb(PRISMA, dialect);
      const b = one(my, `prisma.user.findMany({ where: { email: { contains: q, mode: 'insensitive' } } })`).blocks[0];
      const p = pred(b, 'email');
      assert.deepEqual([p.op, p.leadingWildcard, p.ilike], ['like', true, undefined], dialect);
      assert.match(p.text, dialect === 'mysql' ? /concat\('%',\?,'%'\)/ : /'%'\|\|\?\|\|'%'/);
    }
  });
});

describe('TypeORM', () => {
  const d = typeormDb();

  test('find options: where operators, order, skip/take, relations joined, the soft-delete filter, spans', () => {
    const text = `import { In, Not, IsNull, LessThan, Between, Like, ILike, MoreThanOrEqual } from 'typeorm';
class S {
  constructor(@InjectRepository(Post) private readonly posts: Repository<Post>) {}
  list(dto: Dto) {
    return this.posts.find({
      where: { status: In(['a', 'b']), title: Like('%x'), id: Not(IsNull()), author: { firstName: ILike(\`%\${dto.q}\`) } },
      order: { id: 'DESC' },
      skip: dto.skip,
      take: 10,
      relations: ['tags'],
    });
  }
}`;
    const q = one(d, text);
    assert.deepEqual(q.orm, { client: 'typeorm', method: 'find', model: 'Post' });
    const b = q.blocks[0];
    assert.deepEqual(tables(b), ['post', 'users', 'post_tags_tag', 'tag']);
    assert.equal(slice(text, b.tables[0].span), 'this.posts.find');
    assert.deepEqual(preds(b).filter((p) => !p.includes('column')), ['status in list', 'title like string', 'id other null', 'first_name like expression', 'deleted_at null null']);
    assert.equal(slice(text, pred(b, 'title').span), "title: Like('%x')");
    assert.equal(pred(b, 'title').leadingWildcard, true);
    assert.deepEqual([pred(b, 'first_name').ilike, pred(b, 'first_name').leadingWildcard], [true, true], 'a template pattern starting with % leads with a wildcard');
    assert.equal(slice(text, pred(b, 'deleted_at').span), 'find');
    assert.equal(pred(b, 'deleted_at').text, 'deleted_atisnull');
    assert.deepEqual([b.sort[0].target.column, b.sort[0].desc, slice(text, b.sort[0].span)], ['id', true, "id: 'DESC'"]);
    assert.deepEqual([b.offset?.param, slice(text, b.offset?.span), b.limit?.value], [true, 'skip: dto.skip', 10]);
  });

  test('where arrays are ORs; findOneBy / count / exists / update / delete / withDeleted', () => {
    const text = `repo.findOneBy({ id });
userRepository.find({ where: [{ email: e }, { firstName: n }] });
userRepository.countBy({ email: e });
postRepository.exists({ where: { status: 's' }, withDeleted: true });
postRepository.update({ id: In(ids) }, { status: 'x' });
postRepository.delete(id);
postRepository.softDelete({ author: { id: In(us) } });
postRepository.sum('id', { status: 's' });`;
    const d2 = typeormDb();
    const qs = queries(d2, text.replace('repo.findOneBy', 'getRepository(User).findOneBy'));
    assert.deepEqual(
      qs.map((q) => `${q.orm?.method} ${q.kind} ${preds(q.blocks[0]).join(', ')} ${q.blocks[0].limit?.value ?? ''}`.trim()),
      [
        'findOneBy select id eq param 1',
        'find select email eq param (or), first_name eq param (or)',
        'countBy select email eq param',
        'exists select status eq string 1',
        'update update id in list',
        'delete delete id eq param',
        'softDelete update authorId in list',
        'sum select status eq string, deleted_at null null',
      ],
    );
  });

  test('repositories: dataSource.getRepository(E), a Repository<E> variable, EntityManager(E, …), active record', () => {
    const text = `const r: Repository<Tag> = ds.getRepository(Tag);
async function f(manager: EntityManager) {
  await this.dataSource.getRepository(Post).count({ where: { status: s } });
  await r.findBy({ name: n });
  await manager.findOne(User, { where: { email: e } });
  await User.find({ where: { id } });
  await something.find({ where: { id } });
}`;
    assert.deepEqual(
      queries(d, text).map((q) => `${q.orm?.model}.${q.orm?.method} @ ${slice(text, q.blocks[0].tables[0].span)}`),
      ['Post.count @ this.dataSource.getRepository(Post).count', 'Tag.findBy @ r.findBy', 'User.findOne @ manager.findOne', 'User.find @ User.find'],
    );
  });

  test('a custom repository: `this.find(…)` and `this.createQueryBuilder(…)` in a class extending Repository<E>', () => {
    const text = `@EntityRepository(Tag)
export class TagRepository extends Repository<Tag> {
  named(n: string) { return this.findOneBy({ name: n }); }
  search(q: string) { return this.createQueryBuilder('t').where('t.name LIKE :q', { q }).getMany(); }
}
class Other { f() { return this.find({ where: { name: 'x' } }); } }`;
    assert.deepEqual(queries(d, text).map((q) => `${q.orm?.model}.${q.orm?.method} ${preds(q.blocks[0]).join(', ')}`), ['Tag.findOneBy name eq param', 'Tag.getMany name like param']);
  });

  test('query builder: fragments as written (properties → columns, :params), joins on the foreign key, order, paging, soft delete', () => {
    const text = `const rows = await this.posts.createQueryBuilder('p')
  .leftJoinAndSelect('p.author', 'u')
  .where('p.status = :status', { status })
  .andWhere('u.firstName LIKE :q', { q: \`%\${q}%\` })
  .andWhere(new Brackets((qb) => { qb.where('p.title = :t', { t }).orWhere('p.id IN (:...ids)', { ids }); }))
  .orderBy('p.id', 'DESC')
  .skip(offset)
  .take(20)
  .getMany();`;
    const d2 = typeormDb();
    const q = one(d2, text.replace('this.posts', 'this.postRepository'));
    const t2 = text.replace('this.posts', 'this.postRepository');
    assert.deepEqual(q.orm, { client: 'typeorm', method: 'getMany', model: 'Post' });
    const b = q.blocks[0];
    assert.deepEqual(tables(b), ['post', 'users']);
    assert.equal(slice(t2, b.tables[0].span), 'this.postRepository.createQueryBuilder');
    assert.equal(slice(t2, b.tables[1].span), "leftJoinAndSelect('p.author', 'u')");
    const own = b.predicates.filter((p) => p.value.kind !== 'column');
    assert.deepEqual(
      own.map((p) => [p.target.column, p.op, slice(t2, p.span), !!p.inOr]),
      [
        ['status', 'eq', 'p.status = :status', false],
        ['first_name', 'like', 'u.firstName LIKE :q', false],
        ['title', 'eq', 'p.title = :t', true],
        ['id', 'in', 'p.id IN (:...ids)', true],
        ['deleted_at', 'null', 'this.postRepository.createQueryBuilder', false],
      ],
    );
    assert.equal(slice(t2, pred(b, 'first_name').targetSpan), 'u.firstName');
    assert.deepEqual([b.sort[0].target.column, b.sort[0].desc, slice(t2, b.sort[0].span)], ['id', true, 'p.id']);
    assert.deepEqual([b.offset?.param, slice(t2, b.offset?.span), b.limit?.value, slice(t2, b.limit?.span)], [true, 'skip(offset)', 20, 'take(20)']);
  });

  test('query builder kept in a variable: the calls made on it, run where its terminal call is', () => {
    const text = `async function search(dto: Dto) {
  const qb = this.postRepository.createQueryBuilder('p').where('p.status = :s', { s: dto.s });
  if (dto.title) qb.andWhere('p.title = :t', { t: dto.title });
  qb.orderBy('p.id');
  return qb.getManyAndCount();
}
function sub() {
  return dataSource.createQueryBuilder().select('t.id').from(Tag, 't').where('t.name = :n').getQuery();
}`;
    const q = one(d, text);
    assert.deepEqual(preds(q.blocks[0]), ['status eq param', 'title eq param', 'deleted_at null null']);
    assert.equal(q.orm?.method, 'getManyAndCount');
    assert.equal(slice(text, q.span), text.slice(text.indexOf('this.postRepository'), text.indexOf('qb.getManyAndCount()') + 'qb.getManyAndCount()'.length));
  });

  test('query builder update/delete and dataSource.createQueryBuilder().from(E); query() raw SQL', () => {
    const text = `await dataSource.createQueryBuilder().update(Post).set({ status: 'x' }).where('id = :id', { id }).execute();
await dataSource.createQueryBuilder().delete().from(Tag).where('name = :n', { n }).execute();
await dataSource.createQueryBuilder().select('t.name').from(Tag, 't').where('t.name LIKE :n').getRawMany();
await this.dataSource.query('SELECT * FROM users WHERE email = $1 ORDER BY created_at', [email]);`;
    const [upd, del, sel, raw] = queries(d, text);
    assert.deepEqual([upd.kind, preds(upd.blocks[0])], ['update', ['id eq param']]);
    assert.deepEqual([del.kind, tables(del.blocks[0]), preds(del.blocks[0])], ['delete', ['tag'], ['name eq param']]);
    assert.deepEqual([tables(sel.blocks[0]), sel.blocks[0].selected.map((c) => c.column)], [['tag'], ['name']]);
    assert.deepEqual([raw.orm, preds(raw.blocks[0]), raw.blocks[0].sort.length], [{ client: 'typeorm', method: 'query' }, ['email eq param'], 1]);
    assert.equal(slice(text, raw.blocks[0].predicates[0].span), 'email = $1');
  });

  test('MySQL and SQLite: the builder SQL is read by their parser', () => {
    for (const dialect of ['mysql', 'sqlite'] as const) {
      const dm = typeormDb(dialect);
      const text = `this.postRepository.createQueryBuilder('p').innerJoin('p.tags', 't').where('t.name = :n', { n }).andWhere('p.status IN (:...s)').getMany();`;
      const b = one(dm, text).blocks[0];
      assert.deepEqual(tables(b), ['post', 'post_tags_tag', 'tag'], dialect);
      assert.deepEqual(b.predicates.filter((p) => p.value.kind !== 'column').map((p) => `${p.target.column} ${p.op}`), ['name eq', 'status in', 'deleted_at null'], dialect);
    }
  });
});

describe('loops (N+1)', () => {
  const d = prismaDb();
  const loopOf = (text: string) => queries(d, text).map((q) => q.orm?.loop && `${q.orm.loop.kind} ${q.orm.loop.byLoopVariable} ${slice(text, q.orm.loop.span)}`);

  test('a read in a loop by the element, or by a name declared from it', () => {
    const text = `for (const u of users) {
  const id = u.id;
  await prisma.post.findMany({ where: { authorId: id } });
  await prisma.post.findMany({ where: { published: true } });
}
for (let i = 0; i < ids.length; i++) await prisma.user.findUnique({ where: { id: ids[i] } });
await Promise.all(users.map(async (u) => prisma.post.count({ where: { authorId: u.id } })));
users.forEach(async ({ id }) => { await prisma.profile.findUnique({ where: { userId: id } }); });
while (queue.length) {
  const next = queue.shift();
  await prisma.user.findUnique({ where: { id: next } });
}
await pMap(ids, (id) => prisma.user.findUnique({ where: { id } }), { concurrency: 4 });`;
    assert.deepEqual(loopOf(text), [
      'for-of true for (const u of users)',
      'for-of false for (const u of users)',
      'for true for (let i = 0; i < ids.length; i++)',
      'promise-all-map true users.map(async (u) =>',
      'forEach true users.forEach(async ({ id }) =>',
      'while true while (queue.length)',
      'map true pMap(ids, (id) =>',
    ]);
  });

  test('not per element: outside any loop, a batch per chunk, a pagination cursor, a function defined in the loop', () => {
    const text = `const posts = await prisma.post.findMany({ where: { authorId: { in: users.map((u) => u.id) } } });
for (const chunk of chunks) await prisma.post.findMany({ where: { id: { in: chunk } } });
let cursor = 0;
while (true) {
  const page = await prisma.post.findMany({ where: { id: { gt: cursor } }, take: 100 });
  cursor = page[page.length - 1].id;
}
for (const u of users) handlers.push(() => prisma.post.findMany({ where: { authorId: u.id } }));`;
    assert.deepEqual(loopOf(text), [undefined, 'for-of false for (const chunk of chunks)', 'while false while (true)', undefined]);
  });

  test('TypeORM: a lazy relation awaited per element', () => {
    const t = typeormDb();
    const text = `const users = await this.userRepository.find();
for (const user of users) {
  const comments = await user.comments;
}`;
    const [, lazy] = queries(t, text);
    assert.deepEqual(lazy.orm, { client: 'typeorm', method: 'lazy', model: 'User', relation: 'comments', loop: { span: lazy.orm!.loop!.span, kind: 'for-of', byLoopVariable: true, lazyRelation: true } });
    assert.equal(slice(text, lazy.span), 'user.comments');
    assert.deepEqual([tables(lazy.blocks[0]), preds(lazy.blocks[0])], [['comment'], ['userId eq param']]);
    const loaded = `const users = await this.userRepository.find({ relations: ['comments'] });
for (const user of users) await user.comments;`;
    assert.deepEqual(queries(t, loaded).map((q) => q.orm?.method), ['find'], 'read with the relation: awaiting it runs no query');
  });
});

describe('robustness', () => {
  const d = prismaDb();
  const text = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export class S {
  async f(dto: Dto) {
    for (const u of await prisma.user.findMany({ where: { email: { contains: dto.q } }, include: { posts: true }, orderBy: { id: 'desc' } })) {
      await prisma.post.findMany({ where: { authorId: u.id, OR: [{ title: 'a' }, { published: false }] }, take: 3 });
      await prisma.$queryRaw\`SELECT * FROM posts WHERE id = \${u.id}\`;
    }
  }
}`;

  test('every prefix of a file (code being typed) and junk: no throw, every span inside the text', () => {
    const check = (t: string) => {
      const r = read(d, t, `/x/${t.length}.ts`);
      for (const st of r.statements) {
        const walk = (v: unknown): void => {
          if (!v || typeof v !== 'object') return;
          const o = v as Record<string, unknown>;
          if (typeof o.start === 'number' && typeof o.end === 'number') assert.ok(o.start >= 0 && (o.start as number) <= (o.end as number) && (o.end as number) <= t.length, `span ${JSON.stringify(o)} in ${t.length} chars`);
          for (const k in o) walk(o[k]);
        };
        walk(st.facts);
      }
    };
    for (let i = 0; i <= text.length; i++) check(text.slice(0, i));
    for (const junk of ['prisma.user.findMany(', 'prisma.user.findMany({ where: { posts: { some: ', '\0\0prisma.user.findMany()', 'prisma.user.findMany({ where: { [k]: v, ...rest, email }, orderBy: sort, take: -5 })', '`${'.repeat(50)]) check(junk);
    const t = typeormDb();
    for (let i = 0; i <= 260; i += 3) readAppQueries('/x/t.ts', `this.postRepository.createQueryBuilder('p').where('p.status = :s').andWhere(new Brackets((q) => q.where('p.id IN (:...ids)'))).orderBy({ 'p.id': 'DESC' }).getMany()`.slice(0, i), t.models, 'postgresql');
  });

  test('a file without ORM calls yields nothing (and is not parsed); the same text gives the same result object', () => {
    assert.deepEqual(read(d, 'export const x = [1, 2].find((y) => y > 1); db.query(x);').statements, []);
    const a = read(d, text);
    assert.equal(read(d, text), a);
    assert.equal(a.statements.length, 3);
    assert.deepEqual(a.comments, [], 'comments are collected only for a suppression directive');
    const withDirective = read(d, `// schemawise-ignore n-plus-one-query\n${text}`, '/x/d.ts');
    assert.equal(withDirective.comments.length, 1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rules over ORM queries, through the rule context (the engine wiring of application files is not part of this).

function findings(d: Db, text: string, rule: Rule): Report[] {
  const app = read(d, text);
  const files = new Map(d.files);
  files.set(APP, { path: APP, text, dialect: d.dialect, statements: app.statements, comments: app.comments });
  const schema = buildSchema('p', d.dialect, [...files.values()].map((f) => ({ path: f.path, isMigration: false, statements: f.statements })));
  const out: Report[] = [];
  const options = Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([k, v]) => [k, v.default]));
  const ctx = {
    schema,
    options,
    report: (r: Report) => out.push(r),
    fixes: new FixBuilder(schema, files, () => false),
    isMigrationFile: () => false,
    tableExistedBeforeFile: () => undefined,
    locate: (file: string, offset: number) => `${file}:${offset}`,
    migrations: undefined as never,
  };
  for (const q of schema.workload) rule.checkQuery?.(ctx, q);
  return out;
}

function at(text: string, r: Report): string {
  return 'span' in r.at ? text.slice(r.at.span.start, r.at.span.end) : '';
}

describe('rules', () => {
  test('n-plus-one-query: a read per element, on the call, the loop related; the constant read and the batch are clean', () => {
    const d = prismaDb();
    const text = `for (const u of users) {
  await prisma.post.findMany({ where: { authorId: u.id } });
  await prisma.post.count();
}
const all = await prisma.post.findMany({ where: { authorId: { in: users.map((u) => u.id) } } });`;
    const rs = findings(d, text, nPlusOne);
    assert.deepEqual(rs.map((r) => [r.messageId, r.data?.call, at(text, r)]), [['loop', 'post.findMany', 'prisma.post.findMany']]);
    assert.deepEqual(rs[0].related?.map((x) => ('span' in x.at ? text.slice(x.at.span.start, x.at.span.end) : '')), ['for (const u of users)']);
    assert.match(rs[0].help ?? '', /`author_id`.*`\{ in: ids \}`.*include/);
  });

  test('n-plus-one-query: TypeORM finds, builders and lazy relations in loops', () => {
    const d = typeormDb();
    const text = `for (const u of users) {
  await this.postRepository.findBy({ author: { id: u.id } });
  const c = await u.comments;
}
await Promise.all(ids.map((id) => this.userRepository.createQueryBuilder('u').where('u.id = :id', { id }).getOne()));`;
    const rs = findings(d, text, nPlusOne);
    assert.deepEqual(
      rs.map((r) => [r.messageId, at(text, r)]),
      [
        ['loop', 'this.postRepository.findBy'],
        ['lazy', 'u.comments'],
        ['loop', 'this.userRepository.createQueryBuilder'],
      ],
    );
    assert.match(rs[1].help ?? '', /relations: \['comments'\]/);
  });

  test('the index rules take ORM queries as evidence, pointing into the call', () => {
    const d = prismaDb();
    const text = `await prisma.post.findMany({ where: { title: t } });
await prisma.user.findMany({ where: { email: { contains: 'bob' } } });
await prisma.post.findMany({ where: { authorId: a, published: true }, orderBy: { id: 'desc' }, skip: page * 20, take: 20 });`;
    assert.deepEqual(findings(d, text, queryWithoutIndex).map((r) => [r.messageId, at(text, r)]), [['filter', 'prisma.post.findMany']]);
    assert.deepEqual(findings(d, text, leadingWildcard).map((r) => at(text, r)), ["contains: 'bob'"]);
    assert.deepEqual(findings(d, text, offsetPagination).map((r) => at(text, r)), ['skip: page * 20']);
  });
});
