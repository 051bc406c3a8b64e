import uPlot from 'uplot';
import { Lanes, Lane } from './lane';
import { seconds } from './prompts';

// Drawn lanes: parameters drawn by hand as (time, value) points, the request's `lanes` (docs/request.md,
// "Lanes"). On a lane: click to add a point (snapped to beats or onsets when snapping is on), drag a point to
// move it, alt+click (or right-click) a point to delete it; "a point on every onset" puts one at each onset.
// Every change recomputes the parameter tracks of the bends, which read a lane as `lane:NAME`.

export type Interpolation = 'step' | 'linear' | 'cubic';
interface Drawn {
  name: string; interpolation: Interpolation; points: [number, number][]; lane: Lane | null;
  /** The lane as a job file gave it, written back as it was until the lane is edited (its times may be beats). */
  given?: unknown;
}

const NAME = /^[a-z0-9_-]{1,32}$/;

export class DrawnLanes {
  private readonly all: Drawn[] = [];
  private duration = 1;
  private dragging: { drawn: Drawn; index: number } | null = null;

  constructor(private readonly lanes: Lanes, private readonly box: HTMLElement, panel: HTMLElement,
    private readonly changed: () => void) {
    const add = document.createElement('button');
    add.id = 'add-drawn-lane';
    add.textContent = '+ drawn lane';
    add.addEventListener('click', () => this.create(this.freeName(), 'linear', []));
    panel.append(add);
  }

  names(): string[] { return this.all.map((d) => d.name); }

  show(duration: number) {
    this.duration = duration;
    this.all.forEach((d) => this.render(d));
  }

  /** The request's `lanes`: each as {interpolation, points}, left out when none has a point. */
  fields(): Record<string, unknown> {
    const lanes: Record<string, unknown> = {};
    for (const d of this.all) {
      if (d.given !== undefined) lanes[d.name] = d.given;
      else if (d.points.length > 0) lanes[d.name] = { interpolation: d.interpolation, points: d.points.map((p) => [...p]) };
    }
    return Object.keys(lanes).length ? { lanes } : {};
  }

  /**
   * A job file's lanes back onto the page: points, or a schedule string read as Deforum's. Beat times (`8b`) are
   * drawn at the detected beats; the lane itself is kept as given, so the file goes out as it came in.
   */
  load(settings: Record<string, any>) {
    this.all.splice(0).forEach((d) => { if (d.lane) this.lanes.remove(d.lane); });
    const time = (t: unknown) => this.seconds(t);
    for (const [name, spec] of Object.entries((settings.lanes ?? {}) as Record<string, any>)) {
      const schedule = typeof spec === 'string' ? spec : spec.schedule;
      const points: [number, number][] = schedule ? parseSchedule(schedule, time)
        : (spec.points ?? []).map((p: any[]) => [time(p[0]), Number(p[1])]);
      this.create(name, (typeof spec === 'object' && spec.interpolation) || 'linear', points, false);
      this.all[this.all.length - 1].given = spec;
    }
  }

  /** A request time in seconds; `Nb` at the detected beats (PLAN uses the median tempo: close, for drawing). */
  private seconds(t: unknown): number {
    const text = String(t).trim();
    if (!text.endsWith('b')) return seconds(t);
    const n = Number(text.slice(0, -1));
    const beats = this.lanes.view.beats;
    const i = Math.floor(n);
    if (i + 1 < beats.length) return beats[i] + (n - i) * (beats[i + 1] - beats[i]);
    return n * 0.5; // no beats detected (yet): 120 BPM
  }

  private freeName(): string {
    for (let i = 1; ; i++) if (!this.all.some((d) => d.name === `lane${i}`)) return `lane${i}`;
  }

  private create(name: string, interpolation: Interpolation, points: [number, number][], announce = true) {
    const drawn: Drawn = { name, interpolation, points, lane: null };
    this.all.push(drawn);
    this.render(drawn);
    if (announce) this.changed();
  }

