/**
 * Command-line parsing. Syntax only: values that need the rule registry or the config validator (rule ids,
 * dialect names) are checked by main with the same messages as the config file.
 */
import { editDistance } from '../core/config';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: Format;
  dialect?: string;
  config?: string;
  /** Exit 1 when there are more warnings than this; undefined = no limit. */
  maxWarnings?: number;
  /** `--rule id=severity`, in order (a later flag for the same id wins). */
  rules: [id: string, severity: string][];
  /** true/false when forced by `--color` / `--no-color`; undefined = decide from the terminal and NO_COLOR. */
  color?: boolean;
  quiet: boolean;
}

export type ParsedArgs =
  | CheckArgs
  | { command: 'explain'; ruleId: string }
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'error'; message: string };

export const USAGE = `Usage: schemawise <command> [options]

Commands:
  check [paths...]        Review the schema files in the given files and folders (default: .)
  explain <rule-id>       Print the documentation of a rule

Options for check:
  -f, --format <name>     Output format: text (default), json (ESLint-compatible) or sarif
      --dialect <name>    SQL dialect: auto (default), postgresql, mysql or sqlite
  -c, --config <file>     Config file to use instead of the nearest .schemawise.json
      --max-warnings <n>  Exit with status 1 when there are more than n warnings (info and hints don't count)
      --rule <id=level>   Set a rule's severity: error, warning, info, hint or off (repeatable)
      --no-color          Plain output (also when NO_COLOR is set or output is not a terminal)
      --color             Colored output even when not writing to a terminal
  -q, --quiet             Report errors only (warnings still count for --max-warnings)

  -h, --help              Show this help
  -v, --version           Show the version

Exit status:
  0  no errors, and warnings within --max-warnings
  1  an error-level finding, or more warnings than --max-warnings
  2  bad usage, a missing path, no schema files found, or a configuration problem
     (an invalid setting or an unknown rule id in .schemawise.json or the flags)
`;

const COMMANDS = ['check', 'explain'];

const VALUE_FLAGS: Record<string, string> = {
  '-f': '--format',
  '--format': '--format',
  '--dialect': '--dialect',
  '-c': '--config',
  '--config': '--config',
  '--max-warnings': '--max-warnings',
  '--rule': '--rule',
};
const BOOLEAN_FLAGS: Record<string, string> = {
  '--no-color': '--no-color',
  '--color': '--color',
  '-q': '--quiet',
  '--quiet': '--quiet',
  '-h': '--help',
  '--help': '--help',
  '-v': '--version',
  '--version': '--version',
};

export function parseArgs(argv: string[]): ParsedArgs {
  const error = (message: string): ParsedArgs => ({ command: 'error', message });
  if (argv.length === 0) return error('missing command');
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };

  if (command === 'explain') {
    if (rest.includes('-h') || rest.includes('--help')) return { command: 'help' };
    const ids = rest.filter((a) => a !== '--');
    if (ids.length === 0) return error('explain: missing rule id (e.g. `schemawise explain missing-primary-key`)');
    if (ids.length > 1) return error(`explain: expected one rule id, got ${ids.length}`);
    if (ids[0].startsWith('-')) return error(`explain: unknown option ${ids[0]}`);
    return { command: 'explain', ruleId: ids[0] };
  }
  if (command !== 'check') {
    if (command.startsWith('-')) return error(`expected a command before ${command} (e.g. \`schemawise check ${command}\`)`);
    const close = COMMANDS.find((c) => editDistance(command, c) <= 2);
    return error(`unknown command "${command}" (did you mean ${close ? `\`${close}\`` : `\`schemawise check ${command}\``}?)`);
  }

  const out: CheckArgs = { command: 'check', paths: [], format: 'text', rules: [], quiet: false };
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPaths || !arg.startsWith('-')) {
      out.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const valueFlag = VALUE_FLAGS[name];
    const boolFlag = BOOLEAN_FLAGS[name];
    if (boolFlag) {
      if (eq > 0) return error(`${boolFlag} does not take a value`);
      if (boolFlag === '--help') return { command: 'help' };
      if (boolFlag === '--version') return { command: 'version' };
      if (boolFlag === '--quiet') out.quiet = true;
      else out.color = boolFlag === '--color';
      continue;
    }
    if (!valueFlag) return error(`unknown option ${name}${suggestFlag(name)}`);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < rest.length) value = rest[++i];
    else return error(`${valueFlag} needs a value`);
    switch (valueFlag) {
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value)) return error(`--format must be one of ${FORMATS.join(', ')}; got "${value}"`);
        out.format = value as Format;
        break;
      case '--dialect':
        out.dialect = value;
        break;
      case '--config':
        if (value === '') return error('--config needs a file name');
        out.config = value;
        break;
      case '--max-warnings': {
        if (!/^\d+$/.test(value)) return error(`--max-warnings must be a whole number >= 0; got "${value}"`);
        out.maxWarnings = Number(value);
        break;
      }
      case '--rule': {
        const m = /^([^=\s]+)=([^=\s]+)$/.exec(value);
        if (!m) return error(`--rule expects <rule-id>=<severity>, e.g. --rule missing-primary-key=error; got "${value}"`);
        out.rules.push([m[1], m[2]]);
        break;
      }
    }
  }
  if (out.paths.length === 0) out.paths.push('.');
  return out;
}

function suggestFlag(name: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const flag of [...Object.keys(VALUE_FLAGS), ...Object.keys(BOOLEAN_FLAGS)]) {
    const d = editDistance(name, flag);
    if (flag.startsWith('--') && d < bestDistance) {
      best = flag;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : '';
}
