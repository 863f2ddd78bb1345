import { prisma } from './db';

export function productBySku(sku: string) {
  return prisma.product.findUnique({ where: { sku } });
}

/** Search by a word anywhere in the title. */
export function searchProducts(word: string) {
  return prisma.product.findMany({ where: { title: { contains: word, mode: 'insensitive' }, archived: false }, take: 50 });
}

export function latestReviews(productId: bigint) {
  return prisma.review.findMany({ where: { productId }, orderBy: { createdAt: 'desc' }, take: 10 });
}

export function reviewsBy(customerId: bigint) {
  return prisma.review.findMany({ where: { customerId } });
}
