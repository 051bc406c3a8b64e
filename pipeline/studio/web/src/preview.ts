import { Studio, api, element, postJson } from './studio';

// Preview: the request with a `preview` block (every k-th frame, fewer steps, maybe a smaller size), a job of
// its own. Each stored frame n shows as a thumbnail on a strip under the lanes, at n * every / fps seconds.

export function mountPreview(panel: HTMLElement, strip: HTMLElement, studio: Studio) {
  const every = element('input', { id: 'preview-every', type: 'number', value: '4', min: '1', max: '1000' });
  const steps = element('input', { id: 'preview-steps', type: 'number', min: '1', max: '999', placeholder: '¼' });
  const size = element('input', { id: 'preview-size', placeholder: 'the render’s', size: 9 });
  const start = element('button', { id: 'preview', textContent: 'Preview' });
  const status = element('span', { id: 'preview-status' });
  panel.append(element('h2', { textContent: 'Preview' }),
    element('label', {}, 'every ', every, ' frames'), element('label', {}, 'steps ', steps),
    element('label', {}, 'size ', size), start, ' ', status);
  let stream: EventSource | null = null;
  let placed = new Map<number, HTMLImageElement>();
  let place: { every: number; fps: number } = { every: 4, fps: 20 };

  start.addEventListener('click', async () => {
    const request = studio.request();
    if (!request) { status.textContent = 'upload a track first'; return; }
    const block: Record<string, unknown> = { every: Number(every.value) || 4 };
    if (steps.value) block.steps = Number(steps.value);
    if (size.value.trim()) block.size = size.value.trim();
    place = { every: block.every as number, fps: Number(request.fps ?? 20) };
    stream?.close();
    strip.replaceChildren();
    placed = new Map();
    const started = performance.now();
    document.body.dataset.previewThumbs = '0';
    try {
      const job = await postJson('/api/jobs', { ...request, preview: block });
      document.body.dataset.previewJob = job.jobId;
      status.textContent = `${job.jobId}: queued`;
      follow(job.jobId, started);
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });

  /** Progress events say frames were stored; the frame list says which. */
  function follow(id: string, started: number) {
    stream = new EventSource(`/api/jobs/${id}/events`);
    stream.addEventListener('progress', () => { void refresh(id, started); });
    stream.addEventListener('result', async (e) => {
      const r = JSON.parse((e as MessageEvent).data);
      stream?.close();
      await refresh(id, started);
      status.textContent = `${id}: ${r.state}${r.reason ? ' — ' + r.reason : ''}, ${placed.size} thumbnails`;
      document.body.dataset.previewState = r.state;
      document.body.dataset.previewLastMs = String(Math.round(performance.now() - started));
    });
  }

  async function refresh(id: string, started: number) {
    const frames: number[] = await api(`/api/jobs/${id}/frames`);
    for (const n of frames.filter((f) => !placed.has(f))) {
      const seconds = n * place.every / place.fps;
      const thumb = element('img', { className: 'thumb', src: `/api/jobs/${id}/frames/${n}`,
        title: `frame ${n} of the preview, ${seconds.toFixed(2)} s` });
      thumb.dataset.frame = String(n);
      thumb.dataset.time = seconds.toFixed(3);
      placed.set(n, thumb);
      strip.append(thumb);
      if (placed.size === 1) document.body.dataset.previewFirstMs = String(Math.round(performance.now() - started));
    }
    layout();
    document.body.dataset.previewThumbs = String(placed.size);
    status.textContent = `${id}: ${placed.size} frames`;
  }

  /** Each thumbnail centred on its time; later ones overlap earlier ones when the track is zoomed out. */
  function layout() {
    for (const thumb of placed.values()) {
      const x = studio.xOf(Number(thumb.dataset.time));
      thumb.hidden = x === null; // out of the zoomed window
      if (x !== null) thumb.style.left = `${x}px`;
    }
  }
  window.addEventListener('resize', layout);
  studio.onView(layout);
}
