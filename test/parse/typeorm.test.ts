/** TypeORM entities → facts: types per dialect, options, keys, relations, naming, inheritance, spans, robustness. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lowerTypeorm, parseEntityFile, typeormDriver, type TypeormResult } from '../../server/src/core/parse/typeorm';
import { camelCase, snakeCase } from '../../server/src/core/parse/typeorm-naming';
import type { ColumnDef, ConstraintDef, Dialect, Fact, Span, TableDef } from '../../server/src/core/model/types';

const IMPORTS = `import { BaseEntity, Entity, ViewEntity, ChildEntity, TableInheritance, Column, PrimaryColumn, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn, DeleteDateColumn, VersionColumn, Index, Unique, Check, ManyToOne, OneToOne, OneToMany, ManyToMany, JoinColumn, JoinTable, RelationId, Generated } from 'typeorm';\n`;

function lower(files: Record<string, string>, dialect: Dialect = 'postgresql', naming?: 'default' | 'snake'): TypeormResult {
  return lowerTypeorm(
    Object.entries(files).map(([p, t]) => parseEntityFile(p, t)),
    { dialect, naming },
  );
}

/** One entity file at /p/src/entity/e.entity.ts. */
function one(body: string, dialect: Dialect = 'postgresql', naming?: 'default' | 'snake'): { r: TypeormResult; text: string } {
  const text = IMPORTS + body;
  return { r: lower({ '/p/src/entity/e.entity.ts': text }, dialect, naming), text };
}

function allFacts(r: TypeormResult): Fact[] {
  return r.files.flatMap((f) => f.statements.flatMap((s) => s.facts));
}

function table(r: TypeormResult, name: string): TableDef {
  const t = allFacts(r).find((f): f is Extract<Fact, { kind: 'createTable' }> => f.kind === 'createTable' && f.table.name.name === name)?.table;
  assert.ok(t, `table ${name} in ${JSON.stringify(allFacts(r).map((f) => f.kind === 'createTable' && f.table.name.name))}`);
  return t;
}

function col(t: TableDef, name: string): ColumnDef {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name} of ${t.name.name}: ${t.columns.map((x) => x.name)}`);
  return c;
}

function cons(t: TableDef, kind: ConstraintDef['kind']): ConstraintDef[] {
  return t.constraints.filter((c) => c.kind === kind);
}

/** [rawType, normalized name, nullable] */
function typeOf(c: ColumnDef): [string, string, boolean] {
  return [c.rawType, c.type.name, c.nullable];
}

function slice(text: string, span: Span | undefined): string {
  assert.ok(span, 'span is set');
  return text.slice(span.start, span.end);
}

describe('column types', () => {
  const body = `@Entity() export class Thing {
  @PrimaryColumn() code: string;
  @Column() s: string;
  @Column() n: number;
  @Column() b: boolean;
  @Column() d: Date;
  @Column() maybe: string | null;
  @Column({ nullable: true }) opt?: Date;
}`;
  test('PostgreSQL: string varchar, number integer, boolean, Date timestamp without time zone', () => {
    const t = table(one(body).r, 'thing');
    assert.deepEqual(
      ['code', 's', 'n', 'b', 'd', 'maybe', 'opt'].map((n) => typeOf(col(t, n))),
      [
        ['character varying', 'varchar', false],
        ['character varying', 'varchar', false],
        ['integer', 'integer', false],
        ['boolean', 'boolean', false],
        ['timestamp without time zone', 'timestamp', false],
        ['character varying', 'varchar', false],
        ['timestamp without time zone', 'timestamp', true],
      ],
    );
  });
  test('MySQL: varchar(255), int, tinyint, datetime; InnoDB', () => {
    const t = table(one(body, 'mysql').r, 'thing');
    assert.deepEqual(
      ['s', 'n', 'b', 'd'].map((n) => typeOf(col(t, n))),
      [
        ['varchar(255)', 'varchar', false],
        ['int', 'integer', false],
        ['tinyint', 'tinyint', false],
        ['datetime', 'datetime', false],
      ],
    );
    assert.equal(col(t, 's').type.length, 255);
    assert.equal(t.engine, 'InnoDB');
  });
  test('SQLite: varchar, integer, boolean, datetime', () => {
    const t = table(one(body, 'sqlite').r, 'thing');
    assert.deepEqual(['s', 'n', 'b', 'd'].map((n) => col(t, n).rawType), ['varchar', 'integer', 'boolean', 'datetime']);
  });
  test('written types: driver names, length, precision/scale, unsigned, arrays, uuid, simple-json, constructors', () => {
    const src = `@Entity() export class T {
  @PrimaryColumn('int8') id: string;
  @Column('varchar', { length: 40 }) a: string;
  @Column({ type: 'decimal', precision: 10, scale: 2 }) price: string;
  @Column({ type: 'int', unsigned: true }) u: number;
  @Column({ type: 'int4', array: true }) tags: number[];
  @Column('uuid') ref: string;
  @Column('simple-json') data: object;
  @Column({ type: Date }) at: Date | null;
  @Column({ type: 'timestamptz', precision: 3 }) z: Date;
  @Column() list: string[];
}`;
    const pg = table(one(src).r, 't');
    assert.deepEqual(
      pg.columns.map((c) => [c.name, c.rawType]),
      [
        ['id', 'bigint'],
        ['a', 'character varying(40)'],
        ['price', 'numeric(10,2)'],
        ['u', 'integer'],
        ['tags', 'integer[]'],
        ['ref', 'uuid'],
        ['data', 'text'],
        ['at', 'timestamp without time zone'],
        ['z', 'timestamp(3) with time zone'],
        ['list', ''],
      ],
    );
    assert.deepEqual(col(pg, 'tags').type, { name: 'integer', array: 1 });
    assert.deepEqual(col(pg, 'z').type, { name: 'timestamptz', precision: 3 });
    assert.deepEqual(col(pg, 'list').type, { name: '' }, 'an array property without a type is unknown (TypeORM refuses it)');
    const my = table(one(src, 'mysql').r, 't');
    assert.deepEqual(
      ['id', 'a', 'price', 'u', 'ref', 'data'].map((n) => col(my, n).rawType),
      ['int8', 'varchar(40)', 'decimal(10,2)', 'int unsigned', 'varchar(36)', 'text'],
    );
    assert.deepEqual(col(my, 'u').type, { name: 'integer', unsigned: true });
  });
  test('a TypeScript enum type is a string or a number; another named type is unknown', () => {
    const src = `export enum Color { Red = 'red', Blue = 'blue' }
