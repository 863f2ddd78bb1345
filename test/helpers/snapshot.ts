/** Test helpers for parse snapshots: lower a whole file the way the engine does, and render spans readably. */
import { split } from '../../server/src/core/parse/split';
import { parseMysqlStatement } from '../../server/src/core/parse/mysql';
import { recoverStatement } from '../../server/src/core/parse/fallback';

/** Every statement of a MySQL/SQLite file: the parser's facts, or recovery's when it rejects the statement. */
export function lowerFile(text: string, dialect: 'mysql' | 'sqlite') {
  return split(text, dialect).statements.map((st) => {
    const r = parseMysqlStatement(st.text, st.span.start, dialect);
    const facts = r.error ? recoverStatement(st.text, st.span.start, dialect) : r.facts;
    return { statement: st.text.split('\n')[0].slice(0, 60), status: r.error ? (facts.length ? 'recovered' : 'skipped') : 'parsed', facts };
  });
}

/** Spans become "[start,end) «source»" so the snapshot shows what each one covers. */
export function snapshotJson(text: string, value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && typeof v.start === 'number' && typeof v.end === 'number') {
          return `[${v.start},${v.end}) «${text.slice(v.start, v.end)}»`;
        }
        return v;
      },
      2,
    ) + '\n'
  );
}
