/** Every rule, in the order they run. Adding a rule: its module here, a doc in docs/rules/, fixtures in test/rules/. */
import type { Rule } from './types';
import { rule as missingPrimaryKey } from './missing-primary-key';
import { rule as unindexedForeignKey } from './unindexed-foreign-key';
import { rule as duplicateIndex } from './duplicate-index';
import { rule as redundantIndex } from './redundant-index';
import { rule as lowSelectivityIndex } from './low-selectivity-index';
import { rule as excessiveIndexes } from './excessive-indexes';
import { rule as softDeleteUnindexed } from './soft-delete-unindexed';
import { rule as missingForeignKey } from './missing-foreign-key';
import { rule as polymorphicAssociation } from './polymorphic-association';
import { rule as nullableWithDefault } from './nullable-with-default';
import { rule as foreignKeyTypeMismatch } from './foreign-key-type-mismatch';
import { rule as charsetCollationMismatch } from './charset-collation-mismatch';
import { rule as foreignKeyToNonUnique } from './foreign-key-to-non-unique';
import { rule as floatForMoney } from './float-for-money';
import { rule as timestampWithoutTimeZone } from './timestamp-without-time-zone';
import { rule as timestamp2038 } from './timestamp-2038';
import { rule as intPrimaryKey } from './int-primary-key';
import { rule as serialColumn } from './serial-column';
import { rule as utf8mb3Charset } from './utf8mb3-charset';
import { rule as jsonColumn } from './json-column';
import { rule as dateAsText } from './date-as-text';
import { rule as charColumn } from './char-column';
import { rule as randomUuidPrimaryKey } from './random-uuid-primary-key';
import { rule as namingConvention } from './naming-convention';
import { rule as tableRewrite } from './table-rewrite';
import { rule as enumValueInTransaction } from './enum-value-in-transaction';
import { rule as missingLockTimeout } from './missing-lock-timeout';
import { rule as blockingIndexCreation } from './blocking-index-creation';
import { rule as blockingIndexDrop } from './blocking-index-drop';
import { rule as concurrentIndexInTransaction } from './concurrent-index-in-transaction';
import { rule as uniqueConstraintAddition } from './unique-constraint-addition';
import { rule as notNullColumnWithoutDefault } from './not-null-column-without-default';
import { rule as blockingSetNotNull } from './blocking-set-not-null';
import { rule as foreignKeyWithoutNotValid } from './foreign-key-without-not-valid';
import { rule as checkWithoutNotValid } from './check-without-not-valid';
import { rule as breakingRename } from './breaking-rename';
import { rule as destructiveDrop } from './destructive-drop';
import { rule as mixedDdlAndDml } from './mixed-ddl-and-dml';
import { rule as unusedIndex } from './unused-index';
import { rule as compositeIndexOrder } from './composite-index-order';
import { rule as queryWithoutIndex } from './query-without-index';
import { rule as nonSargablePredicate } from './non-sargable-predicate';
import { rule as leadingWildcardLike } from './leading-wildcard-like';
import { rule as implicitTypeConversion } from './implicit-type-conversion';
import { rule as offsetPagination } from './offset-pagination';
import { rule as selectStar } from './select-star';
import { rule as nPlusOneQuery } from './n-plus-one-query';
import { rule as ormSchemaDrift } from './orm-schema-drift';

export const RULES: readonly Rule[] = [
  // foundation
  missingPrimaryKey,
  unindexedForeignKey,
  duplicateIndex,
  redundantIndex,
  // integrity
  foreignKeyTypeMismatch,
  charsetCollationMismatch,
  foreignKeyToNonUnique,
  missingForeignKey,
  polymorphicAssociation,
  nullableWithDefault,
  // types
  floatForMoney,
  timestampWithoutTimeZone,
  timestamp2038,
  intPrimaryKey,
  serialColumn,
  utf8mb3Charset,
  jsonColumn,
  dateAsText,
  charColumn,
  randomUuidPrimaryKey,
  // index design
  lowSelectivityIndex,
  excessiveIndexes,
  softDeleteUnindexed,
  // workload: the queries of the workspace against the schema
  compositeIndexOrder,
  queryWithoutIndex,
  unusedIndex,
  nonSargablePredicate,
  leadingWildcardLike,
  implicitTypeConversion,
  offsetPagination,
  selectStar,
  nPlusOneQuery,
  // migrations: locks, rewrites and breaking changes in migration files
  blockingIndexCreation,
  blockingIndexDrop,
  concurrentIndexInTransaction,
  uniqueConstraintAddition,
  notNullColumnWithoutDefault,
  blockingSetNotNull,
  foreignKeyWithoutNotValid,
  checkWithoutNotValid,
  breakingRename,
  destructiveDrop,
  tableRewrite,
  mixedDdlAndDml,
  enumValueInTransaction,
  missingLockTimeout,
  // an ORM model against the migrations of the same database
  ormSchemaDrift,
  // naming (off unless configured)
  namingConvention,
];

const byId = new Map<string, Rule>();
for (const r of RULES) for (const id of [r.meta.id, ...(r.meta.aliases ?? [])]) byId.set(id, r);

/** Looks a rule up by id or former id. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
