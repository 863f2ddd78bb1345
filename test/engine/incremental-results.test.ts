/**
 * An analyzer that lives through edits (parse reuse, model reuse, findings moved past the edit) must report
 * exactly what a fresh analyzer reports for the same text: findings, ranges, fixes, related locations.
 * Random edits include meaning-preserving ones (spaces, line breaks, comments) and meaning-changing ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../server/src/core/engine';
import { allDiagnostics, analyze, initCore } from '../helpers/workspace';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = [' ', ' ', '\n', '-- note\n', '/* c */', 'x', '_', ';', "'", '(', ',', 'CREATE INDEX ON t0 (parent_id);\n'];

function schema(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const pk = i % 7 === 3 ? '' : ' PRIMARY KEY';
    parts.push(
      `-- table ${i}\nCREATE TABLE t${i} (\n  id bigint${pk},\n  parent_id bigint REFERENCES t${Math.max(0, i - 1)} (id),\n  created_at timestamp DEFAULT now(),\n  price float,\n  flag boolean DEFAULT false\n);\n` +
        (i % 3 === 0 ? `CREATE INDEX t${i}_parent_idx ON t${i} (parent_id);\nCREATE INDEX t${i}_parent_idx2 ON t${i} (parent_id);\n` : ''),
    );
  }
  return parts.join('\n');
}

function fuzz(base: string, seed: number, edits: number, path = '/w/schema.sql', others: Record<string, string> = {}) {
  const rand = rng(seed);
  const live = new Analyzer();
  let text = base;
  analyze({ ...others, [path]: text }, {}, live);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * text.length);
    if (rand() < 0.75) text = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 2));
    const got = allDiagnostics(analyze({ ...others, [path]: text }, {}, live));
    const want = allDiagnostics(analyze({ ...others, [path]: text }));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const k = got.findIndex((d, j) => JSON.stringify(d) !== JSON.stringify(want[j]));
      assert.fail(`edit ${i} (seed ${seed}) at ${at}: ${got.length} vs ${want.length} findings; first difference:\n got  ${JSON.stringify(got[k])}\n want ${JSON.stringify(want[k])}`);
    }
  }
}

/** Queries over the generated schema: served ones, ones no index serves, wrapped columns, pagination. */
function queries(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = `t${i % 40}`;
    out.push(
      `-- name: Q${i} :many\n` +
        [
          `SELECT id, price FROM ${t} WHERE parent_id = $1 ORDER BY created_at DESC LIMIT 20;`,
          `SELECT * FROM ${t} x JOIN t0 p ON p.id = x.parent_id WHERE x.price > $1 AND date(x.created_at) = $2;`,
          `UPDATE ${t} SET flag = true WHERE id = $1 AND created_at < now();`,
          `SELECT id FROM ${t} WHERE parent_id IN ($1, $2) OR flag ORDER BY id OFFSET $3;`,
        ][i % 4],
    );
  }
  return out.join('\n\n');
}

test('a living analyzer equals a fresh one after every random edit (generated schema, many rules firing)', async () => {
  await initCore();
  const text = schema(160);
  assert.ok(text.length > 16 * 1024);
  fuzz(text, 1, 120);
  fuzz(text, 2, 120);
});

test('a living analyzer equals a fresh one after every random edit (a real dump)', { skip: existsSync(CORPUS) ? false : 'shared corpus not found: skipped' }, async () => {
  await initCore();
  fuzz(readFileSync(join(CORPUS, 'postgresql', 'pagila', 'pagila-schema.sql'), 'utf8'), 3, 60);
});

test('a living analyzer equals a fresh one after every random edit in a query file, and in the schema its queries read', async () => {
  await initCore();
  const db = schema(40);
  const qs = queries(120);
  fuzz(qs, 4, 120, '/w/queries/app.sql', { '/w/schema.sql': db });
  fuzz(db, 5, 60, '/w/schema.sql', { '/w/queries/app.sql': qs });
  // A small query file (whole-file re-split path).
  fuzz(queries(12), 6, 80, '/w/queries/small.sql', { '/w/schema.sql': db });
});

test('a living analyzer equals a fresh one after every random edit in application code and in the Prisma schema it reads', async () => {
  await initCore();
  const prisma = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id        BigInt   @id @default(autoincrement())
  email     String   @unique
  createdAt DateTime @default(now())
  posts     Post[]
}

model Post {
  id        BigInt   @id @default(autoincrement())
  authorId  BigInt
  status    String
  createdAt DateTime @default(now())
  author    User     @relation(fields: [authorId], references: [id])

  @@index([createdAt, status])
}
`;
  const service = (n: number) => `import { prisma } from './db';
export async function recent${n}(status: string, since: Date, page: number) {
  return prisma.post.findMany({ where: { status, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, take: 20, skip: page * 20 });
}
export async function byAuthor${n}(authorId: bigint) {
  return prisma.post.findMany({ where: { authorId } });
}
export async function each${n}(ids: bigint[]) {
  for (const id of ids) await prisma.user.findUnique({ where: { id } });
  return prisma.user.findMany({ where: { email: { contains: 'x' } } });
}
`;
  const others = { '/w/prisma/schema.prisma': prisma, '/w/src/b.service.ts': service(2), '/w/src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n" };
  fuzz(service(1), 7, 60, '/w/src/a.service.ts', others);
  fuzz(prisma, 8, 40, '/w/prisma/schema.prisma', { '/w/src/a.service.ts': service(1), '/w/src/b.service.ts': service(2) });
});
