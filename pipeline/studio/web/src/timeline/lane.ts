import uPlot from 'uplot';
import { TimeView, attachGestures } from './view';

// A lane: a uPlot chart over the shared time window, with a name, optional onset/beat marks, a playhead and
// click-to-seek. Every lane of the page is made here, so all share one x range, one width and one playhead.

export interface LaneOptions {
  color?: string;
  markers?: boolean;
  height?: number;
  /** Extra series after the first (e.g. a max beside a min); with band, filled between series 1 and 2. */
  series?: uPlot.Series[];
  band?: boolean;
  /** Drawn after the series (waveform, points, prompt flags). */
  draw?: (u: uPlot) => void;
  /** Replaces click-to-seek (editable lanes). */
  click?: (t: number, e: MouseEvent, u: uPlot) => void;
  yRange?: () => [number, number];
}

export interface Lane { box: HTMLElement; plot: uPlot; }

export class Lanes {
  private readonly all = new Set<Lane>();
  private width = 0;

  constructor(readonly view: TimeView, private readonly seek: (t: number) => void) { }

  /** The common width: the first container's, fixed once so that every lane lines up. */
  private laneWidth(parent: HTMLElement): number {
    if (!this.width) this.width = Math.max(400, Math.floor(parent.getBoundingClientRect().width) - 4);
    return this.width;
  }

  make(parent: HTMLElement, name: string, data: uPlot.AlignedData, options: LaneOptions = {}): Lane {
    const box = document.createElement('div');
    box.className = 'lane';
    box.dataset.lane = name;
    const label = document.createElement('span');
    label.className = 'lane-name';
    label.textContent = name;
    box.append(label);
    parent.append(box);
    const color = options.color ?? '#5ab0ff';
    const view = this.view;
    const draws: ((u: uPlot) => void)[] = [];
    if (options.markers) draws.push((u) => this.drawMarkers(u));
    if (options.draw) draws.push(options.draw);
    const plot = new uPlot({
      width: this.laneWidth(parent), height: options.height ?? 86,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: view.range }, y: options.yRange ? { range: options.yRange } : {} },
      axes: [{ stroke: '#888', grid: { stroke: '#2a2d35' }, size: 30, splits: view.splits, values: view.labels },
        { stroke: '#888', grid: { stroke: '#2a2d35' }, size: 56, values: (_u, ticks) => ticks.map(compact) }],
      // A transparent series only spans the lane (the waveform and prompt flags are drawn by their hooks).
      series: [{}, color === 'transparent' ? { stroke: color, points: { show: false } }
        : { stroke: color, width: 1, fill: options.band ? undefined : color + '33' },
        ...(options.series ?? [])],
      bands: options.band ? [{ series: [2, 1], fill: color + '55' }] : undefined,
      hooks: { draw: draws },
    }, data, box);
    const head = document.createElement('div');
    head.className = 'playhead';
    box.append(head);
    plot.over.addEventListener('click', (e) => {
      const t = plot.posToVal(e.offsetX, 'x');
      if (!Number.isFinite(t)) return;
      if (options.click) options.click(t, e, plot);
      else this.seek(Math.max(0, t));
    });
    attachGestures(view, plot);
    view.add(plot);
    const lane = { box, plot };
    this.all.add(lane);
    return lane;
  }

  /** The width of a lane's plotting area in CSS pixels (the columns the server is asked for). */
  plotWidth(): number {
    const first = this.all.values().next().value as Lane | undefined;
    return first ? first.plot.over.clientWidth : this.width || 1000;
  }

  /** The x of time t in a lane's box (CSS pixels), or null when no lane is drawn or t is out of the window. */
  xOf(t: number): number | null {
    const first = this.all.values().next().value as Lane | undefined;
    if (!first || t < this.view.start || t > this.view.end) return null;
    return first.plot.valToPos(t, 'x') + first.plot.over.offsetLeft;
  }

  remove(lane: Lane) {
    this.view.remove(lane.plot);
    this.all.delete(lane);
    lane.plot.destroy();
    lane.box.remove();
  }

  /** The one playhead, at the same time in every lane. */
  playhead(t: number) {
    for (const { box, plot } of this.all) {
      const head = box.querySelector(':scope > .playhead') as HTMLElement | null;
      if (!head) continue;
      const x = plot.valToPos(t, 'x');
      head.style.display = t < this.view.start || t > this.view.end ? 'none' : '';
      head.style.left = `${x + plot.over.offsetLeft}px`;
    }
  }

  markers: { onsets: number[]; beats: number[] } = { onsets: [], beats: [] };

  private drawMarkers(u: uPlot) {
    const ctx = u.ctx;
    const top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
    // Marks closer than 3 px apart would fill the lane: those are left out until zoomed in.
    const dense = (times: number[]) => times.filter((t) => t >= this.view.start && t <= this.view.end).length
      > u.bbox.width / devicePixelRatio / 3;
    const mark = (times: number[], color: string) => {
      if (dense(times)) return;
      ctx.strokeStyle = color;
      ctx.beginPath();
      for (const t of times) {
        if (t < this.view.start || t > this.view.end) continue;
        const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
      }
      ctx.stroke();
    };
    ctx.save();
    ctx.lineWidth = 1;
    mark(this.markers.onsets, 'rgba(255, 200, 0, 0.7)');
    mark(this.markers.beats, 'rgba(120, 255, 120, 0.6)');
    ctx.restore();
  }
}

/** Axis numbers short enough for the lane's margin: 12000 as 12k. */
export function compact(v: number): string {
  const a = Math.abs(v);
  return a >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : a >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(2)}`;
}
