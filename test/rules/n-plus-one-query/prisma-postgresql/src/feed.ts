import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

/** One query per user: N+1. */
export async function feed() {
  const users = await prisma.user.findMany({ take: 50 });
  const out = [];
  for (const user of users) {
    const posts = await prisma.post.findMany({ where: { authorId: user.id, published: true } });
//                      ^^^^^^^^^^^^^^^^^^^^ n-plus-one-query
    out.push({ user, posts });
  }
  return out;
}

/** In parallel it is still one query per user. */
export function counts(ids: bigint[]) {
  return Promise.all(ids.map((id) => prisma.post.count({ where: { authorId: id } })));
//                                   ^^^^^^^^^^^^^^^^^ n-plus-one-query
}

/** The same query in every iteration, a batch per chunk, and one query for all: not N+1. */
export async function fine(chunks: bigint[][], users: { id: bigint }[]) {
  for (const chunk of chunks) {
    await prisma.post.findMany({ where: { authorId: { in: chunk } } });
    await prisma.user.count();
  }
  const posts = await prisma.post.findMany({ where: { authorId: { in: users.map((u) => u.id) } } });
  return prisma.user.findMany({ take: 50, include: { posts: true } }).then((all) => [all, posts]);
}
