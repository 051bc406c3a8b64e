import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { mountGallery } from './gallery';
import { mountPreview } from './preview';
import type { Studio } from './studio';

// The studio page: a client of the studio's JSON API (openapi.yaml beside the server's code).

interface Features {
  audio: string; fps: number; frameCount: number; durationSeconds: number;
  onsets: number[]; beats: number[]; features: Record<string, number[]>;
}
interface TrackAnswer {
  fps: number; frameCount: number; computeMillis: number;
  tracks: { bend: number; label: string; values: number[] }[];
  errors: { bend: number; error: string; start: number; end: number }[];
}

const LANES = ['rms', 'onset_env', 'centroid', 'flux'];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const player = $<HTMLAudioElement>('player');
const video = $<HTMLVideoElement>('video');
let track: { key: string; id: string; name: string } | null = null;
let features: Features | null = null;
let featurePlots: uPlot[] = [];
let paramPlots: uPlot[] = [];
let jobId: string | null = null;
let events: EventSource | null = null;
let clock: HTMLMediaElement = player; // whichever plays drives the one playhead

async function api(path: string, init?: RequestInit): Promise<any> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new Error(typeof body === 'object' && body.error ? body.error : `${response.status} ${path}`);
  }
  return body;
}

function setStatus(id: string, text: string) { $(id).textContent = text; }

$<HTMLInputElement>('audio-file').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  setStatus('track-status', `uploading ${file.name}…`);
  try {
    const started = performance.now();
    const up = await api(`/api/audio?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
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
  featurePlots.forEach((p) => p.destroy());
  featurePlots = [];
  const lanes = $('lanes');
  lanes.replaceChildren();
  const time = features.features[LANES[0]].map((_, i) => i / features!.fps);
  for (const name of LANES.filter((n) => features!.features[n])) {
    featurePlots.push(lane(lanes, name, time, features.features[name], '#5ab0ff', true));
  }
}

/** One lane: a uPlot chart of one series over seconds, with onset/beat markers, a playhead, click to seek. */
function lane(parent: HTMLElement, name: string, time: number[], values: number[], color: string,
  markers: boolean): uPlot {
  const box = document.createElement('div');
  box.className = 'lane';
  box.dataset.lane = name;
  const label = document.createElement('span');
  label.className = 'lane-name';
  label.textContent = name;
  box.append(label);
  parent.append(box);
  // Every lane as wide as the first, so that one time sits at one x in all of them (and under one playhead).
  const width = featurePlots[0]?.width ?? Math.max(400, Math.floor(parent.getBoundingClientRect().width) - 4);
  const plot = new uPlot({
    width, height: 86,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false } },
    axes: [{ stroke: '#888', grid: { stroke: '#2a2d35' }, size: 30, values: (_u, ticks) => ticks.map((t) => `${+t.toFixed(2)}s`) },
      { stroke: '#888', grid: { stroke: '#2a2d35' }, size: 56, values: (_u, ticks) => ticks.map(compact) }],
    series: [{}, { stroke: color, width: 1, fill: color + '33' }],
    hooks: markers ? { draw: [(u: uPlot) => drawMarkers(u)] } : {},
  }, [time, values], box);
  const head = document.createElement('div');
  head.className = 'playhead';
  box.append(head);
  plot.over.addEventListener('click', (e) => {
    const t = plot.posToVal(e.offsetX, 'x');
    if (Number.isFinite(t)) clock.currentTime = Math.max(0, t);
  });
  return plot;
}

/** Axis numbers short enough for the lane's margin: 12000 as 12k. */
function compact(v: number): string {
  const a = Math.abs(v);
  return a >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : a >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(2)}`;
}

function drawMarkers(u: uPlot) {
  if (!features) return;
  const ctx = u.ctx;
  const top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
  const mark = (times: number[], color: string) => {
    ctx.strokeStyle = color;
    ctx.beginPath();
    for (const t of times) {
      const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
    }
    ctx.stroke();
  };
  ctx.save();
  ctx.lineWidth = 1;
  mark(features.onsets, 'rgba(255, 200, 0, 0.7)');
  mark(features.beats, 'rgba(120, 255, 120, 0.6)');
  ctx.restore();
}

// Parameter tracks: recomputed on the server (PLAN's code) as the bends change, debounced.
let timer: number | undefined;
function scheduleTracks() {
  window.clearTimeout(timer);
  timer = window.setTimeout(drawTracks, 150);
}
$<HTMLTextAreaElement>('bends').addEventListener('input', scheduleTracks);

function bendLines(): string[] {
  return $<HTMLTextAreaElement>('bends').value.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

async function drawTracks() {
  if (!track) return;
  const bends = bendLines();
  const answer = await api('/api/tracks', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ audio: track.key, fps: fps(), bends }),
  }) as TrackAnswer;
  const started = performance.now();
  paramPlots.forEach((p) => p.destroy());
  paramPlots = [];
  const params = $('params');
  params.replaceChildren();
  const time = Array.from({ length: answer.frameCount }, (_, i) => i / answer.fps);
  for (const t of answer.tracks) {
    paramPlots.push(lane(params, t.label, time, t.values, '#ffb14d', false));
  }
  const errors = $('bend-errors');
  errors.replaceChildren(...answer.errors.map((e) => errorLine(bends[e.bend], e)));
  document.body.dataset.drawMs = (performance.now() - started).toFixed(1);
  document.body.dataset.computeMs = answer.computeMillis.toFixed(1);
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
  for (const plot of [...featurePlots, ...paramPlots]) {
    const head = plot.root.parentElement?.querySelector('.playhead') as HTMLElement | null;
    if (head) head.style.left = `${plot.valToPos(clock.currentTime, 'x') + plot.over.offsetLeft}px`;
  }
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
  return {
    prompt: $<HTMLInputElement>('prompt').value,
    steps: Number($<HTMLInputElement>('steps').value),
    size: $<HTMLInputElement>('size').value,
    fps: fps(),
    bends: bendLines(),
  };
}

