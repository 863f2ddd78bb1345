/**
 * Drift between an ORM model and the migrations of the same database (core/drift.ts): both schemas are built by the
 * project's own readers (Prisma → lowerPrisma, TypeORM entities → lowerTypeorm, SQL migrations → FileParser,
 * TypeORM migrations → parseTypeormMigration) and replayed by buildSchema, as the engine does.
 * The first tests are the important ones: a model and the migrations its framework generates for it are in sync.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initCore } from '../helpers/workspace';
import { FileParser, StatementCache } from '../../server/src/core/parse/file';
import { lowerPrisma, parsePrismaFile } from '../../server/src/core/parse/prisma';
import { lowerTypeorm, parseEntityFile } from '../../server/src/core/parse/typeorm';
import { parseTypeormMigration } from '../../server/src/core/parse/typeorm-migrations';
import { buildSchema, type Schema } from '../../server/src/core/model/schema';
import { compareMigrations } from '../../server/src/core/model/order';
import type { Dialect } from '../../server/src/core/model/types';
import { compareSchemas, migrationName, normDefault, sameType, type DriftFinding } from '../../server/src/core/drift';

const PRISMA = '/p/prisma/schema.prisma';

function prismaSchema(text: string): Schema {
  const r = lowerPrisma([parsePrismaFile(PRISMA, text)]);
  assert.ok(r.dialect, 'the schema names its provider');
  return buildSchema('/p', r.dialect, r.files.map((f) => ({ path: f.path, isMigration: false, statements: f.statements })));
}

function sqlMigrations(files: Record<string, string>, dialect: Dialect): Schema {
  const fp = new FileParser();
  const paths = Object.keys(files).sort(compareMigrations);
  return buildSchema('/p', dialect, paths.map((p) => ({ path: p, isMigration: true, statements: fp.parse(p, files[p], dialect, 'schema').statements })));
}

function entities(files: Record<string, string>, dialect: Dialect): Schema {
  const r = lowerTypeorm(Object.entries(files).map(([p, t]) => parseEntityFile(p, t)), { dialect });
  return buildSchema('/p', dialect, r.files.map((f) => ({ path: f.path, isMigration: false, statements: f.statements })));
}

function typeormMigrations(files: Record<string, string>, dialect: Dialect): Schema {
  const cache = new StatementCache();
  const paths = Object.keys(files).sort(compareMigrations);
  return buildSchema('/p', dialect, paths.map((p) => ({ path: p, isMigration: true, statements: parseTypeormMigration(p, files[p], dialect, cache).statements })));
}

/** Prisma schema + `prisma/migrations/<name>/migration.sql` files → findings. */
function prismaDrift(schema: string, migrations: Record<string, string>): DriftFinding[] {
  const orm = prismaSchema(schema);
  const files = Object.fromEntries(Object.entries(migrations).map(([name, sql]) => [`/p/prisma/migrations/${name}/migration.sql`, sql]));
  return compareSchemas(orm, sqlMigrations(files, orm.dialect), { source: 'prisma' });
}

function brief(fs: DriftFinding[]): string[] {
  return fs.map((f) => `${f.kind}: ${f.message}`);
}

/** The text a finding points at (its `part` when the node has one). */
function pointed(f: DriftFinding, text: string): string {
  if ('origin' in f.at) {
    const s = (f.part && f.at.origin.parts?.[f.part]) || f.at.origin.span;
    return text.slice(s.start, s.end);
  }
  return text.slice(f.at.span.start, f.at.span.end);
}

// ---------------------------------------------------------------------------------------------------------
// Prisma, PostgreSQL

const PG_SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

generator client {
  provider = "prisma-client-js"
}

enum Role {
  USER
  ADMIN
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?  @db.VarChar(255)
  role      Role     @default(USER)
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  posts     Post[]
  profile   Profile?
}

model Profile {
  id     String  @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  bio    String?
  userId Int     @unique @map("user_id")
  user   User    @relation(fields: [userId], references: [id], onDelete: Cascade)

  @@map("profiles")
}

model Post {
  id         Int        @id @default(autoincrement())
  slug       String     @default(cuid())
  title      String
  published  Boolean    @default(false)
  price      Decimal    @default(0) @db.Decimal(10, 2)
  tags       String[]   @default([])
  meta       Json?
  authorId   Int
  author     User       @relation(fields: [authorId], references: [id])
  categories Category[]

  @@unique([authorId, title])
  @@index([authorId, published])
}

