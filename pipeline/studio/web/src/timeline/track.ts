import { Lanes, Lane } from './lane';
import { Peaks } from './waveform';
import { Ruler, Snap } from './view';

// The Track section: a toolbar (zoom, scroll, ruler, snap), the waveform, and feature lanes, each showing the
// feature chosen in its own menu from every feature of the analysis.

export interface Features {
  audio: string; fps: number; frameCount: number; durationSeconds: number;
  onsets: number[]; beats: number[]; features: Record<string, number[]>;
}

const FIRST_LANES = ['rms', 'onset_env', 'centroid', 'flux'];

export class TrackSection {
  features: Features | null = null;
  private peaks: Peaks | null = null;
  private wave: Lane | null = null;
  private readonly featureLanes: Lane[] = [];

  constructor(private readonly lanes: Lanes, private readonly waveBox: HTMLElement,
    private readonly laneBox: HTMLElement, tools: HTMLElement) {
    this.toolbar(tools);
  }

  /** A new track's audio (for the waveform); its peaks are ready before the lanes are drawn. */
  async audio(bytes: ArrayBuffer) {
    try {
      this.peaks = await Peaks.of(bytes);
    } catch {
      this.peaks = null; // Chromium cannot decode it: the lanes come without the waveform
    }
  }

  show(features: Features) {
    this.features = features;
    const view = this.lanes.view;
    view.reset(features.durationSeconds || features.frameCount / features.fps, features.beats, features.onsets);
    this.lanes.markers = { onsets: features.onsets, beats: features.beats };
    if (this.wave) this.lanes.remove(this.wave);
    this.wave = null;
    if (this.peaks) {
      const peaks = this.peaks;
      this.wave = this.lanes.make(this.waveBox, 'waveform', [[0, peaks.duration], [0, 0]], {
        color: 'transparent', markers: true, height: 70, yRange: () => [-1, 1],
        draw: (u) => peaks.draw(u, '#8fd3a8'),
      });
    }
    const chosen = this.featureLanes.map((l) => l.box.dataset.lane!);
    this.featureLanes.splice(0).forEach((l) => this.lanes.remove(l));
    const names = (chosen.length ? chosen : FIRST_LANES).filter((n) => features.features[n]);
    for (const name of names.length ? names : Object.keys(features.features).slice(0, 4)) this.addLane(name);
  }

  /** A feature lane with its own menu of every feature; choosing another redraws it in place. */
  addLane(name: string, before?: Lane) {
    const f = this.features!;
    const time = Array.from({ length: f.frameCount }, (_, i) => i / f.fps);
    const lane = this.lanes.make(this.laneBox, name, [time, f.features[name]], { markers: true });
    if (before) this.laneBox.insertBefore(lane.box, before.box);
    const menu = document.createElement('select');
    menu.className = 'lane-feature';
    menu.title = 'the feature this lane shows';
    for (const n of Object.keys(f.features).sort()) menu.append(new Option(n, n, false, n === name));
    menu.addEventListener('change', () => {
      const at = this.featureLanes.indexOf(lane);
      const next = this.featureLanes[at + 1];
      this.featureLanes.splice(at, 1);
      this.lanes.remove(lane);
      const replaced = this.addLane(menu.value, next);
      this.featureLanes.splice(this.featureLanes.indexOf(replaced), 1);
      this.featureLanes.splice(at, 0, replaced);
    });
    const close = document.createElement('button');
    close.className = 'lane-close';
    close.textContent = '×';
    close.title = 'remove this lane';
    close.addEventListener('click', () => {
      this.featureLanes.splice(this.featureLanes.indexOf(lane), 1);
      this.lanes.remove(lane);
    });
    const tools = document.createElement('span');
    tools.className = 'lane-tools';
    tools.append(menu, close);
    lane.box.append(tools);
    this.featureLanes.push(lane);
    return lane;
  }

  private toolbar(tools: HTMLElement) {
    const view = this.lanes.view;
    const button = (text: string, title: string, act: () => void) => {
      const b = document.createElement('button');
      b.textContent = text;
      b.title = title;
      b.addEventListener('click', act);
      tools.append(b);
      return b;
    };
    const middle = () => (view.start + view.end) / 2;
    button('+', 'zoom in (or the wheel over a lane)', () => view.zoom(middle(), 0.5)).id = 'zoom-in';
    button('−', 'zoom out', () => view.zoom(middle(), 2)).id = 'zoom-out';
    button('fit', 'the whole track', () => view.set(0, view.duration)).id = 'zoom-fit';
    const scroll = document.createElement('input');
    scroll.type = 'range';
    scroll.id = 'scroll';
    scroll.min = '0';
    scroll.max = '1000';
    scroll.title = 'scroll (or shift+wheel over a lane)';
    scroll.addEventListener('input', () => {
      const width = view.end - view.start;
      const start = (Number(scroll.value) / 1000) * (view.duration - width);
      view.set(start, start + width);
    });
    view.onChange(() => {
      const free = view.duration - (view.end - view.start);
      scroll.value = String(free > 0 ? Math.round((view.start / free) * 1000) : 0);
      document.body.dataset.view = `${view.start.toFixed(3)}..${view.end.toFixed(3)}`;
    });
    tools.append(scroll);
    const menu = (id: string, label: string, values: string[], change: (v: string) => void) => {
      const l = document.createElement('label');
      l.textContent = label + ' ';
      const s = document.createElement('select');
      s.id = id;
      values.forEach((v) => s.append(new Option(v, v)));
      s.addEventListener('change', () => change(s.value));
      l.append(s);
      tools.append(l);
    };
    menu('ruler', 'ruler', ['seconds', 'beats'], (v) => { view.ruler = v as Ruler; view.set(view.start, view.end); });
    menu('snap', 'snap', ['off', 'beats', 'onsets'], (v) => { view.snap = v as Snap; });
    button('+ lane', 'another feature lane', () => { if (this.features) this.addLane('rms'); }).id = 'add-lane';
  }
}
