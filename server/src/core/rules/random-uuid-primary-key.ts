import type { Rule } from './types';
import { displayName, findColumn, primaryKey } from '../model/schema';
import type { Column } from '../model/schema';

/**
 * An InnoDB table clustered on a random UUID: InnoDB stores rows in primary key order, so each insert lands on a
 * random leaf page of the clustered index, splits pages that are then left half full, and keeps the whole index
 * hot in the buffer pool. MySQL's UUID() is version 1, but its text puts the fast-changing time bits first, so it
 * sorts as randomly as a v4. Heuristic: a CHAR(36)/VARCHAR(36)/CHAR(32)/BINARY(16) leading primary key column named
 * like a UUID (`uuid`, `guid`, `*_uuid`, …) or `id`, or whose default is `UUID()` / `UUID_TO_BIN(UUID())` without the
 * swap flag. MySQL/MariaDB only: PostgreSQL tables are heaps, SQLite tables are clustered on the rowid.
 */
export const rule: Rule = {
  meta: {
    id: 'random-uuid-primary-key',
    type: 'suggestion',
    category: 'performance',
    description: 'InnoDB primary keys should not be random UUIDs',
    dialects: ['mysql'],
    defaultSeverity: 'hint',
    fixable: 'never',
    messages: {
      randomUuid: 'Primary key `{{table}}.{{column}}` holds random UUIDs, so every insert lands on a random page of the clustered index',
    },
  },
  checkTable(ctx, t) {
    if (ctx.schema.dialect !== 'mysql') return;
    if (t.unclosed || t.temporary || t.virtual) return;
    if (t.engine && t.engine.toLowerCase() !== 'innodb') return;
    const pk = primaryKey(t);
    if (!pk || pk.columns.length === 0) return;
    const c = findColumn(t, pk.columns[0]);
    if (!c || !isRandomUuid(c)) return;
    const binary = c.type.name === 'binary';
    ctx.report({
      messageId: 'randomUuid',
      data: { table: displayName(t.name), column: c.name },
      at: c,
      part: 'name',
      help:
        'Generate time-ordered keys instead: UUIDv7 (or a ULID) from the application, or `UUID_TO_BIN(UUID(), 1)` into a `BINARY(16)` ' +
        '(the swap flag puts the timestamp first); or make the primary key a `BIGINT AUTO_INCREMENT` and keep the UUID in a UNIQUE column' +
        (binary ? '' : `. A \`${c.rawType}\` key also makes every secondary index carry at least ${c.type.length ?? 36} bytes per row instead of 16`),
    });
  },
};

const UUID_TYPES = (c: Column): boolean => {
  const { name, length } = c.type;
  if (name === 'binary' || name === 'varbinary') return length === 16;
  if (name === 'char' || name === 'varchar') return length === 36 || length === 32;
  return false;
};

/** UUID(), UUID_TO_BIN(UUID()), UUID_TO_BIN(UUID(), 0), UNHEX(REPLACE(UUID(), '-', '')), (uuid()) … */
const RANDOM_DEFAULT = /^\(*\s*(?:uuid\s*\(\s*\)|uuid_to_bin\s*\(\s*uuid\s*\(\s*\)\s*(?:,\s*(?:0|false)\s*)?\)|unhex\s*\(\s*replace\s*\(\s*uuid\s*\(\s*\)\s*,\s*'-'\s*,\s*''\s*\)\s*\))\s*\)*$/i;

const UUID_NAME = /(?:^|_)(?:uuid|guid)$|(?:[a-z0-9])(?:Uuid|UUID|Guid|GUID)$|^(?:uuid|guid)(?:_?pk)?$/i;

function isRandomUuid(c: Column): boolean {
  if (c.autoIncrement || c.generated || !UUID_TYPES(c)) return false;
  if (c.default !== undefined) return RANDOM_DEFAULT.test(c.default.trim());
  return UUID_NAME.test(c.name) || /^id$/i.test(c.name);
}
