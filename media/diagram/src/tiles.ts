/**
 * Splitting a large diagram into tiles, each rendered by mermaid on its own. Mermaid measures every label through
 * the DOM (about 15–20 ms per table with a few columns on a slow machine), so one diagram of 100 tables takes
 * seconds to draw and as long to redraw after any edit. Tiles of a dozen tables render in a few hundred
 * milliseconds each: the first appears quickly, the others follow without blocking input, and an edit redraws
 * only the tile whose text changed. Relations that cross tiles end at a name-only "ghost" box in each tile.
 *
 * Connected tables stay together where they can: small components share tiles, a large component is cut into
 * clusters grown from its best-connected tables. The result depends only on the graph, so an edit that changes
 * no relation (a column added, a type changed) keeps every tile's membership.
 */

/** Up to this many entities: one diagram, no tiles. */
export const SINGLE_DIAGRAM_MAX = 20;
/** Entities per tile beyond that. */
export const TILE_MAX = 12;

/** `keys` in display order; `edges` between keys (direction ignored). Returns tiles of keys. */
export function partition(keys: readonly string[], edges: readonly (readonly [string, string])[], single = SINGLE_DIAGRAM_MAX, max = TILE_MAX): string[][] {
  if (keys.length <= single) return keys.length > 0 ? [[...keys]] : [];
  const order = new Map(keys.map((k, i) => [k, i]));
  const adj = new Map<string, Set<string>>(keys.map((k) => [k, new Set()]));
  for (const [a, b] of edges) {
    if (a === b || !adj.has(a) || !adj.has(b)) continue;
    adj.get(a)!.add(b);
    adj.get(b)!.add(a);
  }
  const byOrder = (a: string, b: string) => order.get(a)! - order.get(b)!;

  const components: string[][] = [];
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) continue;
    const comp: string[] = [];
    const queue = [k];
    seen.add(k);
    while (queue.length > 0) {
      const x = queue.shift()!;
      comp.push(x);
      for (const y of [...adj.get(x)!].sort(byOrder)) if (!seen.has(y)) (seen.add(y), queue.push(y));
    }
    components.push(comp.sort(byOrder));
  }

  // Full clusters are tiles; smaller pieces (small components, the remnants of cut ones) share tiles, each joining
  // the tile it has the most relations with, else the first with room: fewer renders, fewer relations cut.
  const tiles: string[][] = [];
  const pieces: string[][] = [];
  for (const c of components) {
    for (const piece of c.length > max ? clusters(c, adj, max, byOrder) : [c]) (piece.length === max ? tiles : pieces).push(piece);
  }
  pieces.sort((a, b) => b.length - a.length || byOrder(a[0], b[0]));
  const bins: { keys: string[]; set: Set<string> }[] = [];
  for (const piece of pieces) {
    let best: (typeof bins)[number] | undefined;
    let bestLinks = -1;
    for (const bin of bins) {
      if (bin.keys.length + piece.length > max) continue;
      let links = 0;
      for (const k of piece) for (const m of adj.get(k)!) if (bin.set.has(m)) links++;
      if (links > bestLinks) (best = bin), (bestLinks = links);
    }
    if (!best) bins.push((best = { keys: [], set: new Set() }));
    best.keys.push(...piece);
    for (const k of piece) best.set.add(k);
  }
  return [...tiles, ...bins.map((b) => b.keys)];
}

/** Cuts one connected component into clusters of at most `max`, each grown from the best-connected table left. */
function clusters(comp: string[], adj: Map<string, Set<string>>, max: number, byOrder: (a: string, b: string) => number): string[][] {
  const left = new Set(comp);
  const out: string[][] = [];
  while (left.size > 0) {
    const degree = (k: string) => [...adj.get(k)!].filter((m) => left.has(m)).length;
    const seed = [...left].sort((a, b) => degree(b) - degree(a) || byOrder(a, b))[0];
    const cluster = [seed];
    const inCluster = new Set(cluster);
    left.delete(seed);
    while (cluster.length < max) {
      // The candidate with the most links into the cluster joins next (ties: fewest links elsewhere, then order).
      let best: string | undefined;
      let bestIn = 0;
      let bestOut = 0;
      for (const x of cluster) {
        for (const y of adj.get(x)!) {
          if (!left.has(y)) continue;
          let inside = 0;
          let outside = 0;
          for (const z of adj.get(y)!) {
            if (inCluster.has(z)) inside++;
            else if (left.has(z)) outside++;
          }
          if (best === undefined || inside > bestIn || (inside === bestIn && (outside < bestOut || (outside === bestOut && byOrder(y, best) < 0)))) {
            best = y;
            bestIn = inside;
            bestOut = outside;
          }
        }
      }
      if (best === undefined) break;
      cluster.push(best);
      inCluster.add(best);
      left.delete(best);
    }
    out.push(cluster.sort(byOrder));
  }
  return out;
}
