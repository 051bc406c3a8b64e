// What the page's own parts (preview, gallery) need from the editor in main.ts: the request as it stands and
// where a time sits on the lanes. main.ts builds it; the parts never reach into main.ts's state otherwise.

export interface Studio {
  /** The request of POST /api/jobs for the current settings, or null before a track is uploaded. */
  request(): Record<string, unknown> | null;
  /** The x of a time (seconds) in the lanes' boxes, in CSS pixels, or null when no lane is drawn. */
  xOf(seconds: number): number | null;
  /** Calls listener whenever the lanes' time window moves (zoom, scroll, a new track). */
  onView(listener: () => void): void;
}

export async function api(path: string, init?: RequestInit): Promise<any> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new Error(typeof body === 'object' && body.error ? body.error : `${response.status} ${path}`);
  }
  return body;
}

export function postJson(path: string, body: unknown): Promise<any> {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