enum Level { Low, High }
type Alias = string | number;
@Entity() export class T {
  @PrimaryGeneratedColumn() id: number;
  @Column() color: Color;
  @Column() level: Level;
  @Column() alias: Alias;
}`;
    const t = table(one(src).r, 't');
    assert.deepEqual(['color', 'level', 'alias'].map((n) => col(t, n).rawType), ['character varying', 'integer', '']);
  });
});

describe('column options', () => {
  test('nullable, default (literals, functions, enum members), name, charset, collation, comment, unique', () => {
    const src = `enum Status { Active = 'active', Gone = 'gone' }
@Entity() export class T {
  @PrimaryGeneratedColumn() id: number;
  @Column({ nullable: true, default: 'it''s' }) a: string;
  @Column({ default: 0 }) n: number;
  @Column({ default: true }) flag: boolean;
  @Column({ default: () => 'now()' }) at: Date;
  @Column({ type: 'varchar', default: Status.Active }) st: Status;
  @Column({ name: 'full_name', charset: 'utf8mb4', collation: 'utf8mb4_bin', comment: 'who' }) fullName: string;
  @Column({ unique: true }) email: string;
  @Column({ default: someConstant }) unknown: number;
}`.replace("'it''s'", `"it's"`);
    const pg = table(one(src).r, 't');
    assert.deepEqual(
      pg.columns.map((c) => [c.name, c.nullable, c.default]),
      [
        ['id', false, undefined],
        ['a', true, "'it''s'"],
        ['n', false, '0'],
        ['flag', false, 'true'],
        ['at', false, 'now()'],
        ['st', false, "'active'"],
        ['full_name', false, undefined],
        ['email', false, undefined],
        ['unknown', false, undefined],
      ],
    );
    const fn = col(pg, 'full_name');
    assert.deepEqual([fn.charset, fn.collation, fn.comment], ['utf8mb4', 'utf8mb4_bin', 'who']);
    const uq = cons(pg, 'unique');
    assert.deepEqual(uq.map((c) => [c.columns, c.inline]), [[['email'], true]]);
    const my = table(one(src, 'mysql').r, 't');
    assert.equal(col(my, 'flag').default, '1', 'MySQL writes booleans as 1/0');
  });
  test('enum: PostgreSQL creates <table>_<column>_enum (or enumName); MySQL writes enum(...) inline', () => {
    const src = `export enum Role { Admin = 'admin', User = 'user' }
@Entity('accounts') export class Account {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'enum', enum: Role, default: Role.User }) role: Role;
  @Column({ type: 'enum', enum: ['a', 'b'], enumName: 'ab_kind' }) kind: string;
}`;
    const { r } = one(src);
    const enums = allFacts(r).filter((f): f is Extract<Fact, { kind: 'createEnum' }> => f.kind === 'createEnum');
    assert.deepEqual(
      enums.map((e) => [e.name.name, e.values]),
      [
        ['accounts_role_enum', ['admin', 'user']],
        ['ab_kind', ['a', 'b']],
      ],
    );
    const t = table(r, 'accounts');
    assert.deepEqual([col(t, 'role').type, col(t, 'role').default], [{ name: 'accounts_role_enum' }, "'user'"]);
    const my = table(one(src, 'mysql').r, 'accounts');
    assert.deepEqual(col(my, 'role').type, { name: 'enum', values: ['admin', 'user'] });
    assert.equal(col(my, 'role').rawType, "enum('admin','user')");
    assert.equal(allFacts(one(src, 'mysql').r).filter((f) => f.kind === 'createEnum').length, 0);
  });
  test('generated columns (asExpression) and @Generated', () => {
    const src = `@Entity() export class T {
  @PrimaryColumn() id: number;
  @Column({ generatedType: 'STORED', asExpression: 'id * 2' }) twice: number;
  @Column() @Generated('uuid') token: string;
}`;
    const t = table(one(src).r, 't');
    assert.deepEqual(col(t, 'twice').generated, { expression: 'id * 2', stored: true });
    assert.deepEqual([col(t, 'token').rawType, col(t, 'token').default], ['uuid', 'uuid_generate_v4()']);
  });
});

describe('primary keys', () => {
  const src = `@Entity() export class A { @PrimaryGeneratedColumn() id: number; }
