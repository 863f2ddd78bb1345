/**
 * Mermaid's configuration from the VS Code theme: the `base` theme with colours read from the webview's CSS
 * variables (VS Code sets them for light, dark and high-contrast themes), so the diagram looks like the editor.
 * Outside VS Code (the browser test) the variables are absent and the light fallbacks apply.
 */
import type mermaid from 'mermaid';

type Config = Parameters<typeof mermaid.initialize>[0];

/** Mermaid derives shades from these colours and parses them itself: hex or rgb() only, alpha dropped. */
function color(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  if (/^#[0-9a-f]{6}$/i.test(v) || /^#[0-9a-f]{3}$/i.test(v)) return v;
  if (/^#[0-9a-f]{8}$/i.test(v)) return v.slice(0, 7);
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(v);
  return rgb ? `rgb(${rgb[1]}, ${rgb[2]}, ${rgb[3]})` : fallback;
}

export function mermaidConfig(body: HTMLElement): Config {
  const style = getComputedStyle(body);
  const dark = body.classList.contains('vscode-dark') || (body.classList.contains('vscode-high-contrast') && !body.classList.contains('vscode-high-contrast-light'));
  const contrast = body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
  const background = color(style, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff');
  const foreground = color(style, '--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f');
  const box = color(style, '--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3');
  const border = contrast ? color(style, '--vscode-contrastBorder', foreground) : color(style, '--vscode-editorWidget-border', dark ? '#454545' : '#c8c8c8');
  const line = color(style, '--vscode-editorLineNumber-foreground', dark ? '#858585' : '#6e7681');
  const font = style.getPropertyValue('--vscode-font-family').trim() || style.fontFamily || 'sans-serif';
  return {
    startOnLoad: false,
    // Defence in depth: the text is escaped already (mermaid-text.ts), mermaid sanitises its output too.
    securityLevel: 'strict',
    theme: 'base',
    darkMode: dark,
    fontFamily: font,
    // SVG text rather than HTML in foreignObject: a standalone SVG export that any viewer can show.
    htmlLabels: false,
    // Large schemas: no size cap on the text, no scaling the SVG down to the page width (pan and zoom instead).
    maxTextSize: 10_000_000,
    maxEdges: 100_000,
    er: { useMaxWidth: false },
    themeVariables: {
      background,
      primaryColor: box,
      mainBkg: box,
      primaryTextColor: foreground,
      textColor: foreground,
      primaryBorderColor: border,
      nodeBorder: border,
      lineColor: line,
      rowOdd: background,
      rowEven: box,
      attributeBackgroundColorOdd: background,
      attributeBackgroundColorEven: box,
      tertiaryColor: background,
      edgeLabelBackground: background,
      fontFamily: font,
      fontSize: '14px',
    },
  };
}
