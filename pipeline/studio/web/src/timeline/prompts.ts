import uPlot from 'uplot';
import { Lanes, Lane } from './lane';

// The prompt timeline: prompts at times, as the request's `prompts: [{at, text}]` (the first at 0 s is the
// page's prompt field). Click the lane to add one at that time (snapped to beats or onsets when snapping is on),
// drag a flag to move it, edit the text in its row; interpolation linear or slerp, the request's `interpolation`.

export interface Cue { at: number; text: string; }

export class PromptTimeline {
  cues: Cue[] = [];
  private lane: Lane | null = null;
  private readonly rows: HTMLElement;
  private readonly interpolation: HTMLSelectElement;
  private dragging: Cue | null = null;

  constructor(private readonly lanes: Lanes, private readonly box: HTMLElement, panel: HTMLElement,
    private readonly first: HTMLInputElement, private readonly changed: () => void) {
    const tools = document.createElement('div');
    tools.className = 'tools';
    const add = document.createElement('button');
    add.id = 'add-prompt';
    add.textContent = '+ prompt at the playhead';
    add.addEventListener('click', () => this.add(this.playhead(), ''));
    const label = document.createElement('label');
    label.textContent = 'interpolation ';
    this.interpolation = document.createElement('select');
    this.interpolation.id = 'prompt-interpolation';
    ['linear', 'slerp'].forEach((v) => this.interpolation.append(new Option(v, v)));
    this.interpolation.addEventListener('change', changed);
    label.append(this.interpolation);
    tools.append(add, label);
    this.rows = document.createElement('div');
    this.rows.id = 'prompt-rows';
    panel.append(tools, this.rows);
  }

  playhead: () => number = () => 0;

  /** The lane, (re)made for a new track. */
  show(duration: number) {
    if (this.lane) this.lanes.remove(this.lane);
    this.lane = this.lanes.make(this.box, 'prompts', [[0, duration], [0, 1]], {
      color: 'transparent', height: 72, yRange: () => [0, 1], markers: true,
      draw: (u) => this.drawFlags(u),
      click: (t, e) => { if (!this.near(e)) this.add(this.lanes.view.snapped(t), ''); },
    });
    const over = this.lane.plot.over;
    over.addEventListener('mousedown', (e) => { this.dragging = this.near(e); });
    over.addEventListener('mousemove', (e) => {
      if (!this.dragging || !this.lane) return;
      this.dragging.at = Math.max(0.001, this.lanes.view.snapped(this.lane.plot.posToVal(e.offsetX, 'x')));
      this.lane.plot.redraw(false, false);
    });
    const drop = () => { if (this.dragging) { this.dragging = null; this.sortAndRender(); } };
    over.addEventListener('mouseup', drop);
    over.addEventListener('mouseleave', drop);
  }

  redraw() { this.lane?.plot.redraw(false, false); }

  add(at: number, text: string) {
    const cue = { at: Math.max(0.001, +at.toFixed(3)), text };
    this.cues.push(cue);
    this.sortAndRender();
    (this.rows.querySelector(`[data-index="${this.cues.indexOf(cue)}"] .prompt-text`) as HTMLInputElement | null)?.focus();
  }

  /** The request's fields: `prompts` (with the page's prompt at 0 s) and `interpolation`, or nothing. */
  fields(): Record<string, unknown> {
    if (this.cues.length === 0) return {};
    const prompts = [{ at: 0, text: this.first.value }, ...this.cues.filter((c) => c.text.trim() !== '')];
    return prompts.length > 1 ? { prompts, interpolation: this.interpolation.value } : {};
  }

  /** Reads a job file's prompts back: the one at 0 s into the page's prompt field, the rest onto the lane. */
  load(settings: Record<string, any>) {
    if (Array.isArray(settings.prompts)) {
      const all: Cue[] = settings.prompts.map((p: any) => ({ at: seconds(p.at), text: String(p.text ?? '') }));
      const zero = all.find((c) => c.at === 0);
      if (zero) this.first.value = zero.text;
      this.cues = all.filter((c) => c !== zero);
    } else {
      this.cues = [];
    }
    if (typeof settings.interpolation === 'string') this.interpolation.value = settings.interpolation;
    this.sortAndRender();
  }

  private sortAndRender() {
    this.cues.sort((a, b) => a.at - b.at);
    this.rows.replaceChildren(...this.cues.map((cue, i) => {
      const row = document.createElement('div');
      row.className = 'prompt-row';
      row.dataset.index = String(i);
      const at = document.createElement('input');
      at.className = 'prompt-at';
      at.type = 'number';
      at.step = '0.001';
      at.min = '0.001';
      at.value = String(cue.at);
      at.addEventListener('change', () => { cue.at = Math.max(0.001, Number(at.value) || 0.001); this.sortAndRender(); });
      const text = document.createElement('input');
      text.className = 'prompt-text';
      text.placeholder = 'prompt from here on';
      text.value = cue.text;
      text.addEventListener('input', () => { cue.text = text.value; this.lane?.plot.redraw(false, false); this.changed(); });
      const remove = document.createElement('button');
      remove.textContent = '×';
      remove.title = 'remove this prompt';
      remove.addEventListener('click', () => { this.cues.splice(this.cues.indexOf(cue), 1); this.sortAndRender(); });
      row.append(at, text, remove);
      return row;
    }));
    this.lane?.plot.redraw(false, false);
    this.changed();
  }

  /** The cue whose flag is under the pointer (within 6 px). */
  private near(e: MouseEvent): Cue | null {
    if (!this.lane) return null;
    const plot = this.lane.plot;
    return this.cues.find((c) => Math.abs(plot.valToPos(c.at, 'x') - e.offsetX) <= 6) ?? null;
  }

  private drawFlags(u: uPlot) {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const flags = [{ at: 0, text: this.first.value }, ...this.cues];
    for (const c of flags) {
      const x = Math.round(u.valToPos(c.at, 'x', true));
      ctx.fillStyle = '#c78bff';
      ctx.fillRect(x, top, 2 * devicePixelRatio, height);
      ctx.fillText(c.text || '…', x + 4 * devicePixelRatio, top + height / 2);
    }
    ctx.restore();
  }
}

/** A request time: seconds, or "m:ss(.s)". */
export function seconds(at: unknown): number {
  if (typeof at === 'number') return at;
  const text = String(at);
  const parts = text.split(':');
  return parts.length === 2 ? Number(parts[0]) * 60 + Number(parts[1]) : Number(text);
}
