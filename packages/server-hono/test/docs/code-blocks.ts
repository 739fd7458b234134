/**
 * Reads the fenced code of a Markdown file and groups its TypeScript blocks into the
 * programs the docs check type-checks and runs. The fence conventions are described in
 * `docs-code.test.ts`.
 */

/** A fenced TypeScript block. `line` is the 1-based line of its opening fence. */
export interface CodeBlock {
  doc: string;
  line: number;
  code: string;
  flags: BlockFlags;
}

export interface BlockFlags {
  continue: boolean;
  /** `file=<name>.ts`: a module the doc's later blocks import as `./<name>.ts`. */
  file?: string;
  /** `server=<path>`: starts a server that runs until stopped; the check requests `path`. */
  server?: string;
  /** Code for a browser page: type-checked, not run in Node. */
  browser: boolean;
  /** An abridged excerpt of the repository's sources, named by `// packages/…` lines. */
  excerpt: boolean;
  /** `no-run <reason>`: type-checked only, for the reason given. */
  noRun?: string;
}

export type ProgramMode = 'run' | 'server' | 'browser' | 'no-run' | 'excerpt';

/** One or more blocks (a block and the `continue` blocks after it) checked as one file. */
export interface Program {
  doc: string;
  /** The opening fence of its first block. */
  line: number;
  /** The file the program is written to, within its doc's folder of the consumer project. */
  fileName: string;
  mode: ProgramMode;
  /** For `server` programs: the path requested once it listens. */
  probePath?: string;
  /** For `no-run` programs: why it is not run. */
  reason?: string;
  code: string;
  /** The doc's line of each line of `code` (index 0 is the program's first line). */
  docLines: number[];
}

/** A package an `npm install` line of a shell block names, and that line. */
export interface InstallLine {
  name: string;
  line: number;
}

interface Fence {
  info: string;
  line: number;
  lines: string[];
}

const fenceOpen = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/;

function fencesOf(markdown: string): Fence[] {
  const fences: Fence[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = fenceOpen.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const marker = open[2] ?? '```';
    const fence: Fence = { info: (open[3] ?? '').trim(), line: i + 1, lines: [] };
    for (i++; i < lines.length; i++) {
      const text = lines[i] ?? '';
      const trimmed = text.trim();
      if (trimmed.startsWith(marker) && trimmed.replaceAll(marker[0] ?? '`', '') === '') break;
      // A fence inside a list item is indented: its content loses that indentation.
      fence.lines.push(text.slice(Math.min(indent, text.length - text.trimStart().length)));
    }
    fences.push(fence);
  }
  return fences;
}

function parseFlags(words: string[], where: string): BlockFlags {
  const flags: BlockFlags = { continue: false, browser: false, excerpt: false };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const equals = word.indexOf('=');
    const key = equals === -1 ? word : word.slice(0, equals);
    const value = equals === -1 ? undefined : word.slice(equals + 1);
    if (word === 'continue') flags.continue = true;
    else if (word === 'browser') flags.browser = true;
    else if (word === 'excerpt') flags.excerpt = true;
    else if (key === 'file' && value && /^[\w.-]+\.ts$/.test(value)) flags.file = value;
    else if (key === 'server' && value?.startsWith('/')) flags.server = value;
    else if (word === 'no-run') {
      flags.noRun = words.slice(i + 1).join(' ');
      if (!flags.noRun) throw new Error(`${where}: \`no-run\` needs a reason after it`);
      break;
    } else throw new Error(`${where}: unknown fence flag \`${word}\``);
  }
  return flags;
}

/** The TypeScript blocks (```ts or ```typescript) of a Markdown file. */
export function extractCodeBlocks(doc: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const fence of fencesOf(markdown)) {
    const [lang = '', ...words] = fence.info.split(/\s+/).filter(Boolean);
    if (lang !== 'ts' && lang !== 'typescript') continue;
    blocks.push({
      doc,
      line: fence.line,
      code: fence.lines.join('\n'),
      flags: parseFlags(words, `${doc}:${fence.line}`),
    });
  }
  return blocks;
}