$<HTMLButtonElement>('render').addEventListener('click', async () => {
  if (!track) return;
  try {
    const job = await api('/api/jobs', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ schema: 1, audio: track.key, 'audio-name': track.name, ...settings() }),
    });
    watch(job.jobId);
  } catch (err) {
    setStatus('job-status', (err as Error).message);
  }
});

$<HTMLButtonElement>('cancel').addEventListener('click', async () => {
  if (jobId) await api(`/api/jobs/${jobId}/cancel`, { method: 'POST' });
});

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
    setStatus('job-status', `${id}: ${p.framesDone}/${p.framesTotal} frames`);
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
  if (!file) return;
  try {
    const s = await api('/api/jobfile/settings', { method: 'POST', body: await file.text() });
    if (s.prompt !== undefined) $<HTMLInputElement>('prompt').value = s.prompt;
    if (s.steps !== undefined) $<HTMLInputElement>('steps').value = String(s.steps);
    if (s.size !== undefined) $<HTMLInputElement>('size').value = String(s.size);
    if (s.fps !== undefined) $<HTMLInputElement>('fps').value = String(s.fps);
    if (Array.isArray(s.bends)) $<HTMLTextAreaElement>('bends').value = s.bends.join('\n');
    setStatus('job-status', `loaded ${file.name}`);
    scheduleTracks();
  } catch (err) {
    setStatus('job-status', (err as Error).message);
  }
});

// The preview and the gallery (preview.ts, gallery.ts) see the request and the lanes' time axis, nothing else.
const studio: Studio = {
  request: () => track ? { schema: 1, audio: track.key, 'audio-name': track.name, ...settings() } : null,
  xOf: (t) => featurePlots[0] ? featurePlots[0].valToPos(t, 'x') + featurePlots[0].over.offsetLeft : null,
};
mountPreview($('preview-panel'), $('preview-strip'), studio);
mountGallery($('gallery-panel'), studio);
