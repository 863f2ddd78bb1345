import type { Rule } from './types';
import type { Schema } from '../model/schema';
import { compareSchemas } from '../drift';

/**
 * The ORM's model of a database (a Prisma schema, TypeORM entities) and the migrations that build it disagree: a
 * table, column, type, nullability, default, key, index, foreign key or enum value one side has and the other has
 * not, or has differently. The comparison and its normalisations are `core/drift.ts`'s; this rule reports them on
 * the model, with the migration that made the difference as related information.
 */
export const rule: Rule = {
  meta: {
    id: 'orm-schema-drift',
    type: 'problem',
    category: 'migrations',
    description: 'An ORM model and the migrations of the same database should describe the same schema',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'info',
    fixable: 'never',
    pair: true,
    messages: {
      // One sentence per difference, worded by core/drift.ts (which side changed decides it).
      drift: '{{message}}',
    },
  },
  checkPair(ctx, migrations) {
    for (const f of compareSchemas(ctx.schema, migrations, { source: sourceOf(ctx.schema) })) {
      ctx.report({ messageId: 'drift', data: { message: f.message }, at: f.at, part: f.part, help: f.help, related: f.related });
    }
  },
};

/** A Prisma schema's database is read from `.prisma` files; any other ORM database is TypeORM entities. */
function sourceOf(schema: Schema): 'prisma' | 'typeorm' {
  return schema.statements.some((s) => s.file.endsWith('.prisma')) ? 'prisma' : 'typeorm';
}
