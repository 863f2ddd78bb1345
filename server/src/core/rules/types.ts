/**
 * The shape of a rule module (see HOUSE_STYLE.md "A rule"): `meta` + a pure `check` that visits the model and
 * reports through the context. Rules never compute offsets: they name the entity (`at`) and the `part`.
 */
import type { Fix, Severity } from '../api';
import type { Dialect, Origin, OriginPart, Span } from '../model/types';
import type { Schema, Table, WorkloadQuery } from '../model/schema';
import type { FixBuilder } from '../fixes';
import type { Migrations } from '../migrations';

export interface RuleMeta {
  id: string;
  type: 'problem' | 'suggestion';
  category: 'integrity' | 'indexing' | 'types' | 'migrations' | 'performance';
  /** One line, for `explain` listings and SARIF. */
  description: string;
  dialects: Dialect[];
  /** `off`: the rule runs only when configured (conventions a team opts into). */
  defaultSeverity: Severity | 'off';
  fixable: 'always' | 'sometimes' | 'never';
  /** messageId → template with `{{placeholder}}`s. One sentence, identifiers in backticks, no trailing period. */
  messages: Record<string, string>;
  /** Former ids that still configure and suppress this rule. */
  aliases?: string[];
  /**
   * Reads the workload (`schema.workload`): run again when only queries changed. Rules without it read the schema
   * alone and keep their findings across edits of query files.
   */
  workload?: boolean;
  /**
   * Compares two databases that should be one: an ORM's (a Prisma schema, a project's TypeORM entities) and the one
   * the migrations beside it build. Such a rule has `checkPair`, not `check`.
   */
  pair?: boolean;
  /** Options users may set (`"rules": { "<id>": ["warning", { "<option>": value }] }`), with their defaults. */
  options?: Record<string, RuleOptionSpec>;
}

export interface RuleOptionSpec {
  type: 'number' | 'boolean' | 'string' | 'string[]';
  default: number | boolean | string | string[];
  description: string;
  /** For `string` options: the allowed values. */
  enum?: string[];
}

/** Something a finding can point at: a model node with an origin, or a raw span in a file. */
export type Locatable = { origin: Origin } | { file: string; span: Span };

export interface Report {
  messageId: string;
  /**
   * This finding's level when it differs from the rule's default (e.g. error where the database refuses the DDL,
   * warning where it only costs). A severity the user configured for the rule still wins.
   */
  severity?: Severity;
  data?: Record<string, string | number>;
  at: Locatable;
  /** Narrow the span to this part of the node's origin when it has one. */
  part?: OriginPart;
  help?: string;
  fixes?: (Fix | undefined)[];
  related?: { at: Locatable; part?: OriginPart; message: string }[];
}

export interface RuleContext {
  schema: Schema;
  /** The rule's options: its `meta.options` defaults, overridden by the user's configuration. */
  options: Record<string, unknown>;
  report(r: Report): void;
  fixes: FixBuilder;
  /** Is this file one the workspace treats as a migration? */
  isMigrationFile(file: string): boolean;
  /**
   * For a node defined in a migration: did the table its statement targets exist before that migration file
   * (so it may hold data)? undefined outside migrations.
   */
  tableExistedBeforeFile(at: Locatable): boolean | undefined;
  /** `path:line` of an offset, for messages that name a query (path relative to the project root when inside it). */
  locate(file: string, offset: number): string;
  /** Migration statements, transactions, configured versions and large tables (for the migration-safety rules). */
  migrations: Migrations;
}

/** What a rule's `tableSummary.gate` passes to its `checkTable` calls: compared with `===` between analyses. */
export type Gate = string | number | boolean;

export interface Rule {
  meta: RuleMeta;
  /** Visits the model (the schema, or with `meta.workload` the whole workload too). */
  check?(ctx: RuleContext): void;
  /**
   * Visits one workload query. Its findings may depend only on that query and the schema: the engine keeps them
   * while neither changes (typing in another query re-checks that query alone).
   */
  checkQuery?(ctx: RuleContext, query: WorkloadQuery): void;
  /**
   * Visits one table (of `ctx.schema.tables`, in order). The engine keeps a table's findings while that table and
   * everything the call read are the same: other tables looked up by name, enums, the database defaults. Iterating
   * all tables, or reading statements, workload, views or inserts, makes the call run on every analysis: keep such
   * reads in `check`.
   */
  checkTable?(ctx: RuleContext, table: Table, gate?: Gate): void;
  /**
   * With `checkTable`, for a rule whose verdict on each table depends on counts over all tables (missing-foreign-key:
   * does the database declare most of its references?): `of` counts one table (kept per table like its findings),
   * `gate` turns the sums into the value every `checkTable` call receives. A table's findings are kept only while
   * that value is the same.
   */
  tableSummary?: { of(ctx: RuleContext, table: Table): number[]; gate(ctx: RuleContext, totals: number[]): Gate };
  /**
   * With `meta.pair`: `ctx.schema` is the ORM's database (findings point into its files), `migrations` the database
   * the SQL or TypeORM migrations of the same project and dialect build (related information points there).
   */
  checkPair?(ctx: RuleContext, migrations: Schema): void;
}

export type { Table };
