// The live page: frames from /api/live as they come, the achieved fps and the audio-to-frame latency, the
// page's audio input (microphone or a played file), and the controls (prompt crossfade, bends added, edited,
// removed, a range moved). A refused bend shows the parser's message with its span marked; the old bend stays.
import './live.css';
import { Microphone, Player } from './live-audio';

interface Hello {
  type: 'hello'; mode: 'microphone' | 'file' | 'server'; fps: number; width: number; height: number;
  steps: number; scheduler: string; sampleRate: number; audio: string | null; prompt: string; bends: Bend[];
}
interface Bend { id: number; text: string }
interface Result {
  type: 'result'; control: string; accepted: boolean; bendId: number; message: string; start: number; end: number;
  text: string; preparing: boolean;
}
/** A site change prepared off the loop: in effect from a frame, or its U-Net session failed. */
interface Control { type: 'control'; bendId: number; inEffect: boolean; frame: number; message: string }
interface FrameHeader {
  n: number; start: number; due: number; latency: number; fps: number; encodeMs: number; bends: number[];
  params: number[][];
}

/** What the page saw, for tests and for anyone curious in the console. */
const seen = {
  frames: [] as (FrameHeader & { bytes: number; latencyMs: number | null })[],
  results: [] as (Result & { framesBefore: number })[],
  controls: [] as Control[],
  errors: [] as string[],
};
(window as unknown as { netbendLive: typeof seen }).netbendLive = seen;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let socket: WebSocket | null = null;
let hello: Hello | null = null;
let microphone: Microphone | null = null;
let player: Player | null = null;
let frameUrl: string | null = null;
const arrivals: number[] = [];

function send(message: object | ArrayBuffer): void {
  if (socket?.readyState !== WebSocket.OPEN) return;
  socket.send(message instanceof ArrayBuffer ? message : JSON.stringify(message));
}

