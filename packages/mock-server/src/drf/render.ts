/**
 * Response bodies: DRF's `JSONRenderer` (compact, raw UTF-8, optional `indent`), an
 * approximation of the browsable API page, and Django's `DEBUG=False` error pages.
 */
import type { HeaderDialect } from './header-params.js';
import { parseHeader } from './media-types.js';

function dumps(value: unknown, indent: number | null, level: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  const pad = indent === null ? '' : `\n${' '.repeat(indent * (level + 1))}`;
  const close = indent === null ? '' : `\n${' '.repeat(indent * level)}`;
  const sep = indent === null ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => pad + dumps(v, indent, level + 1)).join(',')}${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}${sep}${dumps(v, indent, level + 1)}`).join(',')}${close}}`;
}

/** `JSONRenderer().render(data, accepted_media_type)`: honours `; indent=N` (0–8). */
export function renderJson(data: unknown, acceptedMediaType: string, dialect: HeaderDialect = '3.2'): string {
  let indent: number | null = null;
  const raw = parseHeader(acceptedMediaType, dialect).params.get('indent');
  if (raw !== undefined && /^\s*[+-]?\d+\s*$/.test(raw)) indent = Math.max(Math.min(parseInt(raw, 10), 8), 0) || null;
  // Python's json.dumps(ensure_ascii=False) leaves U+2028/2029 raw; DRF escapes them afterwards.
  return dumps(data, indent, 0)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/** The inputs of the browsable API page. */
export interface BrowsablePage {
  /** View name, e.g. "Token Obtain Pair". */
  name: string;
  /** View description (docstring). */
  description: string;
  /** Response status and reason. */
  status: number;
  /** Reason phrase. */
  reason: string;
  /** Response headers shown on the page. */
  headers: [string, string][];
  /** Response data. */
  data: unknown;
  /** Request path. */
  path: string;
  /** Allowed methods. */
  allow: string;
  /** CSRF token embedded in the page. */
  csrfToken: string;
}

/**
 * A page in the shape of DRF's browsable API (`rest_framework/api.html`): same title,
 * status line, headers and pretty-printed content. The exact markup is not reproduced.
 */
export function renderBrowsableApi(page: BrowsablePage): string {
  const headerLines = [`HTTP ${page.status} ${page.reason}`, ...page.headers.map(([k, v]) => `${k}: ${v}`)]
    .map(escapeHtml)
    .join('\n');
  return `<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
    <meta name="robots" content="NONE,NOARCHIVE" />
    <title>${escapeHtml(page.name)} – Django REST framework</title>
  </head>
  <body class="">
    <div class="wrapper">
      <div class="container">
        <div class="content-main" role="main" aria-label="main content">
          <div class="page-header"><h1>${escapeHtml(page.name)}</h1></div>
          <div><p>${escapeHtml(page.description)}</p></div>
          <div class="request-info" style="clear: both" aria-label="request info">
            <pre class="prettyprint"><b>${escapeHtml(page.allow.split(', ')[0] ?? 'GET')}</b> ${escapeHtml(page.path)}</pre>
          </div>
          <div class="response-info" aria-label="response info">
            <pre class="prettyprint"><span class="meta nocode">${headerLines}</span>

${escapeHtml(renderJson(page.data, 'application/json; indent=4'))}</pre>
          </div>
        </div>
      </div>
    </div>
    <script type="application/json" id="drf_csrf">{"csrfHeaderName":"X-CSRFTOKEN","csrfToken":"${page.csrfToken}"}</script>
  </body>
</html>
`;
}

/** Django's `ERROR_PAGE_TEMPLATE`, used by the 400, 404 and 500 handlers when no template exists. */
export function djangoErrorPage(title: string, details: string): string {
  return `
<!doctype html>
<html lang="en">
<head>
  <title>${title}</title>
</head>
<body>
  <h1>${title}</h1><p>${details}</p>
</body>
</html>
`;
}

/** The 502 page nginx serves when its upstream is down (for fault injection). */
export function nginxErrorPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
