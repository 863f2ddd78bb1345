/**
 * Rule docs (`docs/rules/<rule-id>.md`) at run time, for `schemawise explain`, SARIF rule metadata and the
 * server's hovers. The same markdown is the source of all three.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Where the docs are: next to the bundle (`dist/../docs/rules`, also inside the packaged extension), or at
 * the repo root when running from source (`server/src/node/../../../docs/rules`).
 */
export function ruleDocsDir(): string | undefined {
  const candidates = [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')];
  return candidates.find((d) => {
    try {
      return fs.statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
}

/** The markdown of a rule's doc, or undefined if the rule has none (or `id` is not a rule id). */
export function readRuleDoc(id: string, dir = ruleDocsDir()): string | undefined {
  if (!dir || !RULE_ID.test(id)) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** Ids of the rules that have a doc, sorted. */
export function documentedRuleIds(dir = ruleDocsDir()): string[] {
  if (!dir) return [];
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .map((n) => n.slice(0, -3))
      .filter((id) => RULE_ID.test(id))
      .sort();
  } catch {
    return [];
  }
}

/**
 * First sentence of the doc's "What it does" section, as plain text (for SARIF `shortDescription`, summaries).
 * Undefined when the section is missing.
 */
export function ruleDocSummary(markdown: string): string | undefined {
  const m = /^##\s+What it does\s*$([\s\S]*?)(?=^##\s|(?![\s\S]))/m.exec(markdown);
  if (!m) return undefined;
  const paragraph = m[1]
    .trim()
    .split(/\n\s*\n/)[0]
    ?.replace(/\s*\n\s*/g, ' ')
    .trim();
  if (!paragraph) return undefined;
  return /^(.+?[.!?])(?=\s+[A-Z`]|\s*$)/.exec(paragraph)?.[1] ?? paragraph;
}