function connect(): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/api/live`);
  ws.binaryType = 'arraybuffer';
  socket = ws;
  ws.onopen = () => { $('connection').textContent = 'connected'; document.body.dataset.connected = 'true'; };
  ws.onclose = () => {
    $('connection').textContent = 'disconnected: retrying…';
    document.body.dataset.connected = 'false';
    window.setTimeout(connect, 1000);
  };
  ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
    if (typeof e.data === 'string') onText(JSON.parse(e.data));
    else onFrame(e.data);
  };
}

function onText(message: { type: string; [key: string]: unknown }): void {
  switch (message.type) {
    case 'hello': return onHello(message as unknown as Hello);
    case 'bends': return showBends(message.bends as Bend[]);
    case 'prompt': ($('prompt') as HTMLInputElement).value = message.prompt as string; return;
    case 'result': return onResult(message as unknown as Result);
    case 'control': return onControl(message as unknown as Control);
    case 'error':
      seen.errors.push(message.message as string);
      showError(message.message as string, '', -1, -1);
      return;
    default: return;
  }
}

function onHello(h: Hello): void {
  const first = hello === null;
  hello = h;
  $('mode').textContent = `${h.mode} · ${h.width}x${h.height}, ${h.steps} step(s) of ${h.scheduler} at ${h.fps} fps`;
  ($('prompt') as HTMLInputElement).value = h.prompt;
  if (first) ($('fade') as HTMLInputElement).value = String(Math.round(h.fps));
  showBends(h.bends);
  $('audio-file').hidden = h.mode !== 'file';
  $('audio-mic').hidden = h.mode !== 'microphone';
  $('audio-server').hidden = h.mode !== 'server';
  if (h.mode === 'file' && h.audio && !player) player = new Player($('player') as HTMLAudioElement, h.audio, send);
  if (h.mode === 'microphone' && microphone?.running) {
    // A new connection after a drop: the server needs the format again before the PCM.
    send({ type: 'microphone', rate: h.sampleRate });
  }
}

function onFrame(data: ArrayBuffer): void {
  const view = new DataView(data);
  const length = view.getUint32(0);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length))) as FrameHeader;
  const jpeg = new Blob([new Uint8Array(data, 4 + length)], { type: 'image/jpeg' });
  const img = $('frame') as HTMLImageElement;
  const old = frameUrl;
  frameUrl = URL.createObjectURL(jpeg);
  img.src = frameUrl;
  if (old) URL.revokeObjectURL(old);
  const now = performance.now();
  arrivals.push(now);
  while (arrivals.length > 2 && now - arrivals[0] > 2000) arrivals.shift();
  const pageFps = arrivals.length < 2 ? 0 : (arrivals.length - 1) / ((now - arrivals[0]) / 1000);
  const latencyMs = microphone?.running ? microphone.latencyMs(header.due)
    : player ? player.latencyMs(header.due) : header.latency * 1000;
  seen.frames.push({ ...header, bytes: jpeg.size, latencyMs });
  if (seen.frames.length > 1000) seen.frames.shift();
  document.body.dataset.frames = String(seen.frames.length);
  $('stats').textContent = `frame ${header.n} · ${pageFps.toFixed(1)} fps here (${header.fps.toFixed(1)} made)`
    + ` · audio→frame ${latencyMs === null ? '?' : latencyMs.toFixed(0)} ms`
    + ` · render ${(header.latency * 1000).toFixed(0)} ms, JPEG ${header.encodeMs.toFixed(1)} ms`;
}

function showBends(bends: Bend[]): void {
  $('bends').replaceChildren(...bends.map(bendRow));
}

/** One bend: its text (Apply sends an edit), Remove, and its first range [lo..hi] as two fields to move it. */
function bendRow(bend: Bend): HTMLElement {
  const row = document.createElement('div');
  row.className = 'bend-row';
  row.dataset.id = String(bend.id);
  const text = document.createElement('input');
  text.className = 'bend-text';
  text.spellcheck = false;
  text.value = bend.text;
  const apply = button('Apply', 'apply', () => send({ type: 'edit', id: bend.id, text: text.value }));
  text.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply.click(); });
  const remove = button('Remove', 'remove', () => send({ type: 'remove', id: bend.id }));
  row.append(text, apply, remove);
  const range = /\[([^\].]+(?:\.[^\].]+)?)\.\.([^\]]+)\]/.exec(bend.text);
  if (range) {
    const lo = field('range-lo', range[1]);
    const hi = field('range-hi', range[2]);
    const move = () => send({ type: 'edit', id: bend.id,
      text: bend.text.replace(range[0], `[${lo.value}..${hi.value}]`) });
    lo.addEventListener('change', move);
    hi.addEventListener('change', move);
    row.append(' range ', lo, '..', hi);
  }
  return row;
}

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = label;
  b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

function field(className: string, value: string): HTMLInputElement {
  const f = document.createElement('input');
  f.className = className;
  f.size = 5;
  f.value = value;
  return f;
}

function onResult(result: Result): void {
  seen.results.push({ ...result, framesBefore: seen.frames.length });
  if (result.accepted) {
    $('bend-error').replaceChildren();
    if (result.preparing) $('bend-error').textContent = `bend ${result.bendId}: ${result.message}`;
    if (result.control === 'add') ($('new-bend') as HTMLInputElement).value = '';
  } else {
    showError(result.message, result.text, result.start, result.end);
  }
}

function onControl(control: Control): void {
  seen.controls.push(control);
  if (control.inEffect) $('bend-error').textContent = `bend ${control.bendId} in effect from frame ${control.frame}`;
  else showError(control.message, '', -1, -1);
}

/** The message, and the text with the offending span marked when there is one. */
function showError(message: string, text: string, start: number, end: number): void {
  const line = document.createElement('div');
  line.className = 'error';
  if (text) {
    const code = document.createElement('code');
    if (start >= 0) {
      const mark = document.createElement('mark');
      const stop = Math.max(end, start + 1);
      mark.textContent = text.slice(start, stop) || ' ';
      code.append(text.slice(0, start), mark, text.slice(stop));
    } else {
      code.textContent = text;
    }
    line.append(code);
  }
  const m = document.createElement('div');
  m.className = 'message';
  m.textContent = message;
  line.append(m);
  $('bend-error').replaceChildren(line);
}

$('add-bend').addEventListener('click', () => send({ type: 'add', text: ($('new-bend') as HTMLInputElement).value }));
$('new-bend').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('add-bend').click(); });
$('prompt-change').addEventListener('click', () => send({ type: 'prompt',
  text: ($('prompt') as HTMLInputElement).value, fade: Number(($('fade') as HTMLInputElement).value) }));
$('mic-start').addEventListener('click', async () => {
  if (!hello || microphone?.running) return;
  const mic = new Microphone(hello.sampleRate, send);
  try {
    await mic.start();
    microphone = mic;
    $('mic-status').textContent = `streaming at ${hello.sampleRate} Hz`;
    document.body.dataset.microphone = 'on';
  } catch (e) {
    $('mic-status').textContent = `the microphone could not start: ${(e as Error).message}`;
  }
});

connect();