  /** (Re)makes a lane's chart and its controls. */
  private render(d: Drawn) {
    if (d.lane) this.lanes.remove(d.lane);
    if (!this.lanes.view.duration) return;
    d.lane = this.lanes.make(this.box, `lane:${d.name}`, this.curve(d), {
      color: '#c78bff', height: 90, yRange: () => yRange(d),
      draw: (u) => drawPoints(u, d.points),
      click: (t, e, u) => this.click(d, t, e, u),
    });
    d.lane.box.classList.add('drawn-lane');
    const over = d.lane.plot.over;
    over.addEventListener('contextmenu', (e) => {
      e.preventDefault();
      const i = nearest(d.lane!.plot, d.points, e);
      if (i >= 0) this.edit(d, () => d.points.splice(i, 1));
    });
    over.addEventListener('mousedown', (e) => {
      const i = nearest(d.lane!.plot, d.points, e);
      if (i >= 0 && !e.altKey && e.button === 0) this.dragging = { drawn: d, index: i };
    });
    over.addEventListener('mousemove', (e) => {
      if (!this.dragging || this.dragging.drawn !== d) return;
      const u = d.lane!.plot;
      const p = d.points[this.dragging.index];
      p[0] = round(Math.max(0, this.lanes.view.snapped(u.posToVal(e.offsetX, 'x'))));
      p[1] = round(u.posToVal(e.offsetY, 'y'));
      u.setData(this.curve(d), false);
      u.redraw(false, false);
    });
    const drop = () => {
      if (this.dragging?.drawn !== d) return;
      this.dragging = null;
      this.edit(d, () => { });
    };
    over.addEventListener('mouseup', drop);
    over.addEventListener('mouseleave', drop);
    d.lane.box.append(this.controls(d));
  }

  private click(d: Drawn, t: number, e: MouseEvent, u: uPlot) {
    const i = nearest(u, d.points, e);
    if (i >= 0) {
      if (e.altKey) this.edit(d, () => d.points.splice(i, 1));
      return; // a click on a point is the end of a drag
    }
    this.edit(d, () => d.points.push([round(Math.max(0, this.lanes.view.snapped(t))), round(u.posToVal(e.offsetY, 'y'))]));
  }

  /** Applies a change, keeps the points in time order (one point per time), redraws and tells the bends. */
  private edit(d: Drawn, change: () => void) {
    change();
    d.given = undefined; // edited: written as points from now on
    d.points.sort((a, b) => a[0] - b[0]);
    d.points = d.points.filter((p, i) => i === 0 || p[0] > d.points[i - 1][0]);
    d.lane?.plot.setData(this.curve(d));
    this.changed();
  }

  private controls(d: Drawn): HTMLElement {
    const tools = document.createElement('span');
    tools.className = 'lane-tools';
    const name = document.createElement('input');
    name.className = 'drawn-name';
    name.value = d.name;
    name.size = 8;
    name.title = 'the lane\'s name: bends read it as lane:NAME';
    name.addEventListener('change', () => {
      if (!NAME.test(name.value) || this.all.some((o) => o !== d && o.name === name.value)) { name.value = d.name; return; }
      d.name = name.value;
      d.lane!.box.dataset.lane = `lane:${d.name}`;
      (d.lane!.box.querySelector('.lane-name') as HTMLElement).textContent = `lane:${d.name}`;
      this.changed();
    });
    const interpolation = document.createElement('select');
    interpolation.className = 'drawn-interpolation';
    (['step', 'linear', 'cubic'] as const).forEach((v) => interpolation.append(new Option(v, v, false, v === d.interpolation)));
    interpolation.addEventListener('change', () => {
      d.interpolation = interpolation.value as Interpolation;
      this.edit(d, () => { });
    });
    const onsets = document.createElement('button');
    onsets.className = 'drawn-onsets';
    onsets.textContent = 'a point on every onset';
    onsets.addEventListener('click', () => this.edit(d, () => {
      d.points = [[0, 0], ...this.lanes.view.onsets.filter((t) => t > 0).map((t) => [round(t), 1] as [number, number])];
    }));
    const clear = document.createElement('button');
    clear.textContent = 'clear';
    clear.addEventListener('click', () => this.edit(d, () => { d.points = []; }));
    const remove = document.createElement('button');
    remove.textContent = '×';
    remove.title = 'remove this lane';
    remove.addEventListener('click', () => {
      this.all.splice(this.all.indexOf(d), 1);
      if (d.lane) this.lanes.remove(d.lane);
      this.changed();
    });
    tools.append(name, interpolation, onsets, clear, remove);
    return tools;
  }