model Category {
  id    BigInt @id @default(autoincrement())
  name  String @unique
  posts Post[]
}
`;

/** What `prisma migrate dev` writes for PG_SCHEMA (Prisma 6). */
const PG_INIT = `-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" VARCHAR(255),
    "role" "Role" NOT NULL DEFAULT 'USER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profiles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bio" TEXT,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "price" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "meta" JSONB,
    "authorId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_CategoryToPost" (
    "A" BIGINT NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_CategoryToPost_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "profiles_user_id_key" ON "profiles"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "Post_authorId_title_key" ON "Post"("authorId", "title");

-- CreateIndex
CREATE INDEX "Post_authorId_published_idx" ON "Post"("authorId", "published");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE INDEX "_CategoryToPost_B_index" ON "_CategoryToPost"("B");

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CategoryToPost" ADD CONSTRAINT "_CategoryToPost_A_fkey" FOREIGN KEY ("A") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CategoryToPost" ADD CONSTRAINT "_CategoryToPost_B_fkey" FOREIGN KEY ("B") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
`;

const INIT = '20240101000000_init';

describe('Prisma and its migrations (PostgreSQL)', () => {
  test('a schema and the migration Prisma generates for it: no drift at all', async () => {
    await initCore();
    assert.deepEqual(brief(prismaDrift(PG_SCHEMA, { [INIT]: PG_INIT })), []);
  });

  test('the same database reached through several migrations, hand-written extras and Prisma’s enum-value removal: no drift', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  ADMIN\n', '  ADMIN\n  OWNER\n');
    const findings = prismaDrift(schema, {
      [INIT]: PG_INIT.replace("ENUM ('USER', 'ADMIN')", "ENUM ('USER', 'ADMIN', 'GUEST')"),
      // What the model cannot say is not drift: extensions, functions, triggers, views, CHECKs, partial, expression
      // and GIN indexes.
      '20240102000000_hand_written': `CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Post_title_trgm_idx" ON "Post" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "Post_published_partial_idx" ON "Post" ("authorId") WHERE "published";
CREATE INDEX "User_email_lower_idx" ON "User" (lower("email"));
ALTER TABLE "Post" ADD CONSTRAINT "Post_price_check" CHECK ("price" >= 0);
CREATE VIEW "PublishedPost" AS SELECT * FROM "Post" WHERE "published";
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."updatedAt" = now(); RETURN NEW; END $$;
CREATE TRIGGER "User_touch" BEFORE UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION touch();`,
      // Prisma removes an enum value by swapping the type.
      '20240103000000_drop_guest': `-- AlterEnum
BEGIN;
CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');
ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
COMMIT;`,
      '20240104000000_owner': `ALTER TYPE "Role" ADD VALUE 'OWNER';`,
    });
    assert.deepEqual(brief(findings), []);
  });

  test('a unique constraint and a unique index on the same columns are the same; spellings of types and defaults that the database does not tell apart', async () => {
    await initCore();
    const handWritten = `CREATE TYPE public."Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "User" (
  id serial PRIMARY KEY,
  email text NOT NULL CONSTRAINT "User_email_key" UNIQUE,
  name character varying(255),
  role "Role" NOT NULL DEFAULT 'USER'::"Role",
  "createdAt" timestamp(3) without time zone NOT NULL DEFAULT now(),
  "updatedAt" timestamp(3) without time zone NOT NULL
);
CREATE TABLE profiles (id uuid PRIMARY KEY DEFAULT public.gen_random_uuid(), bio text, user_id integer NOT NULL UNIQUE REFERENCES "User" ON UPDATE CASCADE ON DELETE CASCADE);
CREATE TABLE "Post" (
  id integer NOT NULL DEFAULT nextval('"Post_id_seq"'::regclass),
  slug text NOT NULL,
  title text NOT NULL,
  published boolean NOT NULL DEFAULT 'f',
  price numeric(10,2) NOT NULL DEFAULT '0.00'::numeric,
  tags text[] NOT NULL DEFAULT '{}'::text[],
  meta jsonb,
  "authorId" int4 NOT NULL REFERENCES "User" (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  PRIMARY KEY (id),
  UNIQUE ("authorId", title)
);
CREATE INDEX ON "Post" ("authorId", published);
CREATE TABLE "Category" (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL, CONSTRAINT category_name UNIQUE (name));
CREATE TABLE "_CategoryToPost" ("A" bigint NOT NULL REFERENCES "Category" ON DELETE CASCADE ON UPDATE CASCADE, "B" integer NOT NULL REFERENCES "Post" ON DELETE CASCADE ON UPDATE CASCADE, PRIMARY KEY ("A", "B"));
CREATE INDEX ON "_CategoryToPost" ("B");`;
    assert.deepEqual(brief(prismaDrift(PG_SCHEMA, { [INIT]: handWritten })), []);
  });

  test('an implicit many-to-many table as Prisma 5 created it (a unique index, no primary key) is the same table', async () => {
    await initCore();
    const prisma5 = PG_INIT.replace('    "B" INTEGER NOT NULL,\n\n    CONSTRAINT "_CategoryToPost_AB_pkey" PRIMARY KEY ("A","B")\n', '    "B" INTEGER NOT NULL\n').replace(
      '-- CreateIndex\nCREATE INDEX "_CategoryToPost_B_index"',
      '-- CreateIndex\nCREATE UNIQUE INDEX "_CategoryToPost_AB_unique" ON "_CategoryToPost"("A", "B");\n\n-- CreateIndex\nCREATE INDEX "_CategoryToPost_B_index"',
    );
    assert.match(prisma5, /_CategoryToPost_AB_unique/);
    assert.doesNotMatch(prisma5, /_CategoryToPost_AB_pkey/);
    assert.deepEqual(brief(prismaDrift(PG_SCHEMA, { [INIT]: prisma5 })), []);
  });

  test('a column added to the model only: the model changed, a migration is missing', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  bio    String?\n', '  bio    String?\n  avatar String?\n');
    const fs = prismaDrift(schema, { [INIT]: PG_INIT });
    assert.deepEqual(brief(fs), ['missing-column: Column `profiles.avatar` is in `schema.prisma` but no migration adds it']);
    assert.equal(pointed(fs[0], schema), 'avatar');
    assert.equal(fs[0].help, 'Run `prisma migrate dev` to create the migration for it');
  });

  test('a column dropped by a later migration: the migrations changed', async () => {
    await initCore();
    const fs = prismaDrift(PG_SCHEMA, { [INIT]: PG_INIT, '20240201000000_drop_bio': 'ALTER TABLE "profiles" DROP COLUMN "bio";' });
    assert.deepEqual(brief(fs), ['missing-column: Column `profiles.bio` was dropped by migration `20240201000000_drop_bio` but `schema.prisma` still declares it']);
    assert.equal(fs[0].related?.[0].message, '`bio` is dropped here');
    const rel = fs[0].related![0].at as { file: string; span: { start: number; end: number } };
    assert.equal(rel.file, '/p/prisma/migrations/20240201000000_drop_bio/migration.sql');
    assert.match(fs[0].help, /prisma migrate dev` generates a migration that undoes it/);
  });

  test('a renamed column and table, a column and a table added by hand', async () => {
    await initCore();
    const fs = prismaDrift(PG_SCHEMA, {
      [INIT]: PG_INIT,
      '20240201000000_renames': `ALTER TABLE "profiles" RENAME COLUMN "bio" TO "about";
ALTER TABLE "Category" RENAME TO "categories";
ALTER TABLE "Post" ADD COLUMN "views" INTEGER NOT NULL DEFAULT 0;
CREATE TABLE "audit_log" ("id" BIGSERIAL PRIMARY KEY, "entry" TEXT NOT NULL);`,
    });
    assert.deepEqual(brief(fs), [
      'missing-column: Column `profiles.bio` was renamed to `about` by migration `20240201000000_renames` but `schema.prisma` still declares `bio`',
      'extra-column: Column `Post.views` is added by migration `20240201000000_renames` but `schema.prisma` does not declare it',
      'missing-table: Table `Category` was renamed to `categories` by migration `20240201000000_renames` but `schema.prisma` still declares `Category`',
      'extra-table: Table `audit_log` is created by migration `20240201000000_renames` but `schema.prisma` has no model for it',
    ]);
    assert.equal(fs[0].help, 'Map the field to the new name (`@map("about")`), or rename the column back in a new migration');
  });

  test('a type changed in the model, and one changed by a migration', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  title      String\n', '  title      String     @db.VarChar(200)\n');
    const fs = prismaDrift(schema, { [INIT]: PG_INIT, '20240201000000_bigint': 'ALTER TABLE "profiles" ALTER COLUMN "user_id" SET DATA TYPE BIGINT;' });
    assert.deepEqual(brief(fs), [
      'type: Column `profiles.user_id` was changed to `BIGINT` by migration `20240201000000_bigint` but `schema.prisma` says `integer`',
      'type: Column `Post.title` is `varchar(200)` in `schema.prisma` but migration `20240101000000_init` creates it as `TEXT` and no later migration changes it',
    ]);
    assert.equal(pointed(fs[1], schema), '@db.VarChar(200)');
  });

  test('nullability and defaults, from either side', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  title      String\n', '  title      String?\n').replace('  slug       String     @default(cuid())\n', '  slug       String     @default("")\n');
    const fs = prismaDrift(schema, {
      [INIT]: PG_INIT,
      '20240201000000_tweaks': `ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;
ALTER TABLE "Post" ALTER COLUMN "published" SET DEFAULT true;
ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;`,
    });
    assert.deepEqual(brief(fs), [
      'nullability: Column `User.name` was made NOT NULL by migration `20240201000000_tweaks` but `schema.prisma` still declares it nullable',
      "default: The default of `User.role` was dropped by migration `20240201000000_tweaks` but `schema.prisma` still declares `'USER'`",
      'default: Column `Post.slug` has the default `\'\'` in `schema.prisma` but no default in migration `20240101000000_init`, and no later migration changes it',
      'nullability: Column `Post.title` is nullable in `schema.prisma` but migration `20240101000000_init` creates it NOT NULL and no later migration changes it',
      'default: Column `Post.published` was given the default `true` by migration `20240201000000_tweaks` but `schema.prisma` declares the default `false`',
    ]);
    assert.equal(pointed(fs[3], schema), '?');
  });

  test('indexes, uniques and foreign keys: missing, dropped, of another uniqueness, with other actions', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  @@index([authorId, published])\n', '  @@index([authorId, published])\n  @@index([title])\n').replace(
      'user   User    @relation(fields: [userId], references: [id], onDelete: Cascade)',
      'user   User    @relation(fields: [userId], references: [id], onDelete: SetNull)',
    );
    const fs = prismaDrift(schema, {
      [INIT]: PG_INIT,
      '20240201000000_keys': `DROP INDEX "Category_name_key";
CREATE INDEX "Category_name_idx" ON "Category"("name");
ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");`,
    });
    assert.deepEqual(brief(fs), [
      'extra-index: Index `User_createdAt_idx` on `User(createdAt)` is created by migration `20240201000000_keys` but `schema.prisma` does not declare it',
      'foreign-key-action: Foreign key `profiles(user_id)` → `User` has ON DELETE SET NULL in `schema.prisma` but ON DELETE CASCADE in migration `20240101000000_init`',
      'missing-index: Index on `Post(title)` is in `schema.prisma` but no migration creates it',
      'missing-foreign-key: Foreign key `Post(authorId)` → `User` was dropped by migration `20240201000000_keys` but `schema.prisma` still declares it',
      'uniqueness: `Category(name)` is unique in `schema.prisma` but the index migration `20240201000000_keys` creates on it is not',
    ]);
    assert.equal(pointed(fs[2], schema), '[title]');
  });

  test('enums: a value only the model has, one only the migrations have, an enum no migration creates', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  ADMIN\n', '  ADMIN\n  OWNER\n') + '\nenum Plan {\n  FREE\n  PRO\n}\n';
    const fs = prismaDrift(schema, { [INIT]: PG_INIT, '20240201000000_guest': `ALTER TYPE "Role" ADD VALUE 'GUEST';` });
    assert.deepEqual(brief(fs), [
      'enum-values: Enum `Role` has the value `OWNER` in `schema.prisma` but no migration adds it',
      'enum-values: Enum `Role` gets the value `GUEST` from migration `20240201000000_guest` but `schema.prisma` does not declare it',
      'missing-enum: Enum `Plan` is in `schema.prisma` but no migration creates it',
    ]);
  });

  test('an enum a migration renamed, that the model still declares under its old name', async () => {
    await initCore();
    const fs = prismaDrift(PG_SCHEMA, { [INIT]: PG_INIT, '20240201000000_rename': 'ALTER TYPE "Role" RENAME TO "UserRole";' });
    // One cause, one finding: the column's type is that enum.
    assert.deepEqual(brief(fs), ['missing-enum: Enum `Role` was renamed to `UserRole` by migration `20240201000000_rename` but `schema.prisma` still declares it']);
  });

  test('a model no migration creates, and one a migration dropped', async () => {
    await initCore();
    const schema = PG_SCHEMA + '\nmodel Tag {\n  id Int @id\n}\n';
    const fs = prismaDrift(schema, { [INIT]: PG_INIT, '20240201000000_drop': 'DROP TABLE "_CategoryToPost";' });
    assert.deepEqual(brief(fs), [
      'missing-table: Table `_CategoryToPost` was dropped by migration `20240201000000_drop` but `schema.prisma` still declares it',
      'missing-table: Table `Tag` is in `schema.prisma` but no migration creates it',
    ]);
    assert.equal(pointed(fs[1], schema), 'Tag');
  });

  test('relationMode = "prisma": the migrations have no foreign keys, and that is no drift', async () => {
    await initCore();
    const schema = PG_SCHEMA.replace('  url      = env("DATABASE_URL")\n', '  url      = env("DATABASE_URL")\n  relationMode = "prisma"\n');
    const init = PG_INIT.replace(/-- AddForeignKey\nALTER TABLE [^\n]*\n/g, '');
    assert.deepEqual(brief(prismaDrift(schema, { [INIT]: init })), []);
    // And a foreign key created by hand anyway is the migrations' business.
    assert.deepEqual(brief(prismaDrift(schema, { [INIT]: init, '20240201000000_fk': 'ALTER TABLE "Post" ADD FOREIGN KEY ("authorId") REFERENCES "User"("id");' })), []);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Prisma, MySQL and SQLite

describe('Prisma and its migrations (MySQL, SQLite)', () => {
  const model = (provider: string) => `datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?  @db.VarChar(255)
  active    Boolean  @default(true)
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  posts     Post[]
}

model Post {
  id        Int     @id @default(autoincrement())
  title     String
  published Boolean @default(false)
  authorId  Int
  author    User    @relation(fields: [authorId], references: [id])

  @@unique([authorId, title])
  @@index([authorId, published])
}
`;

  test('MySQL: the migration Prisma generates, no drift; a hand-made change is found', async () => {
    await initCore();
    const schema = model('mysql');
    const init = `-- CreateTable
CREATE TABLE \`User\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`email\` VARCHAR(191) NOT NULL,
    \`name\` VARCHAR(255) NULL,
    \`active\` BOOLEAN NOT NULL DEFAULT true,
    \`createdAt\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`updatedAt\` DATETIME(3) NOT NULL,

    UNIQUE INDEX \`User_email_key\`(\`email\`),
    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE \`Post\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`title\` VARCHAR(191) NOT NULL,
    \`published\` BOOLEAN NOT NULL DEFAULT false,
    \`authorId\` INTEGER NOT NULL,

    INDEX \`Post_authorId_published_idx\`(\`authorId\`, \`published\`),
    UNIQUE INDEX \`Post_authorId_title_key\`(\`authorId\`, \`title\`),
    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE \`Post\` ADD CONSTRAINT \`Post_authorId_fkey\` FOREIGN KEY (\`authorId\`) REFERENCES \`User\`(\`id\`) ON DELETE RESTRICT ON UPDATE CASCADE;
`;
    assert.deepEqual(brief(prismaDrift(schema, { [INIT]: init })), []);
    // MySQL spellings: int(11), tinyint(1) with '1', NO ACTION for RESTRICT.
    const dump = init
      .replace(/INTEGER NOT NULL AUTO_INCREMENT/g, 'int(11) NOT NULL AUTO_INCREMENT')
      .replace('BOOLEAN NOT NULL DEFAULT true', "tinyint(1) NOT NULL DEFAULT '1'")
      .replace('ON DELETE RESTRICT', 'ON DELETE NO ACTION');
    assert.deepEqual(brief(prismaDrift(schema, { [INIT]: dump })), []);
    const fs = prismaDrift(schema, { [INIT]: init, '20240201000000_widen': 'ALTER TABLE `Post` MODIFY `title` VARCHAR(500) NOT NULL;' });
    assert.deepEqual(brief(fs), ['type: Column `Post.title` was changed to `VARCHAR(500)` by migration `20240201000000_widen` but `schema.prisma` says `varchar(191)`']);
  });

  test('SQLite: the migration Prisma generates, no drift; a missing index is found', async () => {
    await initCore();
    const schema = model('sqlite');
    const init = `-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Post_authorId_title_key" ON "Post"("authorId", "title");

-- CreateIndex
CREATE INDEX "Post_authorId_published_idx" ON "Post"("authorId", "published");
`;
    // SQLite's VarChar(255) is TEXT to Prisma (no native types): the model lowers `name` to text too.
    const plain = schema.replace(' @db.VarChar(255)', '');
    assert.deepEqual(brief(prismaDrift(plain, { [INIT]: init })), []);
    const fs = prismaDrift(plain, { [INIT]: init.replace(/-- CreateIndex\nCREATE INDEX "Post_authorId_published_idx"[^\n]*\n/, '') });
    assert.deepEqual(brief(fs), ['missing-index: Index on `Post(authorId, published)` is in `schema.prisma` but no migration creates it']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// TypeORM entities and TypeORM migration files

const ENTITIES = `import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ unique: true }) email: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) name: string | null;
  @Column({ type: 'enum', enum: ['admin', 'member'], default: 'member' }) role: string;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
  @OneToMany(() => Post, (p) => p.author) posts: Post[];
}

@Entity()
@Index(['authorId', 'published'])
export class Post {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() title: string;
  @Column({ default: false }) published: boolean;
  @Column({ type: 'decimal', precision: 10, scale: 2, default: 0 }) price: string;
  @Column({ type: 'json', nullable: true }) meta: object | null;
  @Column() authorId: number;
  @ManyToOne(() => User, (u) => u.posts, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'authorId' }) author: User;
}
`;

/** What `typeorm migration:generate` (0.3) writes for ENTITIES on PostgreSQL. */
const TYPEORM_PG = `import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1700000000000 implements MigrationInterface {
    name = 'Init1700000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`CREATE TYPE "public"."user_role_enum" AS ENUM('admin', 'member')\`);
        await queryRunner.query(\`CREATE TABLE "user" ("id" SERIAL NOT NULL, "email" character varying NOT NULL, "name" character varying(100), "role" "public"."user_role_enum" NOT NULL DEFAULT 'member', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"), CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id"))\`);
        await queryRunner.query(\`CREATE TABLE "post" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "title" character varying NOT NULL, "published" boolean NOT NULL DEFAULT false, "price" numeric(10,2) NOT NULL DEFAULT '0', "meta" json, "authorId" integer NOT NULL, CONSTRAINT "PK_be5fda3aac270b134ff9c21cdee" PRIMARY KEY ("id"))\`);
        await queryRunner.query(\`CREATE INDEX "IDX_2b5ea1d5a8ecf9f1ef5bd7a6b4" ON "post" ("authorId", "published") \`);
        await queryRunner.query(\`ALTER TABLE "post" ADD CONSTRAINT "FK_c6fb082a3114f35d0cc27c518e0" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION\`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`ALTER TABLE "post" DROP CONSTRAINT "FK_c6fb082a3114f35d0cc27c518e0"\`);
        await queryRunner.query(\`DROP INDEX "public"."IDX_2b5ea1d5a8ecf9f1ef5bd7a6b4"\`);
        await queryRunner.query(\`DROP TABLE "post"\`);
        await queryRunner.query(\`DROP TABLE "user"\`);
        await queryRunner.query(\`DROP TYPE "public"."user_role_enum"\`);
    }
}
`;

/** The same for MySQL: TypeORM 0.3 escapes the backticks inside its template literals. */
const TYPEORM_MYSQL = `import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1700000000000 implements MigrationInterface {
    name = 'Init1700000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`CREATE TABLE \\\`user\\\` (\\\`id\\\` int NOT NULL AUTO_INCREMENT, \\\`email\\\` varchar(255) NOT NULL, \\\`name\\\` varchar(100) NULL, \\\`role\\\` enum ('admin', 'member') NOT NULL DEFAULT 'member', \\\`createdAt\\\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \\\`updatedAt\\\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \\\`IDX_e12875dfb3b1d92d7d7c5377e2\\\` (\\\`email\\\`), PRIMARY KEY (\\\`id\\\`)) ENGINE=InnoDB\`);
        await queryRunner.query(\`CREATE TABLE \\\`post\\\` (\\\`id\\\` varchar(36) NOT NULL, \\\`title\\\` varchar(255) NOT NULL, \\\`published\\\` tinyint NOT NULL DEFAULT 0, \\\`price\\\` decimal(10,2) NOT NULL DEFAULT '0.00', \\\`meta\\\` json NULL, \\\`authorId\\\` int NOT NULL, INDEX \\\`IDX_2b5ea1d5a8ecf9f1ef5bd7a6b4\\\` (\\\`authorId\\\`, \\\`published\\\`), PRIMARY KEY (\\\`id\\\`)) ENGINE=InnoDB\`);
        await queryRunner.query(\`ALTER TABLE \\\`post\\\` ADD CONSTRAINT \\\`FK_c6fb082a3114f35d0cc27c518e0\\\` FOREIGN KEY (\\\`authorId\\\`) REFERENCES \\\`user\\\`(\\\`id\\\`) ON DELETE CASCADE ON UPDATE NO ACTION\`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`DROP TABLE \\\`post\\\`\`);
        await queryRunner.query(\`DROP TABLE \\\`user\\\`\`);
    }
}
`;

const ENTITY_FILE = '/p/src/entities/model.entity.ts';
const MIGRATION_FILE = '/p/src/migrations/1700000000000-Init.ts';

function typeormDrift(entityText: string, migrations: Record<string, string>, dialect: Dialect): DriftFinding[] {
  return compareSchemas(entities({ [ENTITY_FILE]: entityText }, dialect), typeormMigrations(migrations, dialect), { source: 'typeorm' });
}

describe('TypeORM entities and their migrations', () => {
  test('PostgreSQL: the migration TypeORM generates for the entities, no drift at all', async () => {
    await initCore();
    assert.deepEqual(brief(typeormDrift(ENTITIES, { [MIGRATION_FILE]: TYPEORM_PG }, 'postgresql')), []);
  });

  test('MySQL: the same, read through escaped template literals', async () => {
    await initCore();
    assert.deepEqual(brief(typeormDrift(ENTITIES, { [MIGRATION_FILE]: TYPEORM_MYSQL }, 'mysql')), []);
  });

  test('an entity column without a migration, a column a later migration dropped, a table no entity declares', async () => {
    await initCore();
    const entity = ENTITIES.replace("  @Column() title: string;\n", "  @Column() title: string;\n  @Column({ nullable: true }) subtitle: string;\n");
    const later = `import { MigrationInterface, QueryRunner } from "typeorm";

export class DropName1700000100000 implements MigrationInterface {
    name = 'DropName1700000100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`ALTER TABLE "user" DROP COLUMN "name"\`);
        await queryRunner.query(\`CREATE TABLE "job_queue" ("id" SERIAL NOT NULL, CONSTRAINT "PK_1" PRIMARY KEY ("id"))\`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`ALTER TABLE "user" ADD "name" character varying(100)\`);
    }
}
`;
    const fs = typeormDrift(entity, { [MIGRATION_FILE]: TYPEORM_PG, '/p/src/migrations/1700000100000-DropName.ts': later }, 'postgresql');
    // TypeORM never drops a table it has no entity for: `job_queue` is no drift.
    assert.deepEqual(brief(fs), [
      'missing-column: Column `user.name` was dropped by migration `1700000100000-DropName` but `model.entity.ts` still declares it',
      'missing-column: Column `post.subtitle` is in `model.entity.ts` but no migration adds it',
    ]);
    assert.equal(fs[1].help, 'Generate the migration for it (`typeorm migration:generate`)');
    // The related span is the SQL inside the TypeScript string.
    const rel = fs[0].related![0].at as { file: string; span: { start: number; end: number } };
    assert.equal(rel.file, '/p/src/migrations/1700000100000-DropName.ts');
    assert.equal(later.slice(rel.span.start, rel.span.end), 'DROP COLUMN "name"');
  });

  test('MySQL: a change in the entity is found, and pointed at through the escapes', async () => {
    await initCore();
    const entity = ENTITIES.replace("@Column({ type: 'varchar', length: 100, nullable: true }) name", "@Column({ type: 'varchar', length: 150, nullable: true }) name");
    const fs = typeormDrift(entity, { [MIGRATION_FILE]: TYPEORM_MYSQL }, 'mysql');
    assert.deepEqual(brief(fs), ['type: Column `user.name` is `varchar(150)` in `model.entity.ts` but migration `1700000000000-Init` creates it as `varchar(100)` and no later migration changes it']);
    const rel = fs[0].related![0].at as { origin: { span: { start: number; end: number } } };
    assert.equal(TYPEORM_MYSQL.slice(rel.origin.span.start, rel.origin.span.end), '\\`name\\` varchar(100) NULL');
  });
});

// ---------------------------------------------------------------------------------------------------------
// The normalisations

test('defaults compare by value: casts, parentheses, quoting, now() and its synonyms, random UUIDs, arrays', () => {
  const text = { type: { name: 'text' } };
  const int = { type: { name: 'integer' } };
  const bool = { type: { name: 'boolean' } };
  const tinyint1 = { type: { name: 'tinyint', length: 1 } };
  const arr = { type: { name: 'text', array: 1 } };
  const same = (a: string, b: string, c: { type: { name: string; length?: number; array?: number } }, d: Dialect = 'postgresql') =>
    assert.equal(normDefault(a, c, d), normDefault(b, c, d), `${a} vs ${b}`);
  same("'x'::text", "'x'", text);
  same("('x'::character varying)", "'x'", text);
  same("'it''s'", "E'it\\'s'", text);
  same("'ACTIVE'::\"Status\"", "'ACTIVE'", text);
  same('(0)', "'0'::integer", int);
  same('-1', "('-1')", int);
  same("'1.50'::numeric", '1.5', { type: { name: 'numeric' } });
  same('false', "'f'", bool);
  same('true', "'1'", tinyint1, 'mysql');
  same('now()', 'CURRENT_TIMESTAMP', text);
  same('CURRENT_TIMESTAMP(3)', 'now(3)', text, 'mysql');
  same("datetime('now')", 'CURRENT_TIMESTAMP', text, 'sqlite');
  same('gen_random_uuid()', 'public.uuid_generate_v4()', text);
  same('ARRAY[]::text[]', "'{}'::text[]", arr);
  same("ARRAY['a', 'b']::text[]", "'{a,b}'", arr);
  same("(now() AT TIME ZONE 'utc'::text)", "NOW() at time zone 'utc'", text);
  assert.equal(normDefault('NULL', text, 'postgresql'), undefined);
  assert.notEqual(normDefault("'a'", text, 'postgresql'), normDefault("'A'", text, 'postgresql'));
  assert.notEqual(normDefault('0', int, 'postgresql'), normDefault('1', int, 'postgresql'));
  assert.notEqual(normDefault('now()', text, 'postgresql'), normDefault('clock_timestamp()', text, 'postgresql'));
  assert.notEqual(normDefault("'{a}'", arr, 'postgresql'), normDefault("'{}'", arr, 'postgresql'));
});

test('types compare as the database sees them', () => {
  assert.ok(sameType({ name: 'timestamp' }, { name: 'timestamp', precision: 6 }, 'postgresql'));
  assert.ok(!sameType({ name: 'timestamp', precision: 3 }, { name: 'timestamp' }, 'postgresql'));
  assert.ok(sameType({ name: 'datetime' }, { name: 'datetime', precision: 0 }, 'mysql'));
  assert.ok(sameType({ name: 'integer', length: 11 }, { name: 'integer' }, 'mysql'));
  assert.ok(!sameType({ name: 'integer', unsigned: true }, { name: 'integer' }, 'mysql'));
  assert.ok(sameType({ name: 'Role' }, { name: 'public.Role' }, 'postgresql'));
  assert.ok(sameType({ name: 'enum', values: ['a', 'b'] }, { name: 'enum', values: ['b', 'a'] }, 'mysql'));
  assert.ok(!sameType({ name: 'enum', values: ['a', 'b'] }, { name: 'enum', values: ['a'] }, 'mysql'));
  assert.ok(!sameType({ name: 'varchar', length: 191 }, { name: 'text' }, 'mysql'));
  assert.ok(!sameType({ name: 'json' }, { name: 'jsonb' }, 'postgresql'));
  assert.ok(sameType({ name: 'varchar', length: 10 }, { name: 'varchar', length: 20 }, 'sqlite'));
});

test('migrations are named as their framework names them', () => {
  assert.equal(migrationName('/p/prisma/migrations/20240101000000_init/migration.sql'), '20240101000000_init');
  assert.equal(migrationName('/p/src/migrations/1700000000000-Init.ts'), '1700000000000-Init');
  assert.equal(migrationName('/p/db/migrations/0003_users.up.sql'), '0003_users');
  assert.equal(migrationName('/p/migrations/2023-01-01-000000_x/up.sql'), '2023-01-01-000000_x');
});
