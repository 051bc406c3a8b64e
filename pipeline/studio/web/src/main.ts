import 'uplot/dist/uPlot.min.css';
import './style.css';
import { Editor, Features, TrackAnswer } from './timeline/editor';
import './timeline/timeline.css';
import { downloadLinks, mountJobs } from './jobs';
import { mountSources, sourceFields } from './sources';
import { mountGallery } from './gallery';
import { mountPreview } from './preview';
import { api, postJson, type Studio } from './studio';

// The studio page: a client of the studio's JSON API (openapi.yaml beside the server's code).

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const player = $<HTMLAudioElement>('player');
const video = $<HTMLVideoElement>('video');
let track: { key: string; id: string; name: string } | null = null;
let features: Features | null = null;
let jobId: string | null = null;
let events: EventSource | null = null;
let clock: HTMLMediaElement = player; // whichever plays drives the one playhead
// Track, prompts, drawn lanes and bends on one zoomable timeline (timeline/).
const editor = new Editor((t) => { clock.currentTime = Math.max(0, t); }, () => scheduleTracks());

function setStatus(id: string, text: string) { $(id).textContent = text; }

$<HTMLInputElement>('audio-file').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  setStatus('track-status', `uploading ${file.name}…`);
  try {
    const started = performance.now();
    const [up] = await Promise.all([
      api(`/api/audio?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file }),
      file.arrayBuffer().then((bytes) => editor.audio(bytes))]);
    track = { key: up.key, id: up.id, name: up.name };
    player.src = `/api/audio/${up.id}`;
    await loadFeatures();
    const ms = Math.round(performance.now() - started);
    setStatus('track-status', `${up.name}: ${up.durationSeconds.toFixed(1)} s, lanes in ${ms} ms`);
    document.body.dataset.firstLanesMs = String(ms);
    $<HTMLButtonElement>('render').disabled = false;
    scheduleTracks();
  } catch (err) {
    setStatus('track-status', (err as Error).message);
  }
});

function fps(): number { return Number($<HTMLInputElement>('fps').value) || 10; }

async function loadFeatures() {
  if (!track) return;
  features = await api(`/api/audio/${track.id}/features?fps=${fps()}`) as Features;
  editor.show(features);
}

// Parameter tracks: recomputed on the server (PLAN's code) as the bends change, debounced.
let timer: number | undefined;
function scheduleTracks() {
  window.clearTimeout(timer);
  timer = window.setTimeout(drawTracks, 60);
}
$<HTMLTextAreaElement>('bends').addEventListener('input', scheduleTracks);

function bendLines(): string[] {
  return $<HTMLTextAreaElement>('bends').value.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

let asked = 0; // answers can cross on the wire: only the newest question's answer is drawn
async function drawTracks() {
  if (!track) return;
  const question = ++asked;
  const bends = bendLines();
  const sent = performance.now();
  const answer = await postJson('/api/tracks',
    { audio: track.key, fps: fps(), bends, ...editor.trackFields(), ...sourceFields(sources()) }) as TrackAnswer;
  const received = performance.now();
  if (question !== asked) return;
  editor.drawTracks(answer);
  const errors = $('bend-errors');
  errors.replaceChildren(...answer.errors.map((e) => errorLine(bends[e.bend], e)));
  await Promise.resolve(); // after uPlot's redraw, which it defers to a microtask
  document.body.dataset.drawMs = (performance.now() - received).toFixed(1);
  // And until the frame with the new lanes has been painted (the next task after the next animation frame).
  requestAnimationFrame(() => setTimeout(() => {
    document.body.dataset.paintMs = (performance.now() - received).toFixed(1);
  }, 0));
  document.body.dataset.roundTripMs = (received - sent).toFixed(1);
  document.body.dataset.computeMs = answer.computeMillis.toFixed(1);
  document.body.dataset.tracksDrawn = String(Number(document.body.dataset.tracksDrawn ?? 0) + 1);
  requestAnimationFrame(updatePlayhead); // once the new lanes are laid out
}

/** The parser's message, and the bend text with the offending span marked. */
function errorLine(text: string, e: { error: string; start: number; end: number }): HTMLElement {
  const line = document.createElement('div');
  line.className = 'error';
  const code = document.createElement('code');
  const end = Math.max(e.end, e.start + 1);
  const mark = document.createElement('mark');
  mark.textContent = text.slice(e.start, end) || ' ';
  code.append(text.slice(0, e.start), mark, text.slice(end));
  const message = document.createElement('span');
  message.className = 'message';
  message.textContent = ' ' + e.error;
  line.append(code, message);
  return line;
}

// One playhead over every lane, following the audio or the finished video.
function updatePlayhead() {
  editor.playhead(clock.currentTime);
  document.body.dataset.playhead = clock.currentTime.toFixed(3);
}
function animate() {
  updatePlayhead();
  if (!clock.paused) requestAnimationFrame(animate);
}
for (const media of [player, video]) {
  media.addEventListener('play', () => { clock = media; animate(); });
  media.addEventListener('seeked', updatePlayhead);
  media.addEventListener('timeupdate', updatePlayhead);
}

// Settings as the job file that --job reads.
function settings(): Record<string, unknown> {
  const timed = editor.settings(); // prompts (then without `prompt`), interpolation, lanes
  return {
    ...(timed.prompts ? {} : { prompt: $<HTMLInputElement>('prompt').value }),
    ...timed,
    steps: Number($<HTMLInputElement>('steps').value),
    size: $<HTMLInputElement>('size').value,
    fps: fps(),
    bends: bendLines(),
  };
}

$<HTMLButtonElement>('render').addEventListener('click', async () => {
  if (!track) return;
  try {
    const job = await postJson('/api/jobs', { schema: 1, audio: track.key, audioName: track.name, ...settings(),
      ...sourceFields(sources()) });
    watch(job.jobId);
  } catch (err) {
    setStatus('job-status', (err as Error).message);
  }
});

$<HTMLButtonElement>('cancel').addEventListener('click', async () => {
  if (jobId) await api(`/api/jobs/${jobId}/cancel`, { method: 'POST' });
});

/** " · 3.2 frames/s · 0:41 left" while the farm knows its rate; empty before. */
function rate(fps: number, eta: number): string {
  if (!(fps > 0)) return '';
  const left = eta >= 0 ? ` · ${Math.floor(eta / 60)}:${String(Math.round(eta % 60)).padStart(2, '0')} left` : '';
  return ` · ${fps.toFixed(1)} frames/s${left}`;
}

function watch(id: string) {
  jobId = id;
  events?.close();
  $<HTMLButtonElement>('cancel').disabled = false;
  setStatus('job-status', `${id}: queued`);
  events = new EventSource(`/api/jobs/${id}/events`);
  events.addEventListener('progress', async (e) => {
    const p = JSON.parse((e as MessageEvent).data);
    const bar = $<HTMLProgressElement>('progress');
    bar.max = Math.max(1, p.framesTotal);
    bar.value = p.framesDone;
    setStatus('job-status', `${id}: ${p.framesDone}/${p.framesTotal} frames${rate(p.framesPerSecond, p.etaSeconds)}`);
    if (p.framesPerSecond > 0) document.body.dataset.renderFps = String(p.framesPerSecond);
    const frames: number[] = await api(`/api/jobs/${id}/frames`);
    if (frames.length > 0) {
      $<HTMLImageElement>('latest-frame').src = `/api/jobs/${id}/frames/${frames[frames.length - 1]}`;
    }
  });
  events.addEventListener('result', (e) => {
    const r = JSON.parse((e as MessageEvent).data);
    setStatus('job-status', `${id}: ${r.state}${r.reason ? ' — ' + r.reason : ''}`);
    document.body.dataset.jobState = r.state;
    $<HTMLButtonElement>('cancel').disabled = true;
    events?.close();
    if (r.state === 'DONE') {
      video.src = `/api/jobs/${id}/video`;
    }
    $('downloads').replaceChildren(downloadLinks(id, r.state === 'DONE'));
  });
}

$<HTMLButtonElement>('download-yaml').addEventListener('click', async () => {
  const response = await fetch('/api/jobfile/yaml', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings()),
  });
  const text = await response.text();
  if (!response.ok) { setStatus('job-status', text); return; }
  $('yaml-text').textContent = text;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  link.download = 'netbend-job.yaml';
  document.body.append(link);
  link.click();
  link.remove();
});

$<HTMLInputElement>('load-yaml').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) await loadJobYaml(await file.text(), file.name);
});

async function loadJobYaml(text: string, name: string) {
  try {
    const s = await api('/api/jobfile/settings', { method: 'POST', body: text });
    if (s.prompt !== undefined) $<HTMLInputElement>('prompt').value = s.prompt;
    else if (Array.isArray(s.prompts) && s.prompts.length > 0) $<HTMLInputElement>('prompt').value = s.prompts[0].text;
    if (s.steps !== undefined) $<HTMLInputElement>('steps').value = String(s.steps);
    if (s.size !== undefined) $<HTMLInputElement>('size').value = String(s.size);
    if (s.fps !== undefined) $<HTMLInputElement>('fps').value = String(s.fps);
    if (Array.isArray(s.bends)) $<HTMLTextAreaElement>('bends').value = s.bends.join('\n');
    editor.load(s);
    setStatus('job-status', `loaded ${name}`);
    scheduleTracks();
  } catch (err) {
    setStatus('job-status', (err as Error).message);
  }
}

/** A track already in the store (a job's), as the editor's track. */
async function useTrack(key: string, name: string) {
  track = { key, id: key.substring('audio/'.length), name };
  player.src = `/api/audio/${track.id}`;
  const bytes = await fetch(player.src, { credentials: 'same-origin' }).then((r) => r.arrayBuffer());
  await Promise.all([editor.audio(bytes), loadFeatures()]);
  setStatus('track-status', name);
  $<HTMLButtonElement>('render').disabled = false;
}

// Stems and MIDI (sources.ts), named by the job created and read by the lanes' bends: a new one redraws them.
const sources = mountSources($('sources-panel'), scheduleTracks);

// The Jobs list (jobs.ts); "Open" brings a job's track and settings back into the editor.
mountJobs($('jobs-panel'), async (yaml, audio, audioName, id) => {
  if (audio) await useTrack(audio, audioName ?? id);
  await loadJobYaml(yaml, `${id}.yaml`);
});

// The preview and the gallery (preview.ts, gallery.ts) see the request and the lanes' time axis, nothing else.
const studio: Studio = {
  request: () => track ? { schema: 1, audio: track.key, audioName: track.name, ...settings(),
    ...sourceFields(sources()) } : null,
  xOf: (t) => editor.xOf(t),
  onView: (listener) => editor.onView(listener),
};
mountPreview($('preview-panel'), $('preview-strip'), studio);
mountGallery($('gallery-panel'), studio);
