/** Every rule, in the order they run. Adding a rule: its module here, a doc in docs/rules/, fixtures in test/rules/. */
import type { Rule } from './types';
import { rule as missingPrimaryKey } from './missing-primary-key';
import { rule as unindexedForeignKey } from './unindexed-foreign-key';
import { rule as duplicateIndex } from './duplicate-index';
import { rule as redundantIndex } from './redundant-index';

export const RULES: readonly Rule[] = [missingPrimaryKey, unindexedForeignKey, duplicateIndex, redundantIndex];

const byId = new Map<string, Rule>();
for (const r of RULES) for (const id of [r.meta.id, ...(r.meta.aliases ?? [])]) byId.set(id, r);

/** Looks a rule up by id or former id. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
