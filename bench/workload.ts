/**
 * A generated workspace for the `workload` bench scenario: a PostgreSQL schema of 200 tables and 2,000 sqlc-style
 * queries (20 files × 100) against it. Deterministic: one seeded PRNG (mulberry32), no Math.random, no clock, so
 * every run benchmarks the same text.
 *
 * The schema is what a mid-sized service looks like: bigint identity keys, foreign keys to earlier tables (most of
 * them indexed), text/timestamptz/numeric/boolean/jsonb columns, 1–4 secondary indexes per table including
 * composite, partial, expression and a few hash ones. The queries are mostly served by those indexes; a few are not
 * (an unindexed filter column, a foreign key without an index, a composite index in the wrong order), so the
 * workload rules have something to say.
 *
 * The generator also returns where the bench edits the first query file: the closing quote of string literals inside
 * WHERE clauses (a character is typed before it, then undone), and the `=` of `token = $1` on a hash-indexed column
 * (`=` → `>`: no index serves the range, query-without-index appears in that file).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WorkloadSpec {
  seed: number;
  tables: number;
  queryFiles: number;
  queriesPerFile: number;
}

export const DEFAULT_SPEC: WorkloadSpec = { seed: 20261121, tables: 200, queryFiles: 20, queriesPerFile: 100 };

/** A place in a file, 0-based line and UTF-16 column (the text is ASCII). */
export interface At {
  line: number;
  col: number;
}

export interface GeneratedWorkload {
  /** Relative path (with `/`) → text. */
  files: Map<string, string>;
  /** The query file the bench edits. */
  editFile: string;
  /** In `editFile`: just before the closing quote of a string literal in a WHERE clause. */
  literalEdits: At[];
  /** In `editFile`: the `=` of a comparison on a hash-indexed column (`token = $1`). */
  meaningEdit: At;
  tables: number;
  queries: number;
  indexes: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    /** k distinct items, in the order of `xs`. */
    sample: <T>(xs: readonly T[], k: number): T[] => {
      const idx = xs.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx
        .slice(0, k)
        .sort((x, y) => x - y)
        .map((i) => xs[i]);
    },
  };
}
type Rng = ReturnType<typeof prng>;

/** 20 modules × 10 entities: one query file per module; the first ones are what later modules reference. */
const MODULES: [string, string[]][] = [
  ['auth', ['user', 'session', 'api_token', 'role', 'permission', 'user_role', 'login_attempt', 'password_reset', 'mfa_device', 'oauth_grant']],
  ['org', ['organization', 'team', 'membership', 'invitation', 'department', 'office', 'org_setting', 'billing_contact', 'domain', 'audit_entry']],
  ['crm', ['customer', 'contact', 'lead', 'opportunity', 'account_note', 'activity', 'pipeline', 'stage', 'deal', 'tag']],
  ['catalog', ['product', 'variant', 'category', 'brand', 'price_list', 'price', 'product_image', 'attribute', 'attribute_value', 'collection']],
  ['inventory', ['warehouse', 'stock_level', 'stock_move', 'bin', 'supplier', 'purchase_order', 'po_line', 'receipt', 'stock_count', 'reservation']],
  ['sales', ['cart', 'cart_item', 'order', 'order_line', 'discount', 'coupon', 'gift_card', 'quote', 'quote_line', 'return_request']],
  ['billing', ['invoice', 'invoice_line', 'payment', 'refund', 'subscription', 'plan', 'usage_record', 'credit_note', 'tax_rate', 'payout']],
  ['shipping', ['shipment', 'parcel', 'carrier', 'tracking_event', 'shipping_rate', 'address', 'pickup', 'customs_form', 'label', 'delivery_slot']],
  ['support', ['ticket', 'ticket_message', 'agent', 'queue', 'sla_policy', 'macro', 'satisfaction_survey', 'escalation', 'kb_article', 'attachment']],
  ['hr', ['employee', 'position', 'leave_request', 'timesheet', 'review', 'goal', 'skill', 'certification', 'onboarding_task', 'benefit']],
  ['payroll', ['pay_run', 'payslip', 'payslip_line', 'deduction', 'bonus', 'tax_form', 'bank_account', 'expense_claim', 'reimbursement', 'compensation']],
  ['marketing', ['campaign', 'segment', 'email_send', 'landing_page', 'ab_test', 'utm_link', 'newsletter', 'subscriber', 'unsubscribe', 'referral']],
  ['content', ['article', 'revision', 'comment', 'media_asset', 'menu', 'page', 'redirect', 'snippet', 'locale', 'translation']],
  ['analytics', ['event', 'page_view', 'funnel', 'funnel_step', 'dashboard', 'widget', 'report', 'export_job', 'metric', 'alert_rule']],
  ['audit', ['audit_log', 'data_access', 'retention_policy', 'legal_hold', 'consent', 'privacy_request', 'incident', 'finding', 'control', 'evidence']],
  ['scheduling', ['calendar', 'appointment', 'availability', 'resource', 'booking', 'reminder', 'time_off', 'shift', 'shift_swap', 'holiday']],
  ['projects', ['project', 'milestone', 'task', 'task_comment', 'time_entry', 'sprint', 'board', 'board_column', 'dependency', 'release']],
  ['finance', ['ledger', 'journal_entry', 'journal_line', 'fiscal_period', 'budget', 'budget_line', 'cost_center', 'exchange_rate', 'bank_statement', 'reconciliation']],
  ['procurement', ['vendor', 'rfq', 'rfq_response', 'contract', 'contract_term', 'approval', 'requisition', 'requisition_line', 'catalog_item', 'spend_category']],
  ['notify', ['notification', 'channel', 'template', 'delivery', 'webhook', 'webhook_attempt', 'push_token', 'preference', 'digest', 'outbox_message']],
];

