import { Studio, api, element, postJson } from './studio';

// Looks: the gallery of `netbend gallery` (one bend over values, and layers or sites) as jobs on the service.
// Every cell is a one-frame preview job; a cell shows once its frame 0 is stored (polled: a gallery may have
// more cells than the event streams a page may hold open).

interface Grid { rows: string[]; columns: string[]; cells: { row: number; column: number; bend: string | null; jobId: string }[];
  warning?: string }

const POLL_MS = 1000;

interface Look { made: boolean; failed?: string }

export function mountGallery(panel: HTMLElement, studio: Studio) {
  const bend = element('input', { id: 'gallery-bend', value: 'rotate-r1@2=VALUES', size: 28, spellcheck: false });
  const values = element('input', { id: 'gallery-values', value: '0..pi:3', size: 10 });
  const rows = element('input', { id: 'gallery-rows', value: '0,2', size: 14, title: 'layers (or sites) by commas' });
  const bySite = element('input', { id: 'gallery-sites', type: 'checkbox', title: 'rows are U-Net sites' });
  const start = element('button', { id: 'gallery', textContent: 'Render looks' });
  const status = element('span', { id: 'gallery-status' });
  const table = element('table', { id: 'gallery-grid' });
  panel.append(element('h2', { textContent: 'Looks' }), element('label', {}, 'bend ', bend),
    element('label', {}, 'values ', values), element('label', {}, 'rows ', rows),
    element('label', {}, bySite, ' sites'), start, ' ', status, table);
  let generation = 0;

  start.addEventListener('click', async () => {
    const request = studio.request();
    if (!request) { status.textContent = 'upload a track first'; return; }
    const list = rows.value.split(',').map((r) => r.trim()).filter((r) => r.length > 0);
    const mine = ++generation;
    try {
      const grid = await postJson('/api/galleries', { request, bend: bend.value, values: values.value,
        [bySite.checked ? 'sites' : 'layers']: list }) as Grid;
      status.textContent = grid.warning ?? `${grid.cells.length} cells queued`;
      const images = draw(grid);
      void poll(images, mine);
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });

  function draw(grid: Grid): Map<HTMLTableCellElement, string> {
    const head = element('tr', {}, element('th'), ...grid.columns.map((c) => element('th', { textContent: c })));
    const body = grid.rows.map((r) => element('tr', {}, element('th', { textContent: r })));
    const cells = new Map<HTMLTableCellElement, string>();
    for (const c of grid.cells) {
      const td = element('td', { className: 'cell pending', title: c.bend ?? 'no bend' });
      td.dataset.job = c.jobId;
      body[c.row].append(td);
      cells.set(td, c.jobId);
    }
    table.replaceChildren(head, ...body);
    document.body.dataset.galleryMade = '0';
    return cells;
  }

  async function poll(pending: Map<HTMLTableCellElement, string>, mine: number) {
    const total = pending.size;
    while (pending.size > 0 && mine === generation) {
      const seen = new Map<string, Look>(); // one look per job: equal cells share it
      for (const [td, id] of [...pending]) {
        if (!seen.has(id)) seen.set(id, await look(id));
        const state = seen.get(id)!;
        if (state.made) {
          td.replaceChildren(element('img', { src: `/api/jobs/${id}/frames/0`, alt: td.title }));
        } else if (state.failed) {
          td.textContent = state.failed;
          td.classList.add('failed');
        } else {
          continue;
        }
        td.classList.remove('pending');
        pending.delete(td);
      }
      document.body.dataset.galleryMade = String(total - pending.size);
      status.textContent = `${total - pending.size}/${total} cells`;
      if (pending.size > 0) await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Whether the cell's frame is stored, or why it never will be. */
  async function look(id: string): Promise<Look> {
    const frames: number[] = await api(`/api/jobs/${id}/frames`);
    if (frames.includes(0)) return { made: true };
    try {
      const job = await api(`/api/jobs/${id}`);
      if (job.state === 'FAILED' || job.state === 'REJECTED' || job.state === 'CANCELLED') {
        return { made: false, failed: `${job.state}: ${job.reason ?? ''}` };
      }
    } catch { /* no events yet: still queued */ }
    return { made: false };
  }
}
