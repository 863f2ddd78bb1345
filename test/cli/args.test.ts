/** Command-line parsing (server/src/cli/args.ts). */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from '../../server/src/cli/args';

test('check: defaults', () => {
  assert.deepEqual(parseArgs(['check']), { command: 'check', paths: ['.'], format: 'text', rules: [], quiet: false });
});

test('check: every option, both --opt value and --opt=value, short forms', () => {
  assert.deepEqual(
    parseArgs([
      'check',
      'db',
      '-f',
      'json',
      '--dialect=pg',
      '-c',
      'ci.json',
      '--max-warnings',
      '0',
      '--rule',
      'missing-primary-key=error',
      '--rule=redundant-index=off',
      '--no-color',
      '-q',
      'schema.sql',
    ]),
    {
      command: 'check',
      paths: ['db', 'schema.sql'],
      format: 'json',
      dialect: 'pg',
      config: 'ci.json',
      maxWarnings: 0,
      rules: [
        ['missing-primary-key', 'error'],
        ['redundant-index', 'off'],
      ],
      color: false,
      quiet: true,
    },
  );
  assert.equal((parseArgs(['check', '--color']) as { color?: boolean }).color, true);
  assert.deepEqual((parseArgs(['check', '--', '--weird.sql']) as { paths: string[] }).paths, ['--weird.sql']);
});

test('help, version, explain', () => {
  for (const a of [['--help'], ['-h'], ['help'], ['check', '--help'], ['explain', '-h']]) assert.deepEqual(parseArgs(a), { command: 'help' });
  for (const a of [['--version'], ['-v'], ['check', '-v']]) assert.deepEqual(parseArgs(a), { command: 'version' });
  assert.deepEqual(parseArgs(['explain', 'duplicate-index']), { command: 'explain', ruleId: 'duplicate-index' });
});

test('usage errors say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing command/],
    [['chek'], /unknown command "chek" \(did you mean `check`\?\)/],
    [['schema.sql'], /did you mean `schemawise check schema\.sql`/],
    [['--format', 'json'], /expected a command before --format/],
    [['check', '--formt', 'json'], /unknown option --formt \(did you mean --format\?\)/],
    [['check', '--bogus'], /^unknown option --bogus$/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif; got "xml"/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--max-warnings', '-1'], /--max-warnings must be a whole number >= 0; got "-1"/],
    [['check', '--max-warnings', '2.5'], /whole number/],
    [['check', '--rule', 'missing-primary-key'], /--rule expects <rule-id>=<severity>/],
    [['check', '--quiet=yes'], /--quiet does not take a value/],
    [['explain'], /missing rule id/],
    [['explain', 'a', 'b'], /expected one rule id/],
  ];
  for (const [argv, message] of cases) {
    const r = parseArgs(argv);
    assert.equal(r.command, 'error', argv.join(' '));
    assert.match((r as { message: string }).message, message, argv.join(' '));
  }
});
