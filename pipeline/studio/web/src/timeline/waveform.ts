import uPlot from 'uplot';

// The waveform, from min/max peaks the browser computes once from the uploaded file (Web Audio decodes it, as
// it will play it). Peaks are kept at several resolutions (each 4x coarser), and each screen column is drawn
// from the coarsest level still finer than a column: a 10-minute track zooms from whole to a few samples per
// pixel with a few thousand reads per redraw.

const FINEST = 32; // samples per bucket at level 0

export class Peaks {
  private constructor(readonly rate: number, readonly duration: number,
    private readonly levels: { min: Float32Array; max: Float32Array; size: number }[]) { }

  static async of(bytes: ArrayBuffer): Promise<Peaks> {
    const audio = await new OfflineAudioContext(1, 1, 44100).decodeAudioData(bytes);
    const channels = Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c));
    const n = Math.ceil(audio.length / FINEST);
    let min = new Float32Array(n).fill(1);
    let max = new Float32Array(n).fill(-1);
    for (const data of channels) {
      for (let i = 0; i < data.length; i++) {
        const b = (i / FINEST) | 0;
        const v = data[i];
        if (v < min[b]) min[b] = v;
        if (v > max[b]) max[b] = v;
      }
    }
    const levels = [{ min, max, size: FINEST }];
    while (min.length > 64) {
      const m = Math.ceil(min.length / 4);
      const nextMin = new Float32Array(m).fill(1);
      const nextMax = new Float32Array(m).fill(-1);
      for (let i = 0; i < min.length; i++) {
        const b = i >> 2;
        if (min[i] < nextMin[b]) nextMin[b] = min[i];
        if (max[i] > nextMax[b]) nextMax[b] = max[i];
      }
      min = nextMin;
      max = nextMax;
      levels.push({ min, max, size: levels[levels.length - 1].size * 4 });
    }
    return new Peaks(audio.sampleRate, audio.duration, levels);
  }

  /** Draws the peaks into a lane's plot area, one vertical stroke per device pixel column. */
  draw(u: uPlot, color: string) {
    const { left, top, width, height } = u.bbox;
    const start = u.scales.x.min ?? 0;
    const end = u.scales.x.max ?? this.duration;
    const samplesPerColumn = ((end - start) / width) * this.rate;
    let level = this.levels[0];
    for (const l of this.levels) if (l.size <= samplesPerColumn) level = l;
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = color;
    const y = (v: number) => top + (1 - (v + 1) / 2) * height;
    for (let x = 0; x < width; x++) {
      const from = Math.floor(((start + (x / width) * (end - start)) * this.rate) / level.size);
      const to = Math.max(from + 1, Math.floor(((start + ((x + 1) / width) * (end - start)) * this.rate) / level.size));
      let lo = 1, hi = -1;
      for (let b = Math.max(0, from); b < Math.min(to, level.min.length); b++) {
        if (level.min[b] < lo) lo = level.min[b];
        if (level.max[b] > hi) hi = level.max[b];
      }
      if (hi < lo) continue;
      const y0 = y(hi);
      ctx.fillRect(left + x, y0, 1, Math.max(1, y(lo) - y0));
    }
    ctx.restore();
  }
}
