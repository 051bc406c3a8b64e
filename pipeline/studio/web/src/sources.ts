// A track's stems and MIDI file: uploaded beside the track (checked by decoding on the server, stored under
// their content address as `submit --stem/--midi` does), listed here, and named by the job the page creates.

export interface Sources { stems: Record<string, string>; midi: string | null }

const STEM_NAME = /^[a-z0-9_-]{1,32}$/;

async function upload(path: string, file: File): Promise<any> {
  const response = await fetch(`${path}?name=${encodeURIComponent(file.name)}`,
    { method: 'POST', body: file, credentials: 'same-origin' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${path}`);
  return body;
}

/** Mounts the stems and MIDI controls into {@code root}; the returned function gives what the job names. */
export function mountSources(root: HTMLElement, onChange: () => void = () => {}): () => Sources {
  const sources: Sources = { stems: {}, midi: null };
  root.innerHTML = '<h2>Stems and MIDI <small>read by bends as <code>rms@drums</code>, <code>note@ch1</code></small></h2>'
    + '<label>Stem name <input id="stem-name" value="drums" size="10"></label>'
    + '<label class="button">Upload a stem <input id="stem-file" type="file" accept="audio/*"></label> '
    + '<label class="button">Upload a MIDI file <input id="midi-file" type="file" accept=".mid,.midi,audio/midi"></label>'
    + '<ul id="sources-list"></ul><div id="sources-status"></div>';
  const status = root.querySelector('#sources-status') as HTMLElement;
  const list = root.querySelector('#sources-list') as HTMLElement;
  const show = () => {
    const items = Object.entries(sources.stems).map(([name, key]) => `stem ${name}: ${key}`);
    if (sources.midi) items.push(`MIDI: ${sources.midi}`);
    list.replaceChildren(...items.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }));
  };
  root.querySelector('#stem-file')!.addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    const name = (root.querySelector('#stem-name') as HTMLInputElement).value.trim();
    input.value = '';
    if (!file) return;
    if (!STEM_NAME.test(name) || /^ch([1-9]|1[0-6])$/.test(name)) {
      status.textContent = `a stem name is 1..32 of a-z, 0-9, _ and - (not ch1..ch16), got '${name}'`;
      return;
    }
    try {
      const up = await upload('/api/audio', file);
      sources.stems[name] = up.key;
      status.textContent = `stem ${name}: ${up.name}, ${up.durationSeconds.toFixed(1)} s`;
      show();
      onChange();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });
  root.querySelector('#midi-file')!.addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const up = await upload('/api/midi', file);
      sources.midi = up.key;
      status.textContent = `MIDI ${up.name}: ${up.features.length} features (${up.features.slice(0, 4).join(', ')}…)`;
      show();
      onChange();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });
  return () => ({ stems: { ...sources.stems }, midi: sources.midi });
}

/** The request fields for the sources given: none when there are none. */
export function sourceFields(s: Sources): Record<string, unknown> {
  return {
    ...(Object.keys(s.stems).length > 0 ? { stems: s.stems } : {}),
    ...(s.midi ? { midi: s.midi } : {}),
  };
}
