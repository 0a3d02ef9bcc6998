/**
 * DRF's `DefaultContentNegotiation.select_renderer` for the two default renderers.
 * Quality values are ignored, as in DRF: only specificity ranks media types.
 */
import type { HeaderDialect } from './header-params.js';
import { MediaType, mediaTypeMatches } from './media-types.js';

/** The renderers of DRF's default settings, in order. */
export type RendererName = 'json' | 'api';

const RENDERERS: { name: RendererName; mediaType: string; format: string }[] = [
  { name: 'json', mediaType: 'application/json', format: 'json' },
  { name: 'api', mediaType: 'text/html', format: 'api' },
];

/** The chosen renderer and the media type reported in `Content-Type`, or the exception DRF raises. */
export type Negotiation =
  | { ok: true; renderer: RendererName; mediaType: string }
  | { ok: false; error: 'not_acceptable' | 'not_found' };

/** Chooses a renderer from the `Accept` header and the `?format=` query parameter. */
export function selectRenderer(
  accept: string | null,
  format: string | null,
  dialect: HeaderDialect = '3.2',
): Negotiation {
  let renderers = RENDERERS;
  if (format) {
    renderers = RENDERERS.filter((r) => r.format === format);
    if (renderers.length === 0) return { ok: false, error: 'not_found' };
  }
  const accepts = (accept ?? '*/*').split(',').map((t) => t.trim());
  const sets: string[][] = [[], [], [], []];
  for (const mt of accepts) {
    const bucket = sets[3 - new MediaType(mt, dialect).precedence]!;
    if (!bucket.includes(mt)) bucket.push(mt);
  }
  for (const set of sets) {
    for (const renderer of renderers) {
      for (const mt of set) {
        if (!mediaTypeMatches(renderer.mediaType, mt, dialect)) continue;
        const wrapper = new MediaType(mt, dialect);
        if (new MediaType(renderer.mediaType, dialect).precedence > wrapper.precedence) {
          const params = [...wrapper.params].map(([k, v]) => `${k}=${v}`);
          return { ok: true, renderer: renderer.name, mediaType: [renderer.mediaType, ...params].join(';') };
        }
        return { ok: true, renderer: renderer.name, mediaType: mt };
      }
    }
  }
  return { ok: false, error: 'not_acceptable' };
}

/** The first renderer, used when negotiation failed (`force=True`). */
export const FORCED_NEGOTIATION = { ok: true, renderer: 'json', mediaType: 'application/json' } as const;
