/**
 * Configuration: defaults, validation with clear messages, and layering (VS Code settings, then the
 * workspace's `.schemawise.json`, then CLI flags). Pure: callers read the files.
 */
import type { Config, Severity } from './api';
import type { RuleOptionSpec } from './rules/types';
import { RULES } from './rules/registry';

/** Rule id (and alias) → its option specs. */
function registryOptionSpecs(): Map<string, Record<string, RuleOptionSpec>> {
  const m = new Map<string, Record<string, RuleOptionSpec>>();
  for (const r of RULES) for (const id of [r.meta.id, ...(r.meta.aliases ?? [])]) m.set(id, r.meta.options ?? {});
  return m;
}

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
const KNOWN_KEYS = ['dialect', 'rules', 'migrations', 'exclude', 'reportNotAnalysed', 'postgresVersion', 'mysqlVersion', 'largeTables', 'typeorm', 'workload'];
const DIALECTS = ['auto', 'postgresql', 'mysql', 'sqlite'] as const;
const DIALECT_ALIASES: Record<string, Config['dialect']> = {
  postgres: 'postgresql',
  pg: 'postgresql',
  mariadb: 'mysql',
  sqlite3: 'sqlite',
};

export const DEFAULT_MIGRATION_GLOBS = [
  '**/migrations/**',
  '**/migration/**',
  '**/db/migrate/**',
  '**/V*__*.sql',
  '**/*.up.sql',
];

