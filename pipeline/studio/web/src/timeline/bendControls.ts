// Controls for the bend under the text cursor: operator, layer, U-Net site (from GET /api/models), target,
// source (a feature or a drawn lane), range and modifiers. Changing a control rewrites that line in the CLI's
// syntax, OP@LAYER[/SITE][:TARGET]=SOURCE[LO..HI]|MODIFIERS; moving the cursor to a line reads it back. The text
// stays the truth: the server's parser checks it as before.

export const OPERATORS = ['add', 'subtract', 'multiply', 'add-sparse', 'noise', 'threshold', 'threshold-binary',
  'threshold-soft', 'inversion', 'rotate-r1', 'rotate-r2', 'rotate-r3', 'rotate-r4', 'rotate(0,1)', 'rotate-so4',
  'reflect(0)', 'hadamard', 'matrix', 'erode(2)', 'dilate(2)', 'normalize(channel)', 'normalize-max', 'power', 'log',
  'abs', 'clamp', 'rescale', 'sobel', 'gradient'];

export interface BendParts {
  op: string; layer: string; site: string; target: string; source: string; lo: string; hi: string; modifiers: string;
}

const BEND = /^([^@]+)@([^/:=]+)(?:\/([^:=]+))?(?::([^=]+))?=(.+)$/;
const SOURCE = /^([^[|]+?)(?:\[([^\]]*?)\.\.([^\]]*)\])?(?:\|(.*))?$/;

/** A bend's text split into the controls' parts, or null when it does not have the plain shape. */
export function readBend(text: string): BendParts | null {
  const m = BEND.exec(text.trim());
  if (!m) return null;
  const s = SOURCE.exec(m[5].trim());
  if (!s) return null;
  return { op: m[1].trim(), layer: m[2].trim(), site: (m[3] ?? '').trim(), target: (m[4] ?? '').trim(),
    source: s[1].trim(), lo: (s[2] ?? '').trim(), hi: (s[3] ?? '').trim(), modifiers: (s[4] ?? '').trim() };
}

/** The parts as the CLI writes a bend. */
export function writeBend(p: BendParts): string {
  const range = p.lo !== '' || p.hi !== '' ? `[${p.lo}..${p.hi}]` : '';
  return `${p.op}@${p.layer || '0'}${p.site ? '/' + p.site : ''}${p.target && p.target !== 'all' ? ':' + p.target : ''}`
    + `=${p.source}${range}${p.modifiers ? '|' + p.modifiers : ''}`;
}

export interface Model { name: string; default: boolean; sites: { site: string; channels: number }[]; note?: string; }

export class BendControls {
  private readonly fields: Record<keyof BendParts, HTMLInputElement | HTMLSelectElement>;
  private readonly site: HTMLSelectElement;
  private readonly source: HTMLSelectElement;

  constructor(panel: HTMLElement, private readonly text: HTMLTextAreaElement, private readonly changed: () => void) {
    const box = document.createElement('div');
    box.id = 'bend-controls';
    const select = (name: string, values: string[]) => {
      const s = document.createElement('select');
      values.forEach((v) => s.append(new Option(v, v)));
      return label(box, name, s);
    };
    const input = (name: string, placeholder: string, size: number) => {
      const i = document.createElement('input');
      i.placeholder = placeholder;
      i.size = size;
      return label(box, name, i);
    };
    this.site = document.createElement('select');
    this.site.append(new Option('latent', ''));
    this.source = document.createElement('select');
    this.fields = {
      op: select('operator', OPERATORS),
      layer: input('layer/steps', '0, final, 0-10, every', 6),
      site: label(box, 'site', this.site),
      target: input('target', 'all, channel(2), region(...)', 12),
      source: label(box, 'source', this.source),
      lo: input('from', 'lo', 4),
      hi: input('to', 'hi', 4),
      modifiers: input('modifiers', 'median(5)|envelope(10,300)', 16),
    };
    for (const [key, field] of Object.entries(this.fields)) {
      field.classList.add('bend-' + key);
      field.addEventListener('input', () => this.write());
      field.addEventListener('change', () => this.write());
    }
    const add = document.createElement('button');
    add.id = 'add-bend';
    add.textContent = '+ bend';
    add.addEventListener('click', () => {
      this.text.value = this.text.value.replace(/\s*$/, '') + (this.text.value.trim() ? '\n' : '') + 'add@0=rms[0..1]';
      this.text.setSelectionRange(this.text.value.length, this.text.value.length);
      this.read();
      this.changed();
    });
    box.append(add);
    panel.append(box);
    for (const event of ['click', 'keyup', 'focus']) text.addEventListener(event, () => this.read());
  }

  /** The sites of the models the studio knows (the default model's first). */
  models(models: Model[]) {
    const chosen = models.find((m) => m.default) ?? models[0];
    this.site.replaceChildren(new Option('latent', ''));
    for (const s of chosen?.sites ?? []) this.site.append(new Option(`${s.site} (${s.channels} ch)`, s.site));
  }

  /** The sources to offer: the track's features and the drawn lanes. */
  sources(features: string[], lanes: string[]) {
    const current = this.source.value;
    this.source.replaceChildren(...[...features.sort(), ...lanes.map((l) => `lane:${l}`)].map((v) => new Option(v, v)));
    if (current) {
      this.ensure(this.source, current);
      this.source.value = current;
    }
  }

  /** Reads the bend under the cursor into the controls. */
  read() {
    const parts = readBend(this.currentLine().text);
    if (!parts) return;
    for (const [key, field] of Object.entries(this.fields) as [keyof BendParts, HTMLInputElement | HTMLSelectElement][]) {
      if (field instanceof HTMLSelectElement) this.ensure(field, parts[key]);
      field.value = parts[key];
    }
  }

  /** Writes the controls into the line under the cursor. */
  private write() {
    const parts = Object.fromEntries(Object.entries(this.fields).map(([k, f]) => [k, f.value.trim()])) as unknown as BendParts;
    const line = this.currentLine();
    const lines = this.text.value.split('\n');
    lines[line.index] = writeBend(parts);
    const caret = this.text.selectionStart;
    this.text.value = lines.join('\n');
    this.text.setSelectionRange(Math.min(caret, this.text.value.length), Math.min(caret, this.text.value.length));
    this.changed();
  }

  private currentLine(): { index: number; text: string } {
    const before = this.text.value.slice(0, this.text.selectionStart);
    const index = before.split('\n').length - 1;
    return { index, text: this.text.value.split('\n')[index] ?? '' };
  }

  /** A select that shows a value it did not list (an operator with other arguments, a stem's feature). */
  private ensure(select: HTMLSelectElement, value: string) {
    if (![...select.options].some((o) => o.value === value)) select.append(new Option(value, value));
  }
}

function label<T extends HTMLElement>(box: HTMLElement, name: string, field: T): T {
  const l = document.createElement('label');
  l.textContent = name + ' ';
  l.append(field);
  box.append(l);
  return field;
}
