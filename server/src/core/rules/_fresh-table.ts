/**
 * Beyond `Migrations.existing`: a table that existed before a migration file can still be empty when one of its
 * statements runs — the migration itself created it (again: a dump under `migrations/`, a DROP then CREATE, an
 * earlier part of a split migration; see `introducedBefore`), or emptied it with TRUNCATE or a `DELETE FROM` without
 * WHERE earlier in the file and put no rows back. The lock-and-scan rules (not-null-column-without-default, blocking-set-not-null,
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
  const text = ctx.fixes.text(record.file);
  for (const r of ctx.migrations.fileStatements(record.file)) {
    if (r === record) break;
    for (const f of r.facts) {
      if (f.kind === 'truncate' && f.tables.some((t) => nameKey(t, d) === key)) empty = true;
      else if (f.kind === 'insertValues' && nameKey(f.table, d) === key) empty = false;
    }
    // DML has no facts in a migration (it is not schema): read it. `DELETE FROM t` without WHERE empties the table;
    // `INSERT INTO t … SELECT` may fill it again.
    if (r.facts.length === 0 && text !== undefined) {
      const st = text.slice(r.span.start, r.span.end);
      const dml = DML.exec(st);
      if (dml && nameKey(qname(dml[2]), d) === key) empty = /^delete/i.test(dml[1]) ? !/\bWHERE\b/i.test(st.slice(dml[0].length)) : false;
    }
  }
  return empty;
}

/** The head of `DELETE FROM [ONLY] name` or `INSERT INTO name`, with the name as written. */
const DML = /^\s*(DELETE\s+FROM|INSERT\s+INTO)\s+(?:ONLY\s+)?((?:"[^"]+"|`[^`]+`|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|`[^`]+`|[\w$]+))?)/i;

function qname(raw: string): QName {
  const parts = raw.split(/\s*\.\s*/).map((p) => (/^["`]/.test(p) ? p.slice(1, -1) : p.toLowerCase()));
  return parts.length > 1 && parts[0] !== 'public' ? { schema: parts[0], name: parts[1] } : { name: parts[parts.length - 1] };
}
