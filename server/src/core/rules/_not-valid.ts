/**
 * What foreign-key-without-not-valid and check-without-not-valid share: the PostgreSQL constraints a migration adds
 * to a table that existed before its file without `NOT VALID`, the name PostgreSQL gives each (written, or the
 * one it generates), and the fix that splits the ADD into `… NOT VALID` + `VALIDATE CONSTRAINT`.
 */
import type { Fix } from '../api';
import type { AlterAction, ConstraintDef, Fact, Origin } from '../model/types';
import type { Schema, StatementRecord } from '../model/schema';
import type { RuleContext } from './types';
import { emptyBefore } from './_fresh-table';

export interface AddedConstraint {
  record: StatementRecord;
  fact: Extract<Fact, { kind: 'alterTable' }>;
  /** The constraint as parsed (its origin spans the text to append `NOT VALID` to). */
  constraint: ConstraintDef;
  /** `ADD COLUMN … REFERENCES` / `CHECK`: written on the column (PostgreSQL takes no NOT VALID there). */
  column?: Extract<AlterAction, { action: 'addColumn' }>;
  /** The name PostgreSQL gives it, when known (written, or generated and still the model's). */
  name?: string;
}

/** Constraints of `kind` added by migrations to tables that existed before their file, without NOT VALID. */
export function addedWithoutNotValid(ctx: RuleContext, kind: 'foreign' | 'check'): AddedConstraint[] {
  const m = ctx.migrations;
  const names = generatedNames(ctx.schema);
  const out: AddedConstraint[] = [];
  for (const record of m.statements()) {
    if (!m.existing(record)) continue;
    for (const fact of record.facts) {
      if (fact.kind !== 'alterTable' || emptyBefore(ctx, record, fact, fact.table)) continue;
      for (const a of fact.actions) {
        if (a.action === 'addConstraint' && a.constraint.kind === kind && !a.constraint.notValid) {
          out.push({ record, fact, constraint: a.constraint, name: a.constraint.name ?? names.get(a.constraint.origin) });
        } else if (a.action === 'addColumn') {
          for (const c of a.constraints) if (c.kind === kind) out.push({ record, fact, constraint: c, column: a, name: c.name ?? names.get(c.origin) });
        }
      }
    }
  }
  return out;
}

/** The names the model generated for unnamed constraints, by the origin the parsed constraint shares with it. */
function generatedNames(schema: Schema): Map<Origin, string> {
  const out = new Map<Origin, string>();
  for (const t of schema.tables.values()) for (const c of t.constraints) if (c.generatedName && c.name) out.set(c.origin, c.name);
  return out;
}

/** ` NOT VALID` on the constraint and a `VALIDATE CONSTRAINT` after its statement, where the file can still change. */
export function notValidFix(ctx: RuleContext, a: AddedConstraint, title: string): Fix | undefined {
  if (a.column || !a.name) return undefined;
  return ctx.fixes.addNotValid(a.constraint, a.name, a.fact.nameSpan, title);
}