function plural(s: string): string {
  if (/(s|x|ch|sh)$/.test(s)) return s + 'es';
  if (/[^aeiou]y$/.test(s)) return s.slice(0, -1) + 'ies';
  return s + 's';
}

function camel(s: string): string {
  return s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

interface Col {
  name: string;
  type: string;
  notNull?: boolean;
  def?: string;
  /** Foreign key target table name. */
  ref?: string;
}

interface Idx {
  name: string;
  keys: string[];
  unique?: boolean;
  where?: string;
  method?: string;
}

interface Tbl {
  module: number;
  entity: string;
  name: string;
  alias: string;
  cols: Col[];
  fks: Col[];
  indexes: Idx[];
  has: (c: string) => boolean;
  /** Leading index keys (plain column names, or the expression text), to know what a query can seek on. */
  leads: Set<string>;
}

/** Optional attribute columns, in table order; each table takes a subset. */
const ATTRS: Col[] = [
  { name: 'name', type: 'text', notNull: true },
  { name: 'code', type: 'text', notNull: true },
  { name: 'email', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'kind', type: 'text', notNull: true, def: "'standard'" },
  { name: 'description', type: 'text' },
  { name: 'amount', type: 'numeric(12,2)', notNull: true, def: '0' },
  { name: 'currency', type: 'text', notNull: true, def: "'EUR'" },
  { name: 'quantity', type: 'integer', notNull: true, def: '0' },
  { name: 'priority', type: 'smallint', notNull: true, def: '0' },
  { name: 'is_active', type: 'boolean', notNull: true, def: 'true' },
  { name: 'external_ref', type: 'text' },
  { name: 'metadata', type: 'jsonb', notNull: true, def: "'{}'" },
  { name: 'starts_on', type: 'date' },
  { name: 'due_at', type: 'timestamptz' },
  { name: 'processed_at', type: 'timestamptz' },
];

const STATUSES = ['active', 'pending', 'archived', 'failed', 'open', 'closed', 'draft', 'paid'];

function buildTables(rng: Rng, count: number): Tbl[] {
  const entities: [number, string][] = [];
  MODULES.forEach(([, es], m) => es.forEach((e) => entities.push([m, e])));
  const tables: Tbl[] = [];
  // `p` and `c` are the parent and child of the join queries.
  const aliases = new Set<string>(['p', 'c']);
  for (let i = 0; i < count; i++) {
    const [module, entity] = entities[i % entities.length];
    const suffix = i < entities.length ? '' : `_${Math.floor(i / entities.length) + 1}`;
    const name = plural(entity) + suffix;
    let alias = entity
      .split('_')
      .map((w) => w[0])
      .join('');
    while (aliases.has(alias) && alias.length < 6) alias += entity.replace(/_/g, '')[alias.length] ?? 'x';
    if (aliases.has(alias)) alias = `t${i}`;
    if (['as', 'at', 'by', 'do', 'in', 'is', 'on', 'or', 'to', 'all', 'and', 'any', 'asc', 'end', 'for', 'not', 'off', 'old', 'new', 'ref'].includes(alias)) alias += 'x';
    aliases.add(alias);
    const cols: Col[] = [{ name: 'id', type: 'bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY' }];
    // Foreign keys: the module's earlier tables first, then the shared core (users, organizations, customers …).
    const fks: Col[] = [];
    if (i > 0) {
      const nFk = i < 3 ? 1 : rng.int(0, 3);
      const sameModule = tables.filter((t) => t.module === module);
      const core = tables.slice(0, Math.min(tables.length, 30));
      const targets = new Set<Tbl>();
      for (let k = 0; k < nFk * 3 && targets.size < nFk; k++) {
        const pool = sameModule.length && rng.chance(0.6) ? sameModule : rng.chance(0.5) ? core : tables;
        targets.add(rng.pick(pool));
      }
      for (const t of targets) {
        const fk: Col = { name: `${t.entity}${t.name.slice(plural(t.entity).length)}_id`, type: 'bigint', notNull: rng.chance(0.8), ref: t.name };
        fks.push(fk);
        cols.push(fk);
      }
    }
    const total = rng.int(6, 15);
    const must = ['status', 'created_at'];
    const optional = rng.sample(ATTRS, Math.max(0, total - cols.length - must.length - 1));
    for (const a of optional) cols.push({ ...a });
    cols.push({ name: 'status', type: 'text', notNull: true, def: `'${rng.pick(['active', 'pending', 'draft'])}'` });
    cols.push({ name: 'created_at', type: 'timestamptz', notNull: true, def: 'now()' });
    if (cols.length < total) cols.push(rng.chance(0.5) ? { name: 'updated_at', type: 'timestamptz', notNull: true, def: 'now()' } : { name: 'deleted_at', type: 'timestamptz' });
    tables.push({ module, entity, name, alias, cols, fks, indexes: [], has: (c) => cols.some((x) => x.name === c), leads: new Set(['id']) });
  }
  for (const t of tables) addIndexes(rng, t);
  return tables;
}

function addIndexes(rng: Rng, t: Tbl): void {
  const ix = (keys: string[], extra: Partial<Idx> = {}, suffix?: string) => {
    const base = `${t.name}_${(suffix ?? keys.map((k) => k.replace(/\W+/g, '_').replace(/_+$/, '').replace(/^_+/, '')).join('_')).replace(/_+/g, '_')}`;
    let name = `${base}_${extra.unique ? 'key' : 'idx'}`;
    for (let n = 2; t.indexes.some((x) => x.name === name); n++) name = `${base}${n}_idx`;
    t.indexes.push({ name, keys, ...extra });
    t.leads.add(keys[0].replace(/ (DESC|ASC)$/, ''));
  };
  // Foreign keys: most indexed, some through a composite that leads with them.
  for (const fk of t.fks) {
    if (rng.chance(0.12)) continue;
    if (rng.chance(0.25)) ix([fk.name, 'created_at DESC']);
    else ix([fk.name]);
  }
  const candidates: (() => void)[] = [];
  candidates.push(() => ix(['status', 'created_at']));
  if (t.has('code')) candidates.push(() => ix(['code'], { unique: true }));
  if (t.has('email')) candidates.push(() => ix(['lower(email)'], { unique: true }, 'lower_email'));
  if (t.has('deleted_at')) candidates.push(() => ix(['created_at'], { where: 'deleted_at IS NULL' }, 'live_created_at'));
  if (t.has('due_at')) candidates.push(() => ix(['due_at'], { where: "status = 'pending'" }, 'pending_due_at'));
  if (t.has('external_ref')) candidates.push(() => ix(['external_ref']));
  if (t.has('kind') && t.has('priority')) candidates.push(() => ix(['kind', 'priority DESC', 'created_at']));
  if (t.has('name')) candidates.push(() => ix(['name']));
  if (t.has('processed_at')) candidates.push(() => ix(['processed_at'], { where: 'processed_at IS NULL' }, 'unprocessed'));
  const n = Math.min(candidates.length, rng.int(1, 4));
  for (const c of rng.sample(candidates, n)) c();
  // The wrong order a migration once introduced (range column first): composite-index-order's case.
  if (!t.indexes.some((x) => x.keys[0] === 'status') && rng.chance(0.15)) ix(['created_at', 'status']);
}

function renderTable(t: Tbl): string {
  const lines = t.cols.map((c) => {
    let s = `  ${c.name} ${c.type}`;
    if (c.notNull) s += ' NOT NULL';
    if (c.def) s += ` DEFAULT ${c.def}`;
    if (c.ref) s += ` REFERENCES ${c.ref} (id)${c.notNull ? ' ON DELETE CASCADE' : ' ON DELETE SET NULL'}`;
    return s;
  });
  let out = `CREATE TABLE ${t.name} (\n${lines.join(',\n')}\n);\n`;
  for (const x of t.indexes) {
    out += `CREATE ${x.unique ? 'UNIQUE ' : ''}INDEX ${x.name} ON ${t.name}${x.method ? ` USING ${x.method}` : ''} (${x.keys.join(', ')})${x.where ? ` WHERE ${x.where}` : ''};\n`;
  }
  return out + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

interface Query {
  name: string;
  cmd: ':one' | ':many' | ':exec' | ':execrows';
  /** Lines of SQL; the last ends with `;`. */
  sql: string[];
}

function selectList(rng: Rng, t: Tbl, alias?: string, max = 5): string {
  const p = alias ? `${alias}.` : '';
  const cols = rng.sample(
    t.cols.filter((c) => c.name !== 'id' && c.name !== 'metadata'),
    Math.min(max, t.cols.length - 1),
  );
  return [`${p}id`, ...cols.map((c) => p + c.name)].join(', ');
}

const singular = (t: Tbl) => camel(t.entity);
const pluralName = (t: Tbl) => camel(t.name);

/** One query on `t`: the shape picked by weight among those the table's columns allow. */
function makeQuery(rng: Rng, t: Tbl, tables: Tbl[]): Query {
  const fk = t.fks.length ? rng.pick(t.fks) : undefined;
  const parent = fk ? tables.find((x) => x.name === fk.ref)! : undefined;
  const lit = rng.pick(STATUSES);
  const shapes: [number, () => Query | false | undefined][] = [
    // point lookup by primary key
    [18, () => ({ name: `Get${singular(t)}`, cmd: ':one', sql: [`SELECT ${selectList(rng, t, undefined, 8)}`, `FROM ${t.name}`, `WHERE id = $1;`] })],
    // children of a parent, newest first
    [
      14,
      () =>
        fk && {
          name: `List${pluralName(t)}By${camel(fk.name.replace(/_id$/, ''))}`,
          cmd: ':many',
          sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE ${fk.name} = $1`, `ORDER BY created_at DESC`, `LIMIT $2;`],
        },
    ],
    // equality + range + ORDER BY … LIMIT
    [
      9,
      () =>
        (t.leads.has('status') || t.leads.has('created_at') || rng.chance(0.2)) && {
        name: `List${pluralName(t)}ByStatusSince`,
        cmd: ':many',
        sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE status = $1`, `  AND created_at >= $2`, `ORDER BY created_at DESC`, `LIMIT 50;`],
      },
    ],
    // join through the foreign key, with aliases and a literal filter
    [
      10,
      () =>
        fk &&
        parent && {
          name: `List${pluralName(t)}With${singular(parent)}`,
          cmd: ':many',
          sql: [
            `SELECT ${t.alias}.id, ${t.alias}.status, ${t.alias}.created_at, p.id AS ${parent.entity}_id, p.status AS ${parent.entity}_status`,
            `FROM ${t.name} ${t.alias}`,
            `JOIN ${parent.name} p ON p.id = ${t.alias}.${fk.name}`,
            `WHERE ${t.alias}.${fk.name} = $1`,
            `  AND ${t.alias}.status = '${lit}'`,
            `ORDER BY ${t.alias}.created_at DESC`,
            `LIMIT 100;`,
          ],
        },
    ],
    // join from the parent's key (the child reached through its foreign key index)
    [
      4,
      () =>
        fk &&
        parent &&
        parent.has('code') &&
        parent.indexes.some((x) => x.keys[0] === 'code') && {
          name: `List${pluralName(t)}By${singular(parent)}Code`,
          cmd: ':many',
          sql: [`SELECT ${selectList(rng, t, 'c', 4)}`, `FROM ${parent.name} p`, `JOIN ${t.name} c ON c.${fk.name} = p.id`, `WHERE p.code = $1`, `  AND c.status <> 'archived';`],
        },
    ],
    // IN list and = ANY
    [
      3,
      () => ({ name: `Get${pluralName(t)}ByIDs`, cmd: ':many', sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE id = ANY($1::bigint[]);`] }),
    ],
    [
      3,
      () =>
        fk && {
          name: `Count${pluralName(t)}Open`,
          cmd: ':one',
          sql: [`SELECT count(*)`, `FROM ${t.name}`, `WHERE ${fk.name} = $1`, `  AND status IN ('${lit}', 'pending');`],
        },
    ],
    // case-insensitive lookup (served by the expression index where there is one)
    [3, () => t.has('email') && { name: `Get${singular(t)}ByEmail`, cmd: ':one', sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE lower(email) = lower($1);`] }],
    // LIKE: a prefix, and a search with a leading wildcard
    [2, () => t.has('code') && { name: `Search${pluralName(t)}ByCodePrefix`, cmd: ':many', sql: [`SELECT id, code`, `FROM ${t.name}`, `WHERE code LIKE 'INV-2024%'`, `ORDER BY code`, `LIMIT 20;`] }],
    [
      2,
      () =>
        t.has('name') && {
          name: `Search${pluralName(t)}ByName`,
          cmd: ':many',
          sql: [`SELECT id, name`, `FROM ${t.name}`, `WHERE name ILIKE '%' || $1 || '%'`, `  AND status = 'active'`, `ORDER BY name`, `LIMIT 20;`],
        },
    ],
    // OFFSET pagination
    [2, () => ({ name: `Page${pluralName(t)}`, cmd: ':many', sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `ORDER BY id`, `LIMIT $1 OFFSET $2;`] })],
    [
      1,
      () =>
        fk && {
          name: `Page${pluralName(t)}By${camel(fk.name.replace(/_id$/, ''))}`,
          cmd: ':many',
          sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE ${fk.name} = $1`, `  AND status = 'active'`, `ORDER BY created_at DESC, id DESC`, `LIMIT $2 OFFSET $3;`],
        },
    ],
    // partial indexes: the query repeats the predicate
    [
      2,
      () =>
        t.has('due_at') && {
          name: `List${pluralName(t)}Due`,
          cmd: ':many',
          sql: [`SELECT id, due_at`, `FROM ${t.name}`, `WHERE status = 'pending'`, `  AND due_at <= now()`, `ORDER BY due_at`, `LIMIT 100;`],
        },
    ],
    [
      2,
      () =>
        t.has('deleted_at') && {
          name: `List${pluralName(t)}Live`,
          cmd: ':many',
          sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE deleted_at IS NULL`, `  AND created_at > $1`, `ORDER BY created_at`, `LIMIT 100;`],
        },
    ],
    // lookups on a column that may have no index: query-without-index's case when it has none
    [2, () => t.has('external_ref') && { name: `Get${singular(t)}ByExternalRef`, cmd: ':one', sql: [`SELECT ${selectList(rng, t)}`, `FROM ${t.name}`, `WHERE external_ref = $1;`] }],
    [
      1,
      () =>
        t.has('processed_at') && {
          name: `List${pluralName(t)}Unprocessed`,
          cmd: ':many',
          sql: [`SELECT id`, `FROM ${t.name}`, `WHERE processed_at IS NULL`, `  AND created_at < $1`, `LIMIT 500;`],
        },
    ],
    [2, () => (t.leads.has('status') || rng.chance(0.2)) && { name: `Count${pluralName(t)}ByStatus`, cmd: ':one', sql: [`SELECT count(*)`, `FROM ${t.name}`, `WHERE status = $1;`] }],
    // writes
    [8, () => ({ name: `Update${singular(t)}Status`, cmd: ':exec', sql: [`UPDATE ${t.name}`, `SET status = $2${t.has('updated_at') ? ', updated_at = now()' : ''}`, `WHERE id = $1;`] })],
    [
      2,
      () =>
        t.has('deleted_at') && {
          name: `SoftDelete${singular(t)}`,
          cmd: ':execrows',
          sql: [`UPDATE ${t.name}`, `SET deleted_at = now()`, `WHERE id = $1`, `  AND deleted_at IS NULL;`],
        },
    ],
    [4, () => ({ name: `Delete${singular(t)}`, cmd: ':exec', sql: [`DELETE FROM ${t.name}`, `WHERE id = $1;`] })],
    [
      2,
      () =>
        fk && {
          name: `Delete${pluralName(t)}By${camel(fk.name.replace(/_id$/, ''))}`,
          cmd: ':execrows',
          sql: [`DELETE FROM ${t.name}`, `WHERE ${fk.name} = $1`, `  AND status = 'archived';`],
        },
    ],
    [1, () => ({ name: `Purge${pluralName(t)}`, cmd: ':execrows', sql: [`DELETE FROM ${t.name}`, `WHERE status = 'archived'`, `  AND created_at < $1;`] })],
    [
      1,
      () =>
        fk && {
          name: `Copy${singular(t)}`,
          cmd: ':exec',
          sql: [`INSERT INTO ${t.name} (${fk.name}, status, created_at)`, `SELECT ${fk.name}, 'draft', now()`, `FROM ${t.name}`, `WHERE id = $1;`],
        },
    ],
  ];
  const total = shapes.reduce((n, [w]) => n + w, 0);
  for (;;) {
    let r = rng.next() * total;
    for (const [w, make] of shapes) {
      r -= w;
      if (r < 0) {
        const q = make();
        if (q) return q;
        break;
      }
    }
  }
}

