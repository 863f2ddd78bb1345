/**
 * Beyond `Migrations.existing`: a table that existed before a migration file can still be empty when one of its
 * statements runs — the migration itself created it (again: a dump under `migrations/`, a DROP then CREATE, an
 * earlier part of a split migration; see `introducedBefore`), or emptied it with TRUNCATE earlier in the file and
 * put no literal rows back. The lock-and-scan rules (not-null-column-without-default, blocking-set-not-null,
 * foreign-key-without-not-valid, check-without-not-valid) stay silent there, as on a table created earlier in the file.
 */
import type { Fact, QName } from '../model/types';
import type { StatementRecord } from '../model/schema';
import { nameKey } from '../model/schema';
import type { RuleContext } from './types';
import { introducedBefore } from './_same-file';

/** Is `table` empty when `fact` (of `record`) runs, by what the migration did before it? */
export function emptyBefore(ctx: RuleContext, record: StatementRecord, fact: Fact, table: QName): boolean {
  if (introducedBefore(ctx, record, fact, table)) return true;
  const d = ctx.schema.dialect;
  const key = nameKey(table, d);
  let empty = false;
  for (const r of ctx.migrations.fileStatements(record.file)) {
    if (r === record) break;
    for (const f of r.facts) {
      if (f.kind === 'truncate' && f.tables.some((t) => nameKey(t, d) === key)) empty = true;
      else if (f.kind === 'insertValues' && nameKey(f.table, d) === key) empty = false;
    }
  }
  return empty;
}