/** Where TypeORM projects keep their entities (the issue's defaults; `schemawise.typeorm.entities`). */
export const DEFAULT_ENTITY_GLOBS = ['**/*.entity.ts', '**/entities/**/*.ts', '**/entity/**/*.ts'];
const NAMING_STRATEGIES = ['default', 'snake'] as const;
/** Application code read for ORM calls (`schemawise.workload.include`); tests and node_modules are never read. */
export const DEFAULT_WORKLOAD_GLOBS = ['**/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

export const DEFAULT_POSTGRES_VERSION = 16;
export const DEFAULT_MYSQL_VERSION = '8.0';
/** Versions the migration rules know the behaviour of. */
const POSTGRES_VERSIONS = [10, 18] as const;

export function defaultConfig(): Config {
  return {
    dialect: 'auto',
    rules: {},
    migrations: [...DEFAULT_MIGRATION_GLOBS],
    exclude: [],
    reportNotAnalysed: false,
    postgresVersion: DEFAULT_POSTGRES_VERSION,
    mysqlVersion: DEFAULT_MYSQL_VERSION,
    largeTables: [],
    typeormEntities: [...DEFAULT_ENTITY_GLOBS],
    typeormNaming: 'default',
    workloadInclude: [...DEFAULT_WORKLOAD_GLOBS],
  };
}

export interface ConfigLayerResult {
  config: Partial<Config>;
  errors: string[];
}

/**
 * Validates one layer of raw configuration (parsed JSON or VS Code settings object). Unknown keys and bad
 * values are reported with the `source` name and otherwise ignored, never fatal.
 * `knownRules` lets it report rule ids that do not exist.
 */
export function validateConfigLayer(
  raw: unknown,
  source: string,
  knownRules: ReadonlySet<string>,
  optionSpecs: ReadonlyMap<string, Record<string, RuleOptionSpec>> = registryOptionSpecs(),
): ConfigLayerResult {
  const errors: string[] = [];
  const config: Partial<Config> = {};
  if (raw === undefined || raw === null) return { config, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, errors: [`${source}: expected an object, got ${describe(raw)}`] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case '$schema':
        break;
      case 'dialect': {
        const v = typeof value === 'string' ? (DIALECT_ALIASES[value.toLowerCase()] ?? value.toLowerCase()) : value;
        if (typeof v === 'string' && (DIALECTS as readonly string[]).includes(v)) config.dialect = v as Config['dialect'];
        else errors.push(`${source}: "dialect" must be one of ${DIALECTS.join(', ')}; got ${describe(value)}`);
        break;
      }
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          errors.push(`${source}: "rules" must be an object mapping rule ids to ${SEVERITIES.join('|')}`);
          break;
        }
        const rules: Record<string, Severity | 'off'> = {};
        const ruleOptions: Record<string, Record<string, unknown>> = {};
        for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
          if (!knownRules.has(id)) {
            errors.push(`${source}: unknown rule "${id}" in "rules"${suggest(id, knownRules)}`);
            continue;
          }
          // "id": "warning"  or, with options, "id": ["warning", { "max": 12 }]
          const [sev, opts] = Array.isArray(entry) ? [entry[0], entry[1]] : [entry, undefined];
          if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) rules[id] = sev as Severity | 'off';
          else {
            errors.push(`${source}: rule "${id}" must be one of ${SEVERITIES.join(', ')} (or [severity, { options }]); got ${describe(sev)}`);
            continue;
          }
          if (Array.isArray(entry) && entry.length > 2) errors.push(`${source}: rule "${id}": expected [severity, { options }]`);
          if (opts === undefined) continue;
          const checked = validateOptions(opts, optionSpecs.get(id) ?? {}, `${source}: rule "${id}"`, errors);
          if (checked) ruleOptions[id] = checked;
        }
        config.rules = rules;
        if (Object.keys(ruleOptions).length) config.ruleOptions = ruleOptions;
        break;
      }
      case 'migrations':
      case 'exclude': {
        if (Array.isArray(value) && value.every((x) => typeof x === 'string' && x.length > 0)) config[key] = value as string[];
        else errors.push(`${source}: "${key}" must be an array of glob strings`);
        break;
      }
      case 'reportNotAnalysed': {
        if (typeof value === 'boolean') config.reportNotAnalysed = value;
        else errors.push(`${source}: "reportNotAnalysed" must be true or false`);
        break;
      }
      case 'postgresVersion': {
        const v = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
        if (typeof v === 'number' && Number.isInteger(v) && v >= POSTGRES_VERSIONS[0] && v <= POSTGRES_VERSIONS[1]) config.postgresVersion = v;
        else errors.push(`${source}: "postgresVersion" must be a PostgreSQL major version from ${POSTGRES_VERSIONS[0]} to ${POSTGRES_VERSIONS[1]}; got ${describe(value)}`);
        break;
      }
      case 'mysqlVersion': {
        const v = typeof value === 'number' ? value.toFixed(1) : value;
        if (typeof v === 'string' && /^[5-9]\.\d+(\.\d+)?$/.test(v)) config.mysqlVersion = v;
        else errors.push(`${source}: "mysqlVersion" must be a MySQL version like "8.0" or "8.0.29"; got ${describe(value)}`);
        break;
      }
      case 'largeTables': {
        if (Array.isArray(value) && value.every((x) => typeof x === 'string' && x.length > 0)) config.largeTables = value as string[];
        else errors.push(`${source}: "largeTables" must be an array of table names or globs`);
        break;
      }
      case 'typeorm': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          errors.push(`${source}: "typeorm" must be an object: { "entities": [globs], "namingStrategy": "default" | "snake" }`);
          break;
        }
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (k === 'entities') {
            if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0)) config.typeormEntities = v as string[];
            else errors.push(`${source}: "typeorm.entities" must be an array of glob strings`);
          } else if (k === 'namingStrategy') {
            if ((NAMING_STRATEGIES as readonly unknown[]).includes(v)) config.typeormNaming = v as Config['typeormNaming'];
            else errors.push(`${source}: "typeorm.namingStrategy" must be one of ${NAMING_STRATEGIES.join(', ')}; got ${describe(v)}`);
          } else errors.push(`${source}: unknown setting "typeorm.${k}" (known: entities, namingStrategy)`);
        }
        break;
      }
      case 'workload': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          errors.push(`${source}: "workload" must be an object: { "include": [globs] }`);
          break;
        }
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (k !== 'include') errors.push(`${source}: unknown setting "workload.${k}" (known: include)`);
          else if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0)) config.workloadInclude = v as string[];
          else errors.push(`${source}: "workload.include" must be an array of glob strings`);
        }
        break;
      }
      default:
        errors.push(`${source}: unknown setting "${key}" (known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  return { config, errors };
}

function validateOptions(raw: unknown, specs: Record<string, RuleOptionSpec>, where: string, errors: string[]): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`${where}: options must be an object`);
    return undefined;
  }
  const names = Object.keys(specs);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const spec = specs[name];
    if (!spec) {
      errors.push(`${where}: unknown option "${name}"${names.length ? ` (options: ${names.join(', ')})` : ' (it has no options)'}`);
      continue;
    }
    const ok =
      spec.type === 'string[]'
        ? Array.isArray(v) && v.every((x) => typeof x === 'string')
        : typeof v === spec.type && (spec.type !== 'number' || Number.isFinite(v)) && (!spec.enum || spec.enum.includes(v as string));
    if (ok) out[name] = v;
    else errors.push(`${where}: option "${name}" must be ${spec.enum ? `one of ${spec.enum.join(', ')}` : spec.type === 'string[]' ? 'an array of strings' : `a ${spec.type}`}; got ${describe(v)}`);
  }
  return out;
}

/** Later layers win; `rules` and rule options merge per id; `exclude` accumulates. */
export function mergeConfig(...layers: Partial<Config>[]): Config {
  const out = defaultConfig();
  for (const l of layers) {
    if (l.dialect) out.dialect = l.dialect;
    if (l.rules) out.rules = { ...out.rules, ...l.rules };
    if (l.ruleOptions) {
      const merged: Record<string, Record<string, unknown>> = { ...(out.ruleOptions ?? {}) };
      for (const [id, o] of Object.entries(l.ruleOptions)) merged[id] = { ...(merged[id] ?? {}), ...o };
      out.ruleOptions = merged;
    }
    if (l.migrations) out.migrations = [...l.migrations];
    if (l.exclude) out.exclude = [...out.exclude, ...l.exclude];
    if (l.reportNotAnalysed !== undefined) out.reportNotAnalysed = l.reportNotAnalysed;
    if (l.postgresVersion !== undefined) out.postgresVersion = l.postgresVersion;
    if (l.mysqlVersion !== undefined) out.mysqlVersion = l.mysqlVersion;
    if (l.largeTables) out.largeTables = [...l.largeTables];
    if (l.typeormEntities) out.typeormEntities = [...l.typeormEntities];
    if (l.typeormNaming) out.typeormNaming = l.typeormNaming;
    if (l.workloadInclude) out.workloadInclude = [...l.workloadInclude];
  }
  return out;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : String(v);
}

function suggest(id: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestD = 4;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