/** Generates the workspace's files (not yet written). */
export function generateWorkload(spec: WorkloadSpec = DEFAULT_SPEC): GeneratedWorkload {
  const rng = prng(spec.seed);
  const tables = buildTables(rng, spec.tables);
  // The first module's sessions are looked up by a token through a hash index: the meaning edit's target.
  const sessions = tables.find((t) => t.name === 'sessions')!;
  if (sessions.cols.length >= 15) {
    // Drop an unindexed attribute column to stay within 15.
    const unindexed = (c: Col) => ATTRS.some((a) => a.name === c.name) && !sessions.indexes.some((x) => x.keys.some((k) => k.includes(c.name)) || x.where?.includes(c.name));
    for (let i = sessions.cols.length - 1; i > 0; i--) {
      if (unindexed(sessions.cols[i])) {
        sessions.cols.splice(i, 1);
        break;
      }
    }
  }
  sessions.cols.splice(1, 0, { name: 'token', type: 'text', notNull: true });
  sessions.indexes.unshift({ name: 'sessions_token_idx', keys: ['token'], method: 'hash' });
  const files = new Map<string, string>();
  files.set('schema.sql', `-- Generated by bench/workload.ts (seed ${spec.seed}): ${tables.length} tables.\n\n` + tables.map(renderTable).join(''));

  let queries = 0;
  let editFile = '';
  const literalEdits: At[] = [];
  let meaningEdit: At | undefined;
  for (let f = 0; f < spec.queryFiles; f++) {
    const module = f % MODULES.length;
    const path = `queries/${MODULES[module][0]}${f >= MODULES.length ? `_${Math.floor(f / MODULES.length) + 1}` : ''}.sql`;
    const own = tables.filter((t) => t.module === module);
    const pool = own.length ? own : tables;
    const names = new Set<string>();
    const lines: string[] = [];
    const push = (q: Query) => {
      let name = q.name;
      for (let n = 2; names.has(name); n++) name = `${q.name}${n}`;
      names.add(name);
      lines.push(`-- name: ${name} ${q.cmd}`);
      for (const l of q.sql) {
        if (f === 0) {
          const m = /^(\s*(?:WHERE|AND) .*= ')(\w+)'/.exec(l);
          if (m) literalEdits.push({ line: lines.length, col: m[1].length + m[2].length });
        }
        lines.push(l);
      }
      lines.push('');
    };
    for (let i = 0; i < spec.queriesPerFile; i++) {
      if (f === 0 && i === Math.floor(spec.queriesPerFile / 2)) {
        push({ name: 'GetSessionByToken', cmd: ':one', sql: ['SELECT id, user_id, created_at', 'FROM sessions', 'WHERE token = $1;'] });
        meaningEdit = { line: lines.length - 2, col: 'WHERE token '.length };
        continue;
      }
      push(makeQuery(rng, rng.chance(0.85) ? rng.pick(pool) : rng.pick(tables), tables));
    }
    queries += spec.queriesPerFile;
    files.set(path, `-- Generated by bench/workload.ts (seed ${spec.seed}).\n\n` + lines.join('\n'));
    if (f === 0) {
      editFile = path;
      // Two header lines precede the queries.
      for (const e of literalEdits) e.line += 2;
      meaningEdit!.line += 2;
    }
  }
  return { files, editFile, literalEdits, meaningEdit: meaningEdit!, tables: tables.length, queries, indexes: tables.reduce((n, t) => n + t.indexes.length, 0) };
}

/** Writes the workspace into `dir` (emptied first). */
export function writeWorkload(dir: string, w: GeneratedWorkload): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of w.files) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}
