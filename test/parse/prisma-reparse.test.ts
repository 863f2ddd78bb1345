/**
 * Re-parsing a .prisma file around an edit (parsePrismaFile with the previous parse) must give exactly the full
 * parse: blocks, members, spans, problems, leading comments and the comment list, after random edits that add and
 * remove braces, block keywords, comments, strings and line breaks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrismaFile } from '../../server/src/core/parse/prisma-syntax';
import { rng } from '../helpers/random';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

const INSERTS = ['x', ' ', '\n', '}', '{', '\nmodel Q {\n', '// c\n', '/// doc\n', '"', '[', ']', '@@index([a])\n', 'enum E {', '\r\n', 'model', '  id Int @id\n'];

function fuzz(base: string, seed: number, edits: number): void {
  const rand = rng(seed);
  let text = base;
  let live = parsePrismaFile('/s.prisma', text);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (text.length + 1));
    if (rand() < 0.7) text = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 12));
    live = parsePrismaFile('/s.prisma', text, live);
    const want = parsePrismaFile('/s.prisma', text);
    assert.deepEqual(live, want, `edit ${i} (seed ${seed}) at ${at}`);
  }
}

const SMALL = `// header
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// A user
model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
  @@index([email(sort: Desc)], map: "u_email")
}

enum Role {
  ADMIN
  USER @map("user")
}
model Post { id Int @id
  authorId Int
  author User @relation(fields: [authorId], references: [id])
  tags String[] @default(["a", "b"])
}
// trailing
`;

test('re-parsing around an edit equals a full parse (a small schema, many edits)', () => {
  for (let seed = 1; seed <= 6; seed++) fuzz(SMALL, seed, 150);
});

test('re-parsing around an edit equals a full parse (the largest corpus schema)', { skip: existsSync(CORPUS) ? false : 'shared corpus not found: skipped' }, () => {
  const text = readFileSync(join(CORPUS, 'prisma', 'langfuse', 'packages', 'shared', 'prisma', 'schema.prisma'), 'utf8');
  fuzz(text, 7, 120);
});