@Entity() export class B { @PrimaryGeneratedColumn('uuid') id: string; }
@Entity() export class C { @PrimaryGeneratedColumn('identity') id: number; }
@Entity() export class D { @PrimaryGeneratedColumn({ type: 'bigint' }) id: string; }
@Entity() export class E { @PrimaryColumn() tenant: string; @PrimaryColumn({ primaryKeyConstraintName: 'e_pk' }) code: string; }
@Entity() export class F { @Column({ primary: true }) key: string; }`;
  test('PostgreSQL: increment is serial, uuid defaults to uuid_generate_v4(), identity, bigint → bigserial, composite keys', () => {
    const { r } = one(src);
    const id = (t: string) => col(table(r, t), t === 'e' ? 'tenant' : t === 'f' ? 'key' : 'id');
    assert.deepEqual([id('a').rawType, id('a').type.name, id('a').autoIncrement, id('a').nullable], ['serial', 'integer', 'serial', false]);
    assert.deepEqual([id('b').rawType, id('b').default, id('b').autoIncrement], ['uuid', 'uuid_generate_v4()', undefined]);
    assert.deepEqual([id('c').rawType, id('c').autoIncrement], ['integer', 'identity']);
    assert.deepEqual([id('d').rawType, id('d').type.name, id('d').autoIncrement], ['bigserial', 'bigint', 'serial']);
    assert.deepEqual(cons(table(r, 'e'), 'primary').map((c) => [c.columns, c.name]), [[['tenant', 'code'], 'e_pk']]);
    assert.deepEqual(cons(table(r, 'f'), 'primary').map((c) => c.columns), [['key']]);
  });
  test('MySQL: auto_increment, uuid in varchar(36), no key name (the server calls it PRIMARY)', () => {
    const { r } = one(src, 'mysql');
    const a = col(table(r, 'a'), 'id');
    assert.deepEqual([a.rawType, a.autoIncrement], ['int', 'auto_increment']);
    const b = col(table(r, 'b'), 'id');
    assert.deepEqual([b.rawType, b.default], ['varchar(36)', undefined]);
    assert.equal(cons(table(r, 'a'), 'primary')[0].name, undefined);
  });
  test('SQLite: autoincrement', () => {
    assert.equal(col(table(one(src, 'sqlite').r, 'a'), 'id').autoIncrement, 'autoincrement');
  });
});

describe('date and version columns', () => {
  const src = `@Entity() export class T {
  @PrimaryGeneratedColumn() id: number;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
  @DeleteDateColumn() deletedAt?: Date;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamp', precision: 3, name: 'stamped_at' }) stampedAt: Date;
}`;
  test('PostgreSQL: timestamp default now(), nullable delete date, integer version', () => {
    const t = table(one(src).r, 't');
    assert.deepEqual(
      t.columns.slice(1).map((c) => [c.name, c.rawType, c.nullable, c.default]),
      [
        ['createdAt', 'timestamp without time zone', false, 'now()'],
        ['updatedAt', 'timestamp without time zone', false, 'now()'],
        ['deletedAt', 'timestamp without time zone', true, undefined],
        ['version', 'integer', false, undefined],
        ['stamped_at', 'timestamp(3) without time zone', false, 'now()'],
      ],
    );
  });
  test('MySQL: datetime(6) default CURRENT_TIMESTAMP(6), int version; a written type and precision win', () => {
    const t = table(one(src, 'mysql').r, 't');
    assert.deepEqual(
      t.columns.slice(1).map((c) => [c.rawType, c.default]),
      [
        ['datetime(6)', 'CURRENT_TIMESTAMP(6)'],
        ['datetime(6)', 'CURRENT_TIMESTAMP(6)'],
        ['datetime(6)', undefined],
        ['int', undefined],
        ['timestamp(3)', 'CURRENT_TIMESTAMP(6)'],
      ],
    );
  });
});

describe('indexes and unique constraints', () => {
  test('TypeORM names: PK_, UQ_ (MySQL: a unique index IDX_), as TypeORM generates them for user(id, email)', () => {
    const src = `@Entity() export class User { @PrimaryGeneratedColumn() id: number; @Column({ unique: true }) email: string; }`;
    const pg = table(one(src).r, 'user');
    assert.deepEqual(
      pg.constraints.map((c) => [c.kind, c.name, c.generatedName]),
      [
        ['primary', 'PK_cace4a159ff9f2512dd42373760', true],
        ['unique', 'UQ_e12875dfb3b1d92d7d7c5377e22', true],
      ],
    );
    const my = table(one(src, 'mysql').r, 'user');
    assert.equal(cons(my, 'unique')[0].name, 'IDX_e12875dfb3b1d92d7d7c5377e2');
  });
  test('class indexes (columns, name, unique, where, spatial, fulltext, function form) and property indexes', () => {
    const src = `@Entity('items')
@Index(['a', 'b'])
@Index('items_b_idx', ['b'], { unique: true, where: '"b" IS NOT NULL' })
@Index(['geo'], { spatial: true })
@Index(['body'], { fulltext: true })
@Index((i: Item) => [i.b, i.a])
export class Item {
  @PrimaryGeneratedColumn() id: number;
  @Column() a: string;
  @Column() b: string;
  @Index() @Column() c: string;
  @Index('items_d_key', { unique: true }) @Column({ name: 'd_col' }) d: string;
  @Column('geometry') geo: string;
  @Column('text') body: string;
}`;
    const t = table(one(src).r, 'items');
    assert.deepEqual(
      t.indexes.map((i) => [i.name?.startsWith('IDX_') ? 'IDX_' : i.name, i.keys.map((k) => k.column), i.unique, i.where, i.method]),
      [
        ['IDX_', ['a', 'b'], false, undefined, undefined],
        ['items_b_idx', ['b'], true, '"b" IS NOT NULL', undefined],
        ['IDX_', ['geo'], false, undefined, 'gist'],
        ['IDX_', ['body'], false, undefined, undefined],
        ['IDX_', ['b', 'a'], false, undefined, undefined],
        ['IDX_', ['c'], false, undefined, undefined],
        ['items_d_key', ['d_col'], true, undefined, undefined],
      ],
    );
    // Column names are sorted before hashing: [a, b] and [b, a] get one name, as in TypeORM.
    assert.equal(t.indexes[0].name, t.indexes[4].name);
    assert.ok(t.indexes.every((i) => i.name!.length === (i.generatedName ? 30 : i.name!.length)));
    const my = table(one(src, 'mysql').r, 'items');
    assert.deepEqual(
      my.indexes.map((i) => [i.where, i.method]),
      [
        [undefined, undefined],
        [undefined, undefined],
        [undefined, 'spatial'],
        [undefined, 'fulltext'],
        [undefined, undefined],
        [undefined, undefined],
        [undefined, undefined],
      ],
    );
  });
  test('@Unique on the class (with and without a name), @Check', () => {
    const src = `@Entity()
