/**
 * Extracts the code blocks of the Markdown docs: fenced `ts` / `tsx` blocks whose info string
 * holds `check` (plus optional `env=<name>`, `file=<path>` and `run`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Where a block is compiled: whose dependencies and compiler settings it gets. */
export type SnippetEnv = 'default' | 'bundler' | 'nextjs' | 'vite' | 'react-native';

/** One fenced code block of a doc. */
export interface Snippet {
  /** The doc it comes from, relative to the repository root. */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** `ts` or `tsx`. */
  lang: 'ts' | 'tsx';
  /** Whether the info string asks for a check. */
  checked: boolean;
  env: SnippetEnv;
  /** The path it is saved as, relative to the doc's folder in its env. */
  file: string;
  /** Whether the test command also executes it. */
  run: boolean;
  code: string;
}

const FENCE = /^```(ts|tsx)([^\n]*)\n([\s\S]*?)^```/gm;
const ENVS: readonly SnippetEnv[] = ['default', 'bundler', 'nextjs', 'vite', 'react-native'];

/** The `ts` / `tsx` blocks of the Markdown file `doc` (a path relative to `root`). */
export function snippetsOf(root: string, doc: string): Snippet[] {
  const text = readFileSync(`${root}/${doc}`, 'utf8');
  return [...text.matchAll(FENCE)].map((match, index) => {
    const lang = match[1] as 'ts' | 'tsx';
    const words = (match[2] ?? '').trim().split(/\s+/).filter(Boolean);
    const option = (name: string) => words.find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
    const env = (option('env') ?? 'default') as SnippetEnv;
    if (!ENVS.includes(env)) throw new Error(`${doc}: unknown env=${env}`);
    return {
      doc,
      line: text.slice(0, match.index).split('\n').length,
      lang,
      checked: words.includes('check'),
      env,
      file: option('file') ?? `${basename(doc, '.md')}-${index + 1}.${lang}`,
      run: words.includes('run'),
      code: match[3] ?? '',
    };
  });
}
