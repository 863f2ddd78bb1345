/**
 * `INSERT INTO t [(cols)] VALUES (…), (…)` → how many literal rows it adds (seed data: a lookup table filled by
 * a handful of rows is small), without a parser: dumps hold millions of rows, so the scan stops at the cap.
 * Rows with parameters (`$1`, `?`, `:name`) are an application's writes, not seed data.
 */
import { INSERT_ROWS_CAP, type Fact, type QName } from '../model/types';

const HEAD = /^INSERT\s+(?:IGNORE\s+|OR\s+\w+\s+)?INTO\s+((?:[`"[]?[\w$]+[`"\]]?\s*\.\s*)?[`"[]?[\w$]+[`"\]]?)\s*(?:\([^()]*\)\s*)?VALUES\s*\(/i;

export function insertValues(text: string, base: number): Fact | undefined {
  const m = HEAD.exec(text);
  if (!m) return undefined;
  const parts = m[1].split('.').map((p) => p.trim().replace(/^[`"[]|[`"\]]$/g, ''));
  const table: QName = parts.length > 1 && parts[0] !== 'public' && parts[0] !== 'main' ? { schema: parts[0], name: parts[1] } : { name: parts[parts.length - 1] };
  let rows = 0;
  let depth = 0;
  let params = false;
  for (let i = m[0].length - 1; i < text.length && rows < INSERT_ROWS_CAP; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const q = c;
      for (i++; i < text.length; i++) {
        if (text[i] === '\\' && q !== '"') i++;
        else if (text[i] === q) {
          if (text[i + 1] === q) i++;
          else break;
        }
      }
    } else if (c === '(') {
      if (depth++ === 0) rows++;
    } else if (c === ')') depth--;
    else if (depth > 0 && (c === '?' || (c === '$' && /\d/.test(text[i + 1] ?? '')) || (c === ':' && /[A-Za-z_]/.test(text[i + 1] ?? '') && text[i - 1] !== ':'))) {
      params = true;
      break;
    } else if (depth === 0 && /[A-Za-z]/.test(c)) break; // ON CONFLICT, RETURNING, …
  }
  return { kind: 'insertValues', table, rows: params ? 0 : rows, ...(params ? { parameters: true } : {}), span: { start: base, end: base + text.length } };
}
