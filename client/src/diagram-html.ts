/**
 * The ER diagram webview's page. Pure (no `vscode` import): the extension and the browser test build the page
 * with this one function, so the test loads the real Content-Security-Policy.
 *
 * The policy: nothing by default; scripts only from the extension's media folder carrying this load's nonce;
 * styles from the media folder, plus inline styles because mermaid writes a `<style>` element and style
 * attributes into the SVG it renders (that is all `'unsafe-inline'` allows: no inline script runs); images and
 * fonts from the media folder (and `data:` images, which mermaid's markers may use). No network source at all.
 */

export interface DiagramPage {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** A fresh random nonce per load. */
  nonce: string;
  /** URIs of media/diagram/diagram.js and media/diagram/diagram.css as the webview sees them. */
  scriptUri: string;
  styleUri: string;
}

export function contentSecurityPolicy(p: Pick<DiagramPage, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${p.nonce}'`,
    `style-src ${p.cspSource} 'unsafe-inline'`,
    `img-src ${p.cspSource} data:`,
    `font-src ${p.cspSource}`,
  ].join('; ');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function diagramHtml(p: DiagramPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(p.styleUri)}">
<title>ER Diagram</title>
</head>
<body>
<header id="toolbar" role="toolbar" aria-label="Diagram">
  <input id="filter" type="search" placeholder="Filter tables" aria-label="Filter tables by name" spellcheck="false">
  <select id="files" aria-label="Only the tables of a folder or file"><option value="">All files</option></select>
  <button id="focus" type="button" title="Show the selected table and its neighbours only">Focus</button>
  <select id="hops" aria-label="Neighbours within this many relations" title="Neighbours within this many relations">
    <option value="1">1 hop</option><option value="2">2 hops</option><option value="3">3 hops</option>
  </select>
  <button id="all" type="button" title="Show every table">Show all</button>
  <select id="columns" aria-label="Columns shown"><option value="all">All columns</option><option value="keys">Key columns</option></select>
  <label><input id="views" type="checkbox"> Views</label>
  <label><input id="enums" type="checkbox"> Enums</label>
  <span class="spacer"></span>
  <button id="fit" type="button" title="Fit to window (0)">Fit</button>
  <button id="export" type="button" title="Export as SVG or copy the mermaid source">Export…</button>
</header>
<div id="banner" role="status" hidden><span id="banner-text"></span> <button id="accept" type="button">Show as read</button></div>
<div id="note" role="status" hidden></div>
<main id="stage">
  <div id="viewport" tabindex="0" aria-label="ER diagram: drag or arrow keys to pan, Ctrl+wheel or +/- to zoom">
    <div id="canvas"></div>
  </div>
  <aside id="details" aria-label="Selected table" hidden></aside>
</main>
<div id="status" role="status" aria-live="polite"></div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}
