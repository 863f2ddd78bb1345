/**
 * The configuration of one workspace folder: the client's `schemawise.*` settings (and `files.exclude`),
 * layered under the folder's `.schemawise.json`. Relative globs in settings are anchored to the folder, like
 * those of the config file.
 */
import type { Config } from '../core/api';
import { mergeConfig, validateConfigLayer } from '../core/config';
import { knownRuleIds } from '../core/engine';
import { anchorGlob, loadConfigFile } from '../node/files';

/** What the client told us, already fetched: `schemawise` section and `files.exclude`. */
export interface ClientSettings {
  schemawise?: unknown;
  filesExclude?: unknown;
}

export interface FolderConfig {
  config: Config;
  errors: string[];
  /** The `.schemawise.json` in effect, if any. */
  configFile?: string;
}

/** Keys of the `schemawise` section that are client-only and not part of the core's `Config`. */
const CLIENT_ONLY_KEYS = new Set(['trace', 'inlayHints']);

export function folderConfig(settings: ClientSettings, root: string | undefined): FolderConfig {
  const known = knownRuleIds();
  const errors: string[] = [];
  let raw = settings.schemawise;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([k, v]) => !CLIENT_ONLY_KEYS.has(k) && v !== null && v !== undefined));
  }
  const fromSettings = validateConfigLayer(raw, 'settings (schemawise.*)', known);
  errors.push(...fromSettings.errors);
  const settingsLayer = fromSettings.config;
  if (root) {
    if (settingsLayer.migrations) settingsLayer.migrations = settingsLayer.migrations.map((g) => anchorGlob(g, root));
    if (settingsLayer.exclude) settingsLayer.exclude = settingsLayer.exclude.map((g) => anchorGlob(g, root));
    if (settingsLayer.typeormEntities) settingsLayer.typeormEntities = settingsLayer.typeormEntities.map((g) => anchorGlob(g, root));
    if (settingsLayer.workloadInclude) settingsLayer.workloadInclude = settingsLayer.workloadInclude.map((g) => anchorGlob(g, root));
  }
  const editorExclude = filesExcludeGlobs(settings.filesExclude).map((g) => (root ? anchorGlob(g, root) : g));
  let fileLayer: Partial<Config> = {};
  let configFile: string | undefined;
  if (root) {
    const loaded = loadConfigFile(root, known);
    fileLayer = loaded.layer;
    configFile = loaded.path;
    errors.push(...loaded.errors);
  }
  const config = mergeConfig({ exclude: editorExclude }, settingsLayer, fileLayer);
  return { config, errors, configFile };
}

/** VS Code's `files.exclude` is `{ glob: true | false | { when } }`; only plain `true` entries exclude. */
export function filesExcludeGlobs(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.length > 0)
    .map(([glob]) => glob);
}
