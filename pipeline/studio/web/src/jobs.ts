// The Jobs page: every job the farm knows with its state, progress, track, priority and time submitted; cancel;
// open a job's settings back into the editor; an album's tracks as one group; a job's downloads.
import './jobs.css';

export interface JobRow {
  jobId: string; state: string; framesDone: number; framesTotal: number; when: string;
  audioName: string | null; reason: string | null; priority: number; submitted: string | null;
  album: string | null;
}

/** What the editor does with a job opened from the list: its settings (job YAML) and its track. */
export type OpenJob = (yaml: string, audio: string | null, audioName: string | null, jobId: string) => void;

const LIVE = new Set(['QUEUED', 'RUNNING']);

async function call(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  if (!response.ok) {
    let message = `${response.status} ${path}`;
    try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

/** Links to a job's files: the video when DONE, its features.json, its frames as a zip, its settings. */
export function downloadLinks(jobId: string, done: boolean): HTMLElement {
  const box = document.createElement('span');
  box.className = 'downloads';
  const id = encodeURIComponent(jobId);
  const links: [string, string][] = [
    ...(done ? [[`/api/jobs/${id}/video`, 'video'] as [string, string]] : []),
    [`/api/jobs/${id}/features.json`, 'features.json'],
    [`/api/jobs/${id}/frames.zip`, 'frames.zip'],
    [`/api/jobs/${id}/settings.yaml`, 'settings.yaml'],
  ];
  for (const [href, label] of links) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    a.download = '';
    a.dataset.download = label;
    box.append(a, ' ');
  }
  return box;
}

/** Mounts the Jobs list into {@code root}, refreshed every {@code everyMs}. */
export function mountJobs(root: HTMLElement, open: OpenJob, everyMs = 2000): { refresh: () => Promise<void> } {
  root.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = 'Jobs';
  const status = document.createElement('span');
  status.id = 'jobs-status';
  const table = document.createElement('table');
  table.id = 'jobs';
  table.innerHTML = '<thead><tr><th>job</th><th>track</th><th>state</th><th>progress</th><th>priority</th>'
    + '<th>submitted</th><th></th></tr></thead>';
  const body = document.createElement('tbody');
  table.append(body);
  root.append(title, status, table);

  let shown = '';
  async function refresh() {
    try {
      const text = await (await call('/api/jobs')).text();
      const jobs = JSON.parse(text) as JobRow[];
      if (text !== shown) { // redrawn only when something changed, so a button is not replaced under the pointer
        shown = text;
        render(body, jobs, open, status, refresh);
      }
      status.textContent = `${jobs.length} job${jobs.length === 1 ? '' : 's'}`;
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  }
  refresh();
  window.setInterval(refresh, everyMs);
  return { refresh };
}

/** Solo jobs as rows; an album as a header row (its tracks' progress summed) followed by its tracks. */
function render(body: HTMLElement, jobs: JobRow[], open: OpenJob, status: HTMLElement, refresh: () => Promise<void>) {
  const rows: HTMLElement[] = [];
  const albums = new Map<string, JobRow[]>();
  for (const job of jobs) {
    if (job.album) {
      if (!albums.has(job.album)) albums.set(job.album, []);
      albums.get(job.album)!.push(job);
    }
  }
  const shown = new Set<string>();
  for (const job of jobs) {
    if (!job.album) {
      rows.push(jobRow(job, open, status, refresh));
    } else if (!shown.has(job.album)) {
      shown.add(job.album);
      const tracks = albums.get(job.album)!.slice().sort((a, b) => (a.submitted ?? '').localeCompare(b.submitted ?? ''));
      rows.push(albumRow(job.album, tracks));
      for (const track of tracks) {
        const row = jobRow(track, open, status, refresh);
        row.classList.add('album-track');
        row.dataset.album = job.album;
        rows.push(row);
      }
    }
  }
  body.replaceChildren(...rows);
}

function albumRow(album: string, tracks: JobRow[]): HTMLElement {
  const row = document.createElement('tr');
  row.className = 'album';
  row.dataset.album = album;
  const done = tracks.reduce((n, t) => n + Math.max(0, t.framesDone), 0);
  const total = tracks.reduce((n, t) => n + Math.max(0, t.framesTotal), 0);
  const states = [...new Set(tracks.map((t) => t.state))].join(', ');
  row.append(cell(`album ${album}`), cell(`${tracks.length} tracks`), cell(states), cell(progress(done, total)),
    cell(''), cell(''), cell(''));
  return row;
}

function jobRow(job: JobRow, open: OpenJob, status: HTMLElement, refresh: () => Promise<void>): HTMLElement {
  const row = document.createElement('tr');
  row.className = 'job';
  row.dataset.jobId = job.jobId;
  row.dataset.state = job.state;
  const state = cell(job.state + (job.reason ? ` (${job.reason})` : ''));
  state.className = `state state-${job.state.toLowerCase()}`;
  const actions = document.createElement('td');
  if (LIVE.has(job.state)) {
    actions.append(button('Cancel', 'cancel-job', async () => {
      await call(`/api/jobs/${encodeURIComponent(job.jobId)}/cancel`, { method: 'POST' });
      status.textContent = `cancel sent for ${job.jobId}`;
      await refresh();
    }, status));
  }
  actions.append(button('Open', 'open-job', async () => {
    const id = encodeURIComponent(job.jobId);
    const yaml = await (await call(`/api/jobs/${id}/settings.yaml`)).text();
    const one = await (await call(`/api/jobs/${id}`)).json();
    open(yaml, one.audio ?? null, one.audioName ?? job.audioName, job.jobId);
  }, status), downloadLinks(job.jobId, job.state === 'DONE'));
  row.append(cell(job.jobId), cell(job.audioName ?? ''), state, cell(progress(job.framesDone, job.framesTotal)),
    cell(String(job.priority)), cell(job.submitted ? new Date(job.submitted).toLocaleString() : ''), actions);
  return row;
}

function progress(done: number, total: number): HTMLElement {
  const bar = document.createElement('progress');
  bar.max = Math.max(1, total);
  bar.value = Math.max(0, done);
  const box = document.createElement('span');
  box.append(bar, total > 0 ? ` ${Math.max(0, done)}/${total}` : '');
  return box;
}

function button(text: string, kind: string, act: () => Promise<void>, status: HTMLElement): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = text;
  b.className = kind;
  b.addEventListener('click', () => { act().catch((err) => { status.textContent = (err as Error).message; }); });
  return b;
}

function cell(content: string | HTMLElement): HTMLTableCellElement {
  const td = document.createElement('td');
  td.append(content);
  return td;
}