@Unique(['a', 'b'])
@Unique('t_b_c_key', ['b', 'c'])
@Check('"a" > 0')
export class T {
  @PrimaryGeneratedColumn() id: number;
  @Column() a: number;
  @Column() b: number;
  @Column() c: number;
}`;
    const t = table(one(src).r, 't');
    assert.deepEqual(
      cons(t, 'unique').map((c) => [c.columns, c.name?.slice(0, 3)]),
      [
        [['a', 'b'], 'UQ_'],
        [['b', 'c'], 't_b'],
      ],
    );
    assert.deepEqual(cons(t, 'check').map((c) => [c.expression, c.name?.slice(0, 4)]), [['"a" > 0', 'CHK_']]);
  });
});

describe('relations', () => {
  const files = {
    '/p/src/entity/customer.entity.ts': `${IMPORTS}import { Order } from './order.entity';
@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @OneToMany(() => Order, (o) => o.customer) orders: Order[];
}`,
    '/p/src/entity/order.entity.ts': `${IMPORTS}import { Customer } from './customer.entity';
import { Tag } from './tag.entity';
@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Customer, (c) => c.orders, { onDelete: 'CASCADE', onUpdate: 'NO ACTION', nullable: false }) customer: Customer;
  @ManyToOne(() => Customer) referrer: Customer;
  @ManyToOne(() => Customer) @JoinColumn({ name: 'payer_code', referencedColumnName: 'code' }) payer: Customer;
  @Column({ nullable: true }) billedToId: string;
  @ManyToOne(() => Customer) @JoinColumn({ name: 'billedToId' }) billedTo: Customer;
  @RelationId((o: Order) => o.referrer) referrerId: string;
  @ManyToMany(() => Tag, (t) => t.orders) @JoinTable() tags: Tag[];
}`,
    '/p/src/entity/tag.entity.ts': `${IMPORTS}import { Order } from './order.entity';
@Entity('tags')
export class Tag {
  @PrimaryGeneratedColumn() id: number;
  @ManyToMany(() => Order, (o) => o.tags, { onDelete: 'RESTRICT' }) orders: Order[];
}`,
  };
  test('many-to-one: <property>Id typed like the referenced key, nullable unless nullable: false, actions, referencedColumnName', () => {
    const r = lower(files);
    const t = table(r, 'orders');
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.rawType, c.nullable]),
      [
        ['id', 'serial', false],
        // TypeORM gives a declared join column the type of the key it references.
        ['billedToId', 'uuid', true],
        ['customerId', 'uuid', false],
        ['referrerId', 'uuid', true],
        ['payer_code', 'character varying', true],
      ],
    );
    assert.equal(col(t, 'customerId').default, undefined, 'a join column takes the type, not the generated default');
    assert.deepEqual(
      cons(t, 'foreign').map((c) => [c.columns, c.references?.table.name, c.references?.columns, c.references?.onDelete, c.references?.onUpdate, c.inline]),
      [
        [['customerId'], 'customers', ['id'], 'cascade', 'no action', true],
        [['referrerId'], 'customers', ['id'], undefined, undefined, true],
        [['payer_code'], 'customers', ['code'], undefined, undefined, true],
        [['billedToId'], 'customers', ['id'], undefined, undefined, true],
      ],
    );
    assert.ok(cons(t, 'foreign').every((c) => /^FK_[0-9a-f]{27}$/.test(c.name!) && c.generatedName));
  });
  test('many-to-many + @JoinTable: <table>_<property>_<other>, composite key, an index per side, cascading FKs', () => {
    const r = lower(files);
    const j = table(r, 'orders_tags_tags');
    assert.deepEqual(j.columns.map((c) => [c.name, c.rawType, c.nullable]), [
      ['ordersId', 'integer', false],
      ['tagsId', 'integer', false],
    ]);
    assert.deepEqual(cons(j, 'primary').map((c) => c.columns), [['ordersId', 'tagsId']]);
    assert.deepEqual(j.indexes.map((i) => i.keys.map((k) => k.column)), [['ordersId'], ['tagsId']]);
    // The inverse side's own onDelete applies to its FK; onUpdate it does not set: NO ACTION.
    assert.deepEqual(
      cons(j, 'foreign').map((c) => [c.columns, c.references?.table.name, c.references?.onDelete, c.references?.onUpdate]),
      [
        [['ordersId'], 'orders', 'cascade', 'cascade'],
        [['tagsId'], 'tags', 'restrict', undefined],
      ],
    );
    const mysql = table(lower(files, 'mysql'), 'orders_tags_tags');
    assert.equal(mysql.engine, 'InnoDB');
  });
  test('join table options: name, joinColumn, inverseJoinColumn; a self reference gets _1 and _2', () => {
    const src = `@Entity('people') export class Person {
  @PrimaryGeneratedColumn() id: number;
  @ManyToMany(() => Person) @JoinTable() friends: Person[];
  @ManyToMany(() => Person) @JoinTable({ name: 'follows', joinColumn: { name: 'follower_id' }, inverseJoinColumn: { name: 'followee_id', referencedColumnName: 'id' } }) follows: Person[];
}`;
    const { r } = one(src);
    assert.deepEqual(table(r, 'people_friends_people').columns.map((c) => c.name), ['peopleId_1', 'peopleId_2']);
    const f = table(r, 'follows');
    assert.deepEqual(f.columns.map((c) => c.name), ['follower_id', 'followee_id']);
    assert.deepEqual(cons(f, 'foreign').map((c) => [c.references?.onDelete, c.references?.onUpdate]), [
      ['cascade', 'cascade'],
      ['cascade', 'cascade'],
    ]);
  });
  test('one-to-one: the side with @JoinColumn gets the FK and a REL_ unique; the other side nothing', () => {
    const src = `@Entity() export class Profile { @PrimaryGeneratedColumn() id: number; @OneToOne(() => Account, (a) => a.profile) account: Account; }
