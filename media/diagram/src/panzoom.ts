/**
 * Pan and zoom of the diagram canvas with a CSS transform: drag or wheel to pan, Ctrl/Cmd + wheel (or a pinch) to
 * zoom around the pointer; keys when the diagram has focus: arrows pan (Shift: farther), + and - zoom, 0 fits.
 */

export interface View {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP = 4;

export class PanZoom {
  view: View = { x: 0, y: 0, k: 1 };
  /** Set while a press has moved: the click that ends a drag selects nothing. */
  dragged = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly changed: (v: View) => void,
  ) {
    viewport.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.press(e));
    viewport.addEventListener('keydown', (e) => this.key(e));
  }

  set(v: View): void {
    this.view = { x: v.x, y: v.y, k: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.k)) };
    this.canvas.style.transform = `translate(${this.view.x}px, ${this.view.y}px) scale(${this.view.k})`;
    this.changed(this.view);
  }

  zoomAt(factor: number, cx: number, cy: number): void {
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.view.k * factor));
    const f = k / this.view.k;
    this.set({ k, x: cx - (cx - this.view.x) * f, y: cy - (cy - this.view.y) * f });
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }

  /** The whole canvas in the viewport, never magnified beyond 100 %. */
  fit(): void {
    const w = this.canvas.scrollWidth;
    const h = this.canvas.scrollHeight;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    if (w === 0 || h === 0 || vw === 0 || vh === 0) return;
    const k = Math.min(1, (vw - 24) / w, (vh - 24) / h);
    this.set({ k, x: (vw - w * k) / 2, y: Math.max(12, (vh - h * k) / 2) });
  }

  /** Pans so that `el` is in view (centred when it was outside), keeping the zoom. */
  reveal(el: Element): void {
    const r = el.getBoundingClientRect();
    const v = this.viewport.getBoundingClientRect();
    if (r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom) return;
    this.panBy(v.left + v.width / 2 - (r.left + r.width / 2), v.top + v.height / 2 - (r.top + r.height / 2));
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const v = this.viewport.getBoundingClientRect();
    // Trackpad pinches arrive as wheel events with ctrlKey set.
    if (e.ctrlKey || e.metaKey) this.zoomAt(Math.exp(-e.deltaY * 0.002), e.clientX - v.left, e.clientY - v.top);
    else this.panBy(-e.deltaX, -e.deltaY);
  }

  private press(e: PointerEvent): void {
    if (e.button !== 0) return;
    const start = { x: e.clientX, y: e.clientY, vx: this.view.x, vy: this.view.y };
    this.dragged = false;
    const move = (m: PointerEvent) => {
      const dx = m.clientX - start.x;
      const dy = m.clientY - start.y;
      if (!this.dragged && Math.hypot(dx, dy) < CLICK_SLOP) return;
      if (!this.dragged) this.viewport.setPointerCapture(e.pointerId);
      this.dragged = true;
      this.set({ ...this.view, x: start.vx + dx, y: start.vy + dy });
    };
    const up = () => {
      this.viewport.removeEventListener('pointermove', move);
      this.viewport.removeEventListener('pointerup', up);
      this.viewport.removeEventListener('pointercancel', up);
    };
    this.viewport.addEventListener('pointermove', move);
    this.viewport.addEventListener('pointerup', up);
    this.viewport.addEventListener('pointercancel', up);
  }

  private key(e: KeyboardEvent): void {
    const step = e.shiftKey ? 240 : 60;
    const c = { x: this.viewport.clientWidth / 2, y: this.viewport.clientHeight / 2 };
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.panBy(step, 0),
      ArrowRight: () => this.panBy(-step, 0),
      ArrowUp: () => this.panBy(0, step),
      ArrowDown: () => this.panBy(0, -step),
      '+': () => this.zoomAt(1.25, c.x, c.y),
      '=': () => this.zoomAt(1.25, c.x, c.y),
      '-': () => this.zoomAt(0.8, c.x, c.y),
      '0': () => this.fit(),
    };
    const act = actions[e.key];
    if (!act || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    act();
  }
}
