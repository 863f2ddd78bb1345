/**
 * The comments of a TypeScript/JavaScript syntax tree (for `// schemawise-ignore` directives in entity and migration
 * files). Shared by the readers of both; the compiler API comes through `typescript()`, so importing this module
 * loads nothing.
 */
import type * as TS from 'typescript';
import type { Span } from '../model/types';
import { typescript } from './ts-api';

let tokensWithText: ReadonlySet<TS.SyntaxKind> | undefined;

/** Leaf nodes whose own text may hold `//` or `/*` (only their leading trivia is scanned). */
function withText(ts: typeof TS): ReadonlySet<TS.SyntaxKind> {
  return (tokensWithText ??= new Set([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.RegularExpressionLiteral,
    ts.SyntaxKind.NumericLiteral,
    ts.SyntaxKind.BigIntLiteral,
    ts.SyntaxKind.Identifier,
    ts.SyntaxKind.PrivateIdentifier,
    ts.SyntaxKind.JsxText,
  ]));
}

/**
 * Every line and block comment of `sf`, in order. Between the children of a node there are only punctuation, keywords
 * and trivia (strings, templates, regular expressions and operators are nodes themselves), so a plain scan of those
 * gaps, and of the trivia before each literal or name, finds every comment and never a `//` inside a string.
 */
export function collectComments(sf: TS.SourceFile): Span[] {
  const ts = typescript();
  const text = sf.text;
  const leaves = withText(ts);
  const out: Span[] = [];
  const visit = (n: TS.Node): void => {
    let at = n.pos;
    let leaf = true;
    const child = (c: TS.Node): void => {
      leaf = false;
      scanTrivia(text, at, c.pos, out);
      visit(c);
      at = c.end;
    };
    ts.forEachChild(n, child, (list) => list.forEach(child));
    if (leaf && leaves.has(n.kind)) scanTrivia(text, n.pos, n.getStart(sf), out);
    else scanTrivia(text, at, n.end, out);
  };
  visit(sf);
  return out;
}

function scanTrivia(text: string, from: number, to: number, out: Span[]): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      let j = i + 2;
      while (j < to && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      out.push({ start: i, end: j });
      i = j;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const j = close < 0 || close + 2 > to ? to : close + 2;
      out.push({ start: i, end: j });
      i = j;
    } else {
      i++;
    }
  }
}