@Entity() export class Account {
  @PrimaryGeneratedColumn() id: number;
  @OneToOne(() => Profile, (p) => p.account, { onDelete: 'SET NULL' }) @JoinColumn() profile: Profile;
}`;
    const { r } = one(src);
    assert.deepEqual(table(r, 'profile').columns.map((c) => c.name), ['id']);
    const a = table(r, 'account');
    assert.deepEqual(col(a, 'profileId').rawType, 'integer');
    assert.deepEqual(cons(a, 'foreign').map((c) => [c.columns, c.references?.onDelete]), [[['profileId'], 'set null']]);
    assert.deepEqual(cons(a, 'unique').map((c) => [c.columns, c.name?.slice(0, 4), c.name?.length]), [[['profileId'], 'REL_', 30]]);
  });
  test('an explicit column named like the join column keeps its definition but for its type (the referenced key’s); createForeignKeyConstraints: false is not enforced', () => {
    const src = `@Entity() export class Parent { @PrimaryColumn('int8') id: string; }
@Entity() export class Child {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) parentId: string;
  @ManyToOne(() => Parent) parent: Parent;
  @ManyToOne(() => Parent, { createForeignKeyConstraints: false }) loose: Parent;
}`;
    const t = table(one(src).r, 'child');
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.rawType, c.nullable]),
      [
        ['id', 'serial', false],
        ['parentId', 'bigint', false],
        ['looseId', 'bigint', true],
      ],
    );
    assert.deepEqual(cons(t, 'foreign').map((c) => [c.columns, !!c.notEnforced]), [
      [['parentId'], false],
      [['looseId'], true],
    ]);
  });
  test('a target written as require(...).Name (to break an import cycle) is read, not run', () => {
    const r = lower({
      '/p/src/entities/a.ts': `${IMPORTS}@Entity() export class A { @PrimaryColumn('int8') id: string; }`,
      '/p/src/entities/b.ts': `${IMPORTS}@Entity() export class B { @PrimaryGeneratedColumn() id: number; @ManyToOne(() => require('./a').A) a: import('./a').A; }`,
    });
    assert.deepEqual([col(table(r, 'b'), 'aId').rawType, cons(table(r, 'b'), 'foreign')[0].references?.table.name], ['bigint', 'a']);
  });
  test('@Index on a relation indexes its join columns', () => {
    const src = `@Entity() export class P { @PrimaryGeneratedColumn() id: number; }
@Entity() export class Q { @PrimaryGeneratedColumn() id: number; @Index() @ManyToOne(() => P) p: P; }
@Entity() @Index(['p', 'id']) export class R { @PrimaryGeneratedColumn() id: number; @ManyToOne(() => P) p: P; }`;
    const { r } = one(src);
    assert.deepEqual(table(r, 'q').indexes.map((i) => i.keys.map((k) => k.column)), [['pId']]);
    assert.deepEqual(table(r, 'r').indexes.map((i) => i.keys.map((k) => k.column)), [['pId', 'id']]);
  });
});

describe('naming strategies', () => {
  const src = `@Entity() export class OrderItem {
  @PrimaryGeneratedColumn() id: number;
  @Column() unitPrice: number;
  @Column({ name: 'Explicit' }) other: number;
  @ManyToOne(() => OrderItem) parentItem: OrderItem;
  @ManyToMany(() => OrderItem) @JoinTable() relatedItems: OrderItem[];
}`;
  test('default: snake_case table, property-named columns, camelCase join columns and join-table columns', () => {
    const { r } = one(src);
    assert.deepEqual(table(r, 'order_item').columns.map((c) => c.name), ['id', 'unitPrice', 'Explicit', 'parentItemId']);
    assert.deepEqual(table(r, 'order_item_related_items_order_item').columns.map((c) => c.name), ['orderItemId_1', 'orderItemId_2']);
  });
  test('snake (SnakeNamingStrategy): snake_case columns, <property>_id, <table>_id', () => {
    const { r } = one(src, 'postgresql', 'snake');
    assert.deepEqual(table(r, 'order_item').columns.map((c) => c.name), ['id', 'unit_price', 'Explicit', 'parent_item_id']);
    assert.deepEqual(table(r, 'order_item_related_items_order_item').columns.map((c) => c.name), ['order_item_id_1', 'order_item_id_2']);
  });
  test("TypeORM's StringUtils", () => {
    assert.deepEqual(['OrderItem', 'HTMLPage', 'userID', 'a1B'].map(snakeCase), ['order_item', 'html_page', 'user_id', 'a1_b']);
    assert.deepEqual(['order_item_id', 'customer_id', 'Customer_id'].map(camelCase), ['orderItemId', 'customerId', 'customerId']);
  });
});

describe('embedded classes', () => {
  const src = `export class Address {
  @Column() street: string;
  @Column({ nullable: true }) zipCode: string;
  @Index() @Column() city: string;
}
@Entity() export class Shop {
  @PrimaryGeneratedColumn() id: number;
  @Column(() => Address) address: Address;
  @Column(() => Address, { prefix: 'bill' }) billing: Address;
  @Column(() => Address, { prefix: false }) plain: Address;
}`;
  test('default: camelCase prefix + TypeORM titleCase of the name (zipCode → Zipcode); custom and no prefix', () => {
    const t = table(one(src).r, 'shop');
    assert.deepEqual(t.columns.map((c) => c.name), ['id', 'addressStreet', 'addressZipcode', 'addressCity', 'billStreet', 'billZipcode', 'billCity', 'street', 'zipCode', 'city']);
    assert.equal(col(t, 'addressZipcode').nullable, true);
    assert.deepEqual(t.indexes.map((i) => i.keys.map((k) => k.column)), [['addressCity'], ['billCity'], ['city']]);
  });
  test('snake: <prefix>_<column>', () => {
    const t = table(one(src, 'postgresql', 'snake').r, 'shop');
    assert.deepEqual(t.columns.map((c) => c.name).slice(1, 4), ['address_street', 'address_zip_code', 'address_city']);
  });
});

describe('inheritance', () => {
  test('columns of an abstract base class in another file, found by relative import (with .js, via index.ts), generic base', () => {
    const r = lower({
      '/p/src/entity/base/base.entity.ts': `${IMPORTS}export abstract class Base<T> {
  @PrimaryGeneratedColumn('uuid') id: string;
  @CreateDateColumn() createdAt: Date;
  @Column({ type: 'jsonb', nullable: true }) meta: T;
}`,
      '/p/src/entity/base/index.ts': `export * from './base.entity';`,
      '/p/src/entity/timestamps.ts': `${IMPORTS}import { Base } from './base/base.entity.js';
