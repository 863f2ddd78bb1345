import type { Rule } from './types';
import type { QueryDef } from '../model/types';

/**
 * An ORM read inside a loop whose filter uses the loop's element (`for (const u of users) await
 * prisma.post.findMany({ where: { authorId: u.id } })`), or a TypeORM lazy relation awaited per element: one query
 * per element, where one query could read them all. The finding is on the call; the loop is its related location.
 *
 * Precision: only reads (an update per element is often what the code means); a read whose filter does not use
 * the element (the same query each time) and a batch per element (`{ id: { in: chunk } }`, `In(chunk)`: reading a
 * list in chunks) are not N+1. Loops are seen within one function: a loop that calls a helper which queries is not.
 */
export const rule: Rule = {
  meta: {
    id: 'n-plus-one-query',
    type: 'problem',
    category: 'performance',
    description: 'An ORM read runs once per element of a loop (N+1 queries) where one query could read them all',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      loop: '`{{call}}`{{on}} runs once per element of this loop: N+1 queries where one would do',
      raw: 'This query runs once per element of this loop: N+1 queries where one would do',
      lazy: 'Awaiting the lazy relation `{{relation}}` runs one query per element of this loop: N+1 queries where one would do',
    },
  },
  checkQuery(ctx, q) {
    const orm = q.query.orm;
    const loop = orm?.loop;
    if (!orm || !loop || q.query.kind !== 'select' || !(loop.byLoopVariable || loop.lazyRelation)) return;
    const main = q.query.blocks[0];
    const related = [{ at: { file: q.file, span: loop.span }, message: loop.kind === 'promise-all-map' ? 'the elements mapped to queries that run at once' : 'the loop' }];
    if (loop.lazyRelation) {
      const relation = orm.relation ?? orm.method;
      ctx.report({
        messageId: 'lazy',
        data: { relation },
        at: { file: q.file, span: q.query.span },
        help: `Load \`${relation}\` with the parents instead (\`relations: ['${relation}']\` in the find that read them, or \`leftJoinAndSelect\` in its query builder), or read every element's rows with one \`find({ where: { …: In(ids) } })\` before the loop`,
        related,
      });
      return;
    }
    const column = filterColumn(q.query);
    const on = column ? ` on \`${column}\`` : '';
    const help =
      orm.client === 'prisma'
        ? `Read the rows of every element with one query before the loop, its filter${on} taking all their keys (\`{ in: ids }\`), and pair them up in memory; or have the query that read the list load them with \`include\``
        : `Read the rows of every element with one query before the loop, its filter${on} taking all their keys (\`In(ids)\`, or \`IN (:...ids)\` in a query builder), and pair them up in memory; or load them with the list through \`relations\` (or a join in its query builder)`;
    ctx.report({
      messageId: orm.model ? 'loop' : 'raw',
      // Prisma names the model in the call (`post.findMany`); a TypeORM repository does not (`findOneBy` on `Customer`).
      data:
        orm.client === 'prisma' && orm.model
          ? { call: `${orm.model.charAt(0).toLowerCase()}${orm.model.slice(1)}.${orm.method}`, on: '' }
          : { call: orm.method, on: orm.model ? ` on \`${orm.model}\`` : '' },
      // An ORM call's main table reference is its callee (`prisma.post.findMany`); raw SQL's is a name in the string.
      at: { file: q.file, span: (orm.model && main?.tables[0]?.span) || q.query.span },
      help,
      related,
    });
  },
};

/** The column the query compares with a value of the script (the element's key), as the database names it. */
function filterColumn(q: QueryDef): string | undefined {
  const p = q.blocks[0]?.predicates.find((x) => x.value.kind === 'param' && (x.op === 'eq' || x.op === 'in') && !x.inOr);
  return p?.target.column;
}

