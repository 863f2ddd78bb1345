/**
 * The JSON schema of `.schemawise.json`, generated from the rule registry (ids, descriptions, option specs) so it
 * cannot drift from the rules. `npm run gen:schema` writes schemas/schemawise.schema.json; a test fails if the
 * committed file differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/core/rules/registry';
import type { RuleOptionSpec } from '../server/src/core/rules/types';

const SEVERITY = { enum: ['off', 'hint', 'info', 'warning', 'error'] };

function optionSchema(spec: RuleOptionSpec): Record<string, unknown> {
  const base = spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
  return { ...base, ...(spec.enum ? { enum: spec.enum } : {}), default: spec.default, description: spec.description };
}

function ruleSchema(description: string, options?: Record<string, RuleOptionSpec>): Record<string, unknown> {
  const withOptions = {
    type: 'array',
    items: [SEVERITY, { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(options ?? {}).map(([k, v]) => [k, optionSchema(v)])) }],
    minItems: 1,
    maxItems: 2,
  };
  return { description, anyOf: [SEVERITY, withOptions] };
}

export function configSchema(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const r of [...RULES].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    for (const id of [r.meta.id, ...(r.meta.aliases ?? [])]) rules[id] = ruleSchema(r.meta.description + (id === r.meta.id ? '' : ` (former id of ${r.meta.id})`), r.meta.options);
  }
  rules['not-analysed'] = ruleSchema('Severity of the hint about statements that could not be parsed (see reportNotAnalysed).');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://schemawise.dev/schemawise.schema.json',
    title: 'Schemawise configuration (.schemawise.json)',
    description:
      "Settings for the Schemawise schema reviewer. They apply to the folder holding the file and its subfolders, and override the editor's `schemawise.*` settings.",
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      dialect: {
        description: 'SQL dialect of the schema files. `auto` reads a dialect marker comment in each file, else detects it from the statements.',
        enum: ['auto', 'postgresql', 'mysql', 'sqlite', 'postgres', 'pg', 'mariadb', 'sqlite3'],
        default: 'auto',
      },
      rules: {
        description: 'Per rule id: a severity (`off`, `hint`, `info`, `warning`, `error`), or `[severity, { options }]` for rules with options. Unlisted rules use their defaults.',
        type: 'object',
        properties: rules,
        additionalProperties: false,
      },
      migrations: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Globs of migration files, replayed in version order to build the schema. Relative globs are anchored to the folder of this file.',
        default: ['**/migrations/**', '**/migration/**', '**/db/migrate/**', '**/V*__*.sql', '**/*.up.sql'],
      },
      exclude: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Globs of files not to analyse. Relative globs are anchored to the folder of this file.',
        default: [],
      },
      reportNotAnalysed: {
        type: 'boolean',
        description: 'Report one hint per file when some statements could not be parsed and were skipped.',
        default: false,
      },
      postgresVersion: {
        type: 'integer',
        minimum: 10,
        maximum: 18,
        description: 'The PostgreSQL major version the migrations run on: lock and rewrite behaviour differ by version.',
        default: 16,
      },
      mysqlVersion: {
        type: 'string',
        pattern: '^[5-9]\\.\\d+(\\.\\d+)?$',
        description: 'The MySQL version the migrations run on, e.g. "8.0" or "8.0.29": online DDL (INSTANT, INPLACE) differs by version.',
        default: '8.0',
      },
      largeTables: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Table names or globs treated as large: migration findings on them are raised a level.',
        default: [],
      },
      workload: {
        type: 'object',
        additionalProperties: false,
        description: 'Application code whose ORM calls (Prisma Client, TypeORM) are the workload.',
        properties: {
          include: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Globs of source files read for ORM calls (syntax only, never executed); tests and node_modules are left out. Relative globs are anchored to the folder of this file.',
            default: ['**/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
          },
        },
      },
      typeorm: {
        type: 'object',
        additionalProperties: false,
        description: 'How TypeORM entities are found and named.',
        properties: {
          entities: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Globs of entity files (read as syntax, never executed). Relative globs are anchored to the folder of this file.',
            default: ['**/*.entity.ts', '**/entities/**/*.ts', '**/entity/**/*.ts'],
          },
          namingStrategy: {
            enum: ['default', 'snake'],
            description: 'The naming strategy of the DataSource: "default" (customerId) or "snake" (typeorm-naming-strategies: customer_id).',
            default: 'default',
          },
        },
      },
    },
  };
}

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'schemawise.schema.json');

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, JSON.stringify(configSchema(), null, 2) + '\n');
  console.error(`wrote ${SCHEMA_PATH}`);
}