export abstract class Stamped<T> extends Base<T> { @UpdateDateColumn() updatedAt: Date; }`,
      '/p/src/entity/post.entity.ts': `${IMPORTS}import { Stamped } from './timestamps';
import { Base } from './base';
@Entity() export class Post extends Stamped<{ a: number }> { @Column() title: string; }
@Entity() export class Note extends Base<string> { @Column() body: string; }`,
    });
    assert.deepEqual(table(r, 'post').columns.map((c) => [c.name, c.rawType]), [
      ['id', 'uuid'],
      ['createdAt', 'timestamp without time zone'],
      ['meta', 'jsonb'],
      ['updatedAt', 'timestamp without time zone'],
      ['title', 'character varying'],
    ]);
    assert.deepEqual(table(r, 'note').columns.map((c) => c.name), ['id', 'createdAt', 'meta', 'body']);
    // An inherited column's origin is where it is written.
    assert.equal(col(table(r, 'post'), 'id').origin.file, '/p/src/entity/base/base.entity.ts');
    assert.deepEqual(
      r.files.map((f) => [f.path, f.statements.length]),
      [
        ['/p/src/entity/base/base.entity.ts', 0],
        ['/p/src/entity/base/index.ts', 0],
        ['/p/src/entity/timestamps.ts', 0],
        ['/p/src/entity/post.entity.ts', 2],
      ],
      'files without entities are there, without statements (findings on inherited columns are theirs)',
    );
  });
  test('a base class named in no import resolves when its name is unique in the project (path aliases)', () => {
    const r = lower({
      '/p/src/entities/BaseClass.ts': `${IMPORTS}export class BaseClass { @PrimaryColumn({ type: 'int8' }) id: string; }`,
      '/p/src/entities/User.ts': `${IMPORTS}import { BaseClass } from '@app/entities';\n@Entity('users') export class User extends BaseClass { @Column() name: string; }`,
    });
    assert.deepEqual(table(r, 'users').columns.map((c) => [c.name, c.rawType]), [
      ['id', 'bigint'],
      ['name', 'character varying'],
    ]);
  });
  test('@ChildEntity adds its columns to the parent table; @TableInheritance adds the discriminator and its index', () => {
    const files = {
      '/p/src/entity/content.entity.ts': `${IMPORTS}@Entity() @TableInheritance({ column: { type: 'varchar', name: 'kind' } })
export class Content { @PrimaryGeneratedColumn() id: number; @Column() title: string; }`,
      '/p/src/entity/photo.entity.ts': `${IMPORTS}import { Content } from './content.entity';
@ChildEntity() export class Photo extends Content { @Column({ nullable: true }) size: number; @Index() @Column() url: string; }`,
    };
    const r = lower(files);
    const t = table(r, 'content');
    assert.deepEqual(t.columns.map((c) => [c.name, c.rawType, c.nullable]), [
      ['id', 'serial', false],
      ['title', 'character varying', false],
      ['kind', 'character varying', false],
    ]);
    assert.deepEqual(t.indexes.map((i) => i.keys.map((k) => k.column)), [['kind']]);
    const photo = r.files.find((f) => f.path.endsWith('photo.entity.ts'))!.statements[0];
    const alter = photo.facts[0] as Extract<Fact, { kind: 'alterTable' }>;
    assert.equal(alter.kind, 'alterTable');
    assert.equal(alter.table.name, 'content');
    assert.deepEqual(
      alter.actions.map((a) => (a.action === 'addColumn' ? `+${a.column.name}` : a.action === 'addIndex' ? `idx(${a.index.keys.map((k) => k.column)})` : a.action)),
      ['+size', '+url', 'idx(url)'],
    );
    assert.equal(slice(photo.text, { start: alter.nameSpan.start - photo.span.start, end: alter.nameSpan.end - photo.span.start }), 'Photo');
  });
});

describe('decorators', () => {
  test("TypeORM's decorators by import: a namespace, an alias, or none; a same-named one from another module is not TypeORM's", () => {
    const r = lower({
      '/p/src/entity/base.ts': `import * as orm from 'typeorm';\nexport abstract class Base { @orm.PrimaryGeneratedColumn() id: number; }`,
      '/p/src/entity/a.entity.ts': `import * as orm from 'typeorm';
