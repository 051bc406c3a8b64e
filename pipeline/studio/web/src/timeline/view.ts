import uPlot from 'uplot';

// One time window shared by every lane: zoom and scroll move all of them together, so one time sits at one x.

export type Ruler = 'seconds' | 'beats';
export type Snap = 'off' | 'beats' | 'onsets';

export class TimeView {
  start = 0;
  end = 1;
  duration = 1;
  ruler: Ruler = 'seconds';
  snap: Snap = 'off';
  beats: number[] = [];
  onsets: number[] = [];
  private readonly plots = new Set<uPlot>();
  private readonly listeners: (() => void)[] = [];
  private frame = 0;

  /** A new track: the whole of it in view. */
  reset(duration: number, beats: number[], onsets: number[]) {
    this.duration = Math.max(duration, 0.1);
    this.beats = beats;
    this.onsets = onsets;
    this.set(0, this.duration);
  }

  /** The window [start, end], kept inside the track and at least 50 ms wide. */
  set(start: number, end: number) {
    const width = Math.min(this.duration, Math.max(0.05, end - start));
    const from = Math.min(Math.max(0, start), this.duration - width);
    this.start = from;
    this.end = from + width;
    this.schedule();
  }

  /** Zoom by factor (< 1 in, > 1 out) around time t, which stays where it is on screen. */
  zoom(t: number, factor: number) {
    const f = (t - this.start) / (this.end - this.start);
    const width = (this.end - this.start) * factor;
    this.set(t - f * width, t - f * width + width);
  }

  pan(seconds: number) { this.set(this.start + seconds, this.end + seconds); }

  add(plot: uPlot) { this.plots.add(plot); }
  remove(plot: uPlot) { this.plots.delete(plot); }
  onChange(listener: () => void) { this.listeners.push(listener); }

  /** The x scale of a lane: always the shared window. */
  range = (): [number, number] => [this.start, this.end];

  /** The nearest beat or onset to t when snapping is on. */
  snapped(t: number): number {
    const marks = this.snap === 'beats' ? this.beats : this.snap === 'onsets' ? this.onsets : [];
    let best = t;
    let distance = Infinity;
    for (const m of marks) {
      if (Math.abs(m - t) < distance) { distance = Math.abs(m - t); best = m; }
    }
    return best;
  }

  /** Ruler ticks: seconds at a round step, or every n-th detected beat, about 80 px apart. */
  splits = (u: uPlot): number[] => {
    const px = Math.max(1, u.bbox.width / devicePixelRatio);
    const count = Math.max(2, Math.floor(px / 80));
    if (this.ruler === 'beats' && this.beats.length > 1) {
      const inView = this.beats.filter((b) => b >= this.start && b <= this.end);
      const every = Math.max(1, Math.ceil(inView.length / count));
      return this.beats.map((b, i) => [b, i] as const).filter(([b, i]) => i % every === 0 && b >= this.start
        && b <= this.end).map(([b]) => b);
    }
    const step = niceStep((this.end - this.start) / count);
    const ticks: number[] = [];
    for (let t = Math.ceil(this.start / step) * step; t <= this.end + 1e-9; t += step) ticks.push(t);
    return ticks;
  };

  /** Tick labels: seconds (m:ss past a minute) or the beat's number. */
  labels = (_u: uPlot, ticks: number[]): string[] => ticks.map((t) => {
    if (this.ruler === 'beats' && this.beats.length > 1) return `b${this.beats.indexOf(t)}`;
    return clock(t, this.end - this.start < 10);
  });

  private schedule() {
    if (this.frame) return;
    // One redraw per animation frame, however many wheel events arrive in it.
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const started = performance.now();
      for (const plot of this.plots) plot.setScale('x', { min: this.start, max: this.end });
      this.listeners.forEach((l) => l());
      // uPlot redraws in a microtask: this one runs after all of them (the figure StudioEditorBrowserIT prints).
      queueMicrotask(() => { document.body.dataset.viewRedrawMs = (performance.now() - started).toFixed(1); });
    });
  }
}

function niceStep(raw: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export function clock(t: number, fine: boolean): string {
  const digits = fine ? 2 : 0;
  if (t < 60) return `${t.toFixed(digits)}s`;
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(digits).padStart(digits ? 3 + digits : 2, '0')}`;
}

/** Wheel zooms around the pointer; shift+wheel or a sideways wheel scrolls; dragging with the middle button pans. */
export function attachGestures(view: TimeView, plot: uPlot) {
  plot.over.addEventListener('wheel', (e) => {
    e.preventDefault();
    const t = plot.posToVal(e.offsetX, 'x');
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      view.pan(((e.shiftKey ? e.deltaY : e.deltaX) / plot.over.clientWidth) * (view.end - view.start));
    } else {
      view.zoom(t, Math.exp(e.deltaY * 0.002));
    }
  }, { passive: false });
}