  /** The lane's value over the track, sampled for drawing with the request's interpolation. */
  private curve(d: Drawn): uPlot.AlignedData {
    const n = 2000;
    const time = Array.from({ length: n + 1 }, (_, i) => (i / n) * this.duration);
    const at = curveOf(d.points, d.interpolation);
    return [time, time.map(at)];
  }
}

function round(v: number): number { return +v.toFixed(3); }

function yRange(d: Drawn): [number, number] {
  const values = d.points.map((p) => p[1]);
  const lo = Math.min(0, ...values), hi = Math.max(1, ...values);
  return [lo, hi + (hi - lo) * 0.05];
}

function nearest(u: uPlot, points: [number, number][], e: MouseEvent): number {
  return points.findIndex((p) => Math.hypot(u.valToPos(p[0], 'x') - e.offsetX, u.valToPos(p[1], 'y') - e.offsetY) <= 7);
}

function drawPoints(u: uPlot, points: [number, number][]) {
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = '#fff';
  for (const [t, v] of points) {
    ctx.beginPath();
    ctx.arc(u.valToPos(t, 'x', true), u.valToPos(v, 'y', true), 4 * devicePixelRatio, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
}

/** Deforum's "TIME:(VALUE), ..." with times in seconds, m:ss or beats. */
function parseSchedule(text: string, time: (t: string) => number): [number, number][] {
  return [...text.matchAll(/([0-9.:]+b?)\s*:\s*\(([^)]*)\)/g)].map((m) => [time(m[1]), Number(m[2])]);
}

/**
 * The lane's value at any time as PLAN computes it (plan.LaneCurve): held before the first and after the last
 * point; step, linear, or a cubic Hermite with the same monotone (Fritsch-Carlson) tangents.
 */
export function curveOf(points: [number, number][], interpolation: Interpolation): (t: number) => number {
  const n = points.length;
  const x = points.map((p) => p[0]), y = points.map((p) => p[1]);
  const m = interpolation === 'cubic' ? monotoneTangents(x, y) : [];
  return (t) => {
    if (n === 0) return 0;
    if (t <= x[0]) return y[0];
    if (t >= x[n - 1]) return y[n - 1];
    let lo = 0, hi = n - 1; // x[lo] < t <= x[hi]
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (x[mid] < t) lo = mid; else hi = mid; }
    if (interpolation === 'step') return t === x[hi] ? y[hi] : y[lo];
    const h = x[hi] - x[lo], s = (t - x[lo]) / h;
    if (interpolation === 'linear') return y[lo] + s * (y[hi] - y[lo]);
    const s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y[lo] + (s3 - 2 * s2 + s) * h * m[lo] + (-2 * s3 + 3 * s2) * y[hi]
      + (s3 - s2) * h * m[hi];
  };
}

function monotoneTangents(x: number[], y: number[]): number[] {
  const n = x.length;
  const m = new Array<number>(n).fill(0);
  if (n < 2) return m;
  const d = Array.from({ length: n - 1 }, (_, k) => (y[k + 1] - y[k]) / (x[k + 1] - x[k]));
  m[0] = d[0];
  m[n - 1] = d[n - 2];
  for (let k = 1; k < n - 1; k++) m[k] = d[k - 1] * d[k] > 0 ? (d[k - 1] + d[k]) / 2 : 0;
  for (let k = 0; k < n - 1; k++) {
    if (d[k] === 0) { m[k] = 0; m[k + 1] = 0; continue; }
    const a = m[k] / d[k], b = m[k + 1] / d[k], r = a * a + b * b;
    if (r > 9) { const tau = 3 / Math.sqrt(r); m[k] = tau * a * d[k]; m[k + 1] = tau * b * d[k]; }
  }
  return m;
}