import { Column as Col } from 'typeorm';
import { Column } from '@other/orm';
import * as base from './base';
@orm.Entity() export class A extends base.Base {
  @Col() kept: string;
  @Column() foreign: string;
}`,
      '/p/src/entity/b.entity.ts': `@Entity() export class B { @PrimaryColumn() id: number; }`,
    });
    assert.deepEqual(table(r, 'a').columns.map((c) => c.name), ['id', 'kept']);
    assert.deepEqual(table(r, 'b').columns.map((c) => c.name), ['id']);
  });
});

describe('views and drivers', () => {
  test('@ViewEntity → createView (name, materialized)', () => {
    const src = `@ViewEntity({ name: 'order_totals', expression: 'SELECT 1', materialized: true }) export class OrderTotals { @Column() total: number; }
@ViewEntity() export class PlainView {}`;
    const { r, text } = one(src);
    const views = allFacts(r).filter((f): f is Extract<Fact, { kind: 'createView' }> => f.kind === 'createView');
    assert.deepEqual(views.map((v) => [v.name.name, v.materialized]), [
      ['order_totals', true],
      ['plain_view', undefined],
    ]);
    assert.equal(slice(text, views[0].nameSpan), "'order_totals'");
  });
  test('typeormDriver reads DataSource / createConnection / forRoot options and ormconfig.json', () => {
    assert.equal(typeormDriver(`export const AppDataSource = new DataSource({ type: 'postgres', host: 'localhost', entities: [User] });`), 'postgresql');
    assert.equal(typeormDriver(`createConnection({ type: "mariadb", database: "shop" })`), 'mysql');
    assert.equal(typeormDriver(`TypeOrmModule.forRootAsync({ useFactory: () => ({ type: 'better-sqlite3' as const, database: ':memory:', synchronize: true }) })`), 'sqlite');
    assert.equal(typeormDriver(`{ "type": "mysql", "host": "db", "entities": ["dist/**/*.entity.js"] }`), 'mysql');
    assert.equal(typeormDriver(`const x = { type: 'postgres' }; // no other DataSource option`), undefined);
    assert.equal(typeormDriver(`new DataSource({ type: 'mongodb', url: 'mongodb://x' })`), undefined);
    assert.equal(typeormDriver(`new DataSource({ type: process.env.DB as any, host: 'x' })`), undefined);
    assert.equal(typeormDriver('\0\x01 junk'), undefined);
  });
});

describe('spans', () => {
  // Non-ASCII before and inside the class: offsets are UTF-16 code units.
  const src = `// café ☕ 😀
@Entity('orders')
@Index('orders_state_idx', ['state', 'placedAt'], { where: "state <> 'done'" })
export class Order {
  /** Ünïcode doc */
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20, nullable: true, default: 'new', charset: 'utf8mb4' })
  state: string;
  @Column() placedAt: Date;
  @Column({ unique: true }) code: string;
  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_parent' })
  parent: Order;
}`;
  test('table, column, index, unique and foreign key spans', () => {
    const { r, text } = one(src);
    const st = r.files[0].statements[0];
    assert.equal(slice(text, st.span), text.slice(text.indexOf("@Entity('orders')"), text.lastIndexOf('}') + 1));
    assert.equal(st.text, slice(text, st.span));
    assert.deepEqual([st.status, st.parser, st.leadingComments, st.spans, st.file], ['parsed', 'typeorm', [], [], '/p/src/entity/e.entity.ts']);
    const t = table(r, 'orders');
    assert.equal(slice(text, t.origin.span), st.text);
    assert.equal(slice(text, t.origin.parts?.name), "'orders'");
    assert.equal(slice(text, t.origin.parts?.decorator), "@Entity('orders')");
    const state = col(t, 'state');
    assert.equal(slice(text, state.origin.span), `@Column({ type: 'varchar', length: 20, nullable: true, default: 'new', charset: 'utf8mb4' })\n  state: string;`);
    assert.equal(slice(text, state.origin.parts?.name), 'state');
    assert.equal(slice(text, state.origin.parts?.type), "'varchar'");
    assert.equal(slice(text, state.origin.parts?.decorator), `@Column({ type: 'varchar', length: 20, nullable: true, default: 'new', charset: 'utf8mb4' })`);
    assert.equal(slice(text, state.origin.parts?.default), "'new'");
    assert.equal(slice(text, state.origin.parts?.nullability), 'nullable: true');
    assert.equal(slice(text, state.origin.parts?.charset), "'utf8mb4'");
    assert.equal(slice(text, col(t, 'id').origin.span), '@PrimaryGeneratedColumn() id: number;', 'the doc comment is not part of it');
    assert.equal(slice(text, col(t, 'placedAt').origin.parts?.type), 'Date');
    const ix = t.indexes[0];
    assert.equal(slice(text, ix.origin.span), `@Index('orders_state_idx', ['state', 'placedAt'], { where: "state <> 'done'" })`);
    assert.equal(slice(text, ix.origin.parts?.columns), "['state', 'placedAt']");
    assert.equal(slice(text, ix.origin.parts?.name), "'orders_state_idx'");
    assert.equal(slice(text, ix.origin.parts?.predicate), `"state <> 'done'"`);
    assert.deepEqual(ix.keys.map((k) => slice(text, k.span)), ["'state'", "'placedAt'"]);
    const uq = cons(t, 'unique')[0];
    assert.equal(slice(text, uq.origin.span), '@Column({ unique: true }) code: string;');
    assert.equal(slice(text, uq.origin.parts?.keyword), 'unique: true');
    const fk = cons(t, 'foreign')[0];
    assert.equal(fk.name, 'fk_parent');
    assert.equal(slice(text, fk.origin.span), text.slice(text.indexOf('@ManyToOne'), text.indexOf('parent: Order;') + 'parent: Order;'.length));
    assert.equal(slice(text, fk.origin.parts?.decorator), "@ManyToOne(() => Order, { onDelete: 'CASCADE' })");
    assert.equal(slice(text, fk.origin.parts?.columns), "'parent_id'");
    assert.equal(slice(text, fk.origin.parts?.references), 'Order');
    assert.equal(slice(text, fk.origin.parts?.name), "'fk_parent'");
    const join = col(t, 'parent_id');
    assert.equal(slice(text, join.origin.parts?.name), 'parent');
    assert.equal(slice(text, join.origin.parts?.decorator), "@ManyToOne(() => Order, { onDelete: 'CASCADE' })");
  });
  test('every comment, and nothing inside strings or templates', () => {
    const text = `// one
const s = '// not a comment'; /* two */
const t = \`/* not */ \${s /* three */}\`;
@Entity() export class A { @PrimaryColumn() id: number; // four
}
/* five`;
    const r = lower({ '/p/a.entity.ts': text });
    assert.deepEqual(r.files[0].comments.map((c) => text.slice(c.start, c.end)), ['// one', '/* two */', '/* three */', '// four', '/* five']);
  });
});