/** The packages the `npm install` (or `npm i`) lines of a Markdown file's shell blocks name. */
export function extractInstallLines(markdown: string): InstallLine[] {
  const names: InstallLine[] = [];
  for (const fence of fencesOf(markdown)) {
    const [lang = ''] = fence.info.split(/\s+/);
    if (!['sh', 'bash', 'shell', 'console'].includes(lang)) continue;
    fence.lines.forEach((text, index) => {
      const command = /\bnpm (?:install|i|add)\s+([^#&|;]*)/.exec(text);
      for (const word of command?.[1]?.split(/\s+/) ?? []) {
        if (!word || word.startsWith('-')) continue;
        // `name@range` or `@scope/name@range`: the name without the range.
        names.push({ name: word.replace(/(?!^)@.*$/, ''), line: fence.line + 1 + index });
      }
    });
  }
  return names;
}

/**
 * Groups a doc's blocks into programs: a block, then each `continue` block after it. A
 * `continue` block may add `server=`, `browser` or `no-run` to its program.
 */
export function programsOf(blocks: CodeBlock[]): Program[] {
  const programs: Program[] = [];
  for (const block of blocks) {
    const blockLines = block.code.split('\n').map((_, index) => block.line + 1 + index);
    const previous = programs.at(-1);
    if (block.flags.continue) {
      if (!previous || previous.doc !== block.doc || previous.mode === 'excerpt')
        throw new Error(`${block.doc}:${block.line}: \`continue\` without a block to continue`);
      previous.code += `\n${block.code}`;
      previous.docLines.push(...blockLines);
      Object.assign(previous, modeOf(block.flags, previous));
      continue;
    }
    programs.push({
      doc: block.doc,
      line: block.line,
      fileName: block.flags.file ?? `line-${block.line}.ts`,
      code: block.code,
      docLines: blockLines,
      ...modeOf(block.flags),
    });
  }
  return programs;
}

function modeOf(
  flags: BlockFlags,
  base?: Pick<Program, 'mode' | 'probePath' | 'reason'>,
): Pick<Program, 'mode' | 'probePath' | 'reason'> {
  if (flags.excerpt) return { mode: 'excerpt' };
  if (flags.noRun) return { mode: 'no-run', reason: flags.noRun };
  if (flags.browser) return { mode: 'browser' };
  if (flags.server) return { mode: 'server', probePath: flags.server };
  return base ?? { mode: 'run' };
}

/** The packages a program imports by name (`node:` built-ins and relative paths left out). */
export function importedPackages(code: string): string[] {
  const specifiers = new Set<string>();
  const patterns = [
    /^\s*(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns)
    for (const match of code.matchAll(pattern)) if (match[1]) specifiers.add(match[1]);
  const names = new Set<string>();
  for (const specifier of specifiers) {
    if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  return [...names].sort();
}

/**
 * Checks an excerpt against the sources it names: after a `// packages/….ts` line, every
 * line of code (comments and blank lines aside) must appear in that file, in order, with
 * the same text once leading and trailing space is trimmed. Returns one message per
 * line that does not, naming the doc's line. A comment at the end of a line is left out.
 */
export function excerptMismatches(
  program: Program,
  readSource: (path: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  let source: string[] | undefined;
  let path = '';
  let position = 0;
  program.code.split('\n').forEach((text, index) => {
    const docLine = program.docLines[index] ?? program.line;
    // A trailing `// comment` is the doc's, not the source's.
    const trimmed = text.replace(/\s+\/\/\s.*$/, '').trim();
    const named = /^\/\/\s*(packages\/\S+\.ts)$/.exec(trimmed);
    if (named?.[1]) {
      path = named[1];
      const content = readSource(path);
      source = content?.split('\n').map((line) => line.trim());
      position = 0;
      if (!source) problems.push(`${program.doc}:${docLine}: no such source file ${path}`);
      return;
    }
    if (!trimmed || trimmed.startsWith('//')) return;
    if (!path) {
      problems.push(`${program.doc}:${docLine}: an excerpt starts with a // packages/… line`);
      path = '(none)';
      return;
    }
    if (!source) return;
    const found = source.indexOf(trimmed, position);
    if (found === -1)
      problems.push(`${program.doc}:${docLine}: not in ${path} (in this order): ${trimmed}`);
    else position = found + 1;
  });
  return problems;
}
