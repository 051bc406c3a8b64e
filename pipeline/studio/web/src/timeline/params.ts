import { Lanes, Lane } from './lane';

// Each bend's parameter track, as the server sends it for the lanes' window: min and max per pixel column
// (a 10-minute track is 12,000 frames per bend; a lane is about a thousand pixels). Lanes whose labels stay
// are given the new data in place (no new chart per keystroke).

export interface TrackAnswer {
  fps: number; frameCount: number; computeMillis: number; from: number; to: number; columns: number;
  tracks: { bend: number; label: string; min: number[]; max: number[] }[];
  errors: { bend: number; error: string; start: number; end: number }[];
}

export class ParameterLanes {
  private shown: Lane[] = [];

  constructor(private readonly lanes: Lanes, private readonly box: HTMLElement) { }

  /** The window and resolution to ask the server for: what the lanes show. */
  window(): { from: number; to: number; columns: number } {
    const view = this.lanes.view;
    return { from: view.start, to: view.end, columns: Math.max(1, Math.min(8192, Math.round(this.lanes.plotWidth()))) };
  }

  draw(answer: TrackAnswer) {
    this.summarize(answer);
    const step = (answer.to - answer.from) / answer.columns;
    const time = Array.from({ length: answer.columns }, (_, i) => answer.from + (i + 0.5) * step);
    const same = this.shown.length === answer.tracks.length
      && this.shown.every((l, i) => l.box.dataset.lane === answer.tracks[i].label);
    if (same) {
      answer.tracks.forEach((t, i) => this.shown[i].plot.setData([time, t.min, t.max]));
      return;
    }
    this.shown.forEach((l) => this.lanes.remove(l));
    this.shown = answer.tracks.map((t) => this.lanes.make(this.box, t.label, [time, t.min, t.max], {
      color: '#ffb14d', band: true, series: [{ stroke: '#ffb14d', width: 1 }],
    }));
    this.summarize(answer);
  }

  /** Each lane's mean of its column maxima on the element (for tests and scripts: the chart is a canvas). */
  private summarize(answer: TrackAnswer) {
    answer.tracks.forEach((t, i) => {
      const box = this.shown[i]?.box;
      if (box) box.dataset.mean = (t.max.reduce((a, b) => a + b, 0) / Math.max(1, t.max.length)).toFixed(4);
    });
  }
}