describe('robustness', () => {
  const text = `${IMPORTS}@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn() id: number;
  @Column({ length: 100, nullable: true }) name: string;
  @Column({ unique: true }) email: string;
}

@Entity('products')
@Index(['sku'])
export class Product {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() sku: string;
}

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Customer, { onDelete: 'CASCADE' }) customer: Customer;
  @Column('decimal', { precision: 10, scale: 2 }) total: string;
}
`;
  test('a file cut at every 7th character never throws and keeps the classes complete before the cut', () => {
    const full = lower({ '/p/e.entity.ts': text });
    const classes = full.files[0].statements.map((s) => ({ end: s.span.end, facts: JSON.stringify(s.facts) }));
    for (let i = 0; i <= text.length; i += 7) {
      const cut = text.slice(0, i);
      const r = lower({ '/p/e.entity.ts': cut });
      const got = r.files[0]?.statements ?? [];
      for (const [k, c] of classes.entries()) {
        if (c.end > i || k === 2) continue; // Order refers to Customer only: compare the first two
        assert.equal(JSON.stringify(got[k]?.facts), c.facts, `cut at ${i}: class ${k}`);
      }
    }
  });
  test('a class being typed is marked unclosed', () => {
    const r = lower({ '/p/e.entity.ts': `${IMPORTS}@Entity() export class A { @PrimaryColumn() id: number; @Column() na` });
    assert.equal(table(r, 'a').unclosed, true);
  });
  test('binary junk and random text yield nothing', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const statements = (files: Record<string, string>) => lower(files).files.flatMap((f) => f.statements);
    assert.deepEqual(statements({ '/p/junk.entity.ts': junk }), []);
    assert.deepEqual(statements({ '/p/noise.entity.ts': '@@@ ((( ))) class { @Entity( ' + '}'.repeat(50) }), []);
    assert.deepEqual(statements({ '/p/empty.entity.ts': '' }), []);
  });
  test('an entity file is read, never executed or imported', () => {
    const marker = join(tmpdir(), `pwned-${randomBytes(8).toString('hex')}`);
    const evil = `${IMPORTS}require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');
import './side-effect';
@Entity() export class Victim {
  @PrimaryGeneratedColumn() id: number;
  @Column({ default: () => { require('fs').writeFileSync(${JSON.stringify(marker)}, 'y'); return 'now()'; } }) at: Date;
  @ManyToOne(() => require('./evil').Other) other: unknown;
  static { require('fs').writeFileSync(${JSON.stringify(marker)}, 'z'); }
}`;
    const r = lower({ '/p/src/entity/victim.entity.ts': evil, '/p/src/entity/evil.ts': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'w'); export class Other {}` });
    assert.deepEqual(table(r, 'victim').columns.map((c) => c.name), ['id', 'at', 'otherId']);
    assert.equal(existsSync(marker), false, 'nothing was written');
    rmSync(marker, { force: true });
  });
});

describe('what TypeORM decides on its own', () => {
  test('a join column also declared with @Column takes the type of the column it references', () => {
    const { r } = one(`@Entity() export class Guild { @PrimaryColumn({ type: 'int8' }) id: string; }
@Entity() export class Ban {
  @PrimaryGeneratedColumn() id: number;
  @Column({ nullable: true }) guild_id: string;
  @JoinColumn({ name: 'guild_id' }) @ManyToOne(() => Guild) guild: Guild;
}`);
    const ban = table(r, 'ban');
    assert.deepEqual(typeOf(col(ban, 'guild_id')), ['bigint', 'bigint', true]);
    assert.equal(ban.columns.filter((c) => c.name === 'guild_id').length, 1);
  });

  test('the indexes of a join table are the ORM’s own; a primary key through a project decorator is still a key', () => {
    const { r } = one(`import { PrimaryGeneratedId } from '../entity-id.decorator';
@Entity() export class Tag { @PrimaryGeneratedId() id: ID; }
@Entity() export class Post {
  @PrimaryGeneratedColumn() id: number;
  @ManyToMany(() => Tag) @JoinTable() tags: Tag[];
}`);
    const join = table(r, 'post_tags_tag');
    assert.deepEqual(join.indexes.map((i) => i.implicit), [true, true]);
    assert.deepEqual(cons(table(r, 'tag'), 'primary').map((c) => c.columns), [['id']]);
  });

  test('an entity whose base class is outside the files read may have more columns: it is marked incomplete', () => {
    const { r } = one(`import { AdjustmentSource } from '../../common/types/adjustment-source';
@Entity() export class Promotion extends AdjustmentSource { @Column() name: string; }
@Entity() export class Plain extends BaseEntity { @PrimaryGeneratedColumn() id: number; }`);
    assert.equal(table(r, 'promotion').unclosed, true);
    assert.equal(table(r, 'plain').unclosed, undefined);
  });
});
