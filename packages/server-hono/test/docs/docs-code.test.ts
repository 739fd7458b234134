/**
 * The docs' TypeScript, as a reader would use it: every ```ts (or ```typescript) block of
 * README.md, docs/*.md and packages/*\/README.md is type-checked and run in a fresh project
 * outside the repository that installs the five packages as `npm pack` makes them (not the
 * workspace) and the third-party packages the docs' `npm install` lines name.
 *
 * - Each block is a whole task: it is written to its own file, type-checked with tsc
 *   (strict, module NodeNext, `verbatimModuleSyntax`, `erasableSyntaxOnly`, declarations of
 *   the packages included) and run with Node (types stripped) in a fresh, empty working
 *   directory, with a timeout. It must exit with 0.
 * - A package a block imports must be named by an `npm install` line of a shell block above
 *   it in the same file.
 * - Variables the code reads from the environment are given as a reader's would be (see
 *   `DocEnvironment`): a key ring, an SMTP server, a PostgreSQL database, a reference server
 *   with an active admin. Nothing else is: no variable exists for the check's sake.
 *
 * Words after the language in the fence's info string:
 *
 * - ```ts continue — appended to the previous block of the same file: both are one program.
 * - ```ts file=webhook-store.ts — written as that file, beside the file's other blocks, so
 *   that later blocks can `import … from './webhook-store.ts'`.
 * - ```ts server=/healthz — starts a server that runs until stopped (as a real one does).
 *   It runs with every `listen` moved to a free port (server-probe.ts); once it listens,
 *   the check requests that path, which must answer below 400, and ends the process.
 * - ```ts browser — code for a browser page: type-checked (with the DOM library), not run.
 * - ```ts excerpt — an abridged excerpt of the repository's own sources for contributors:
 *   each `// packages/….ts` line names a file, and every line of code after it must appear
 *   in that file, in order. Not type-checked or run.
 * - ```ts no-run <reason> — type-checked only, for the reason given. Use it sparingly.
 *
 * Run it alone: `npx vitest run test/docs` in packages/server-hono (it builds the packages
 * with turbo first; under `npm test` turbo has built them already).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  excerptMismatches,
  extractCodeBlocks,
  extractInstallLines,
  type InstallLine,
  importedPackages,
  type Program,
  programsOf,
} from './code-blocks.ts';
import {
  buildPackages,
  createConsumerProject,
  packPackages,
  repositoryRoot,
} from './consumer-project.ts';
import { DocEnvironment } from './doc-environment.ts';
import { runProgram } from './run-program.ts';

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const serverProbe = join(import.meta.dirname, 'server-probe.ts');
const runTimeoutMs = 90_000;
const concurrentRuns = 2;

function docFiles(): string[] {
  const files = ['README.md'];
  for (const name of readdirSync(join(repositoryRoot, 'docs')).sort())
    if (name.endsWith('.md')) files.push(`docs/${name}`);
  for (const name of readdirSync(join(repositoryRoot, 'packages')).sort())
    if (existsSync(join(repositoryRoot, 'packages', name, 'README.md')))
      files.push(`packages/${name}/README.md`);
  return files;
}

interface Doc {
  file: string;
  programs: Program[];
  installs: InstallLine[];
}

const docs: Doc[] = [];
const fenceProblems: string[] = [];
for (const file of docFiles()) {
  const markdown = readFileSync(join(repositoryRoot, file), 'utf8');
  try {
    docs.push({
      file,
      programs: programsOf(extractCodeBlocks(file, markdown)),
      installs: extractInstallLines(markdown),
    });
  } catch (error) {
    fenceProblems.push((error as Error).message);
  }
}

const programs = docs.flatMap((doc) => doc.programs);
const checked = programs.filter((program) => program.mode !== 'excerpt');
const slug = (doc: string) => doc.replace(/\.md$/, '').replaceAll('/', '__');
const programPath = (program: Program) => `blocks/${slug(program.doc)}/${program.fileName}`;

/** The packages the docs' install lines name that come from the registry. */
const registryPackages = [
  ...new Set(docs.flatMap((doc) => doc.installs.map((install) => install.name))),
]
  .filter((name) => !name.startsWith('@switchboard/'))
  .sort();

/** Runs at most `concurrentRuns` programs at a time (the machine may have two cores). */
const slots: (() => void)[] = [];
let running = 0;
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running < concurrentRuns) running++;
  else await new Promise<void>((resolve) => slots.push(resolve));
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiting program, if any.
    const next = slots.shift();
    if (next) next();
    else running--;
  }
}

/** tsc's diagnostics, by file (relative to the consumer project), with continuation lines. */
function parseDiagnostics(output: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (match) {
      const [, file = '', row = '0', , message = ''] = match;
      last = byFile.get(file) ?? [];
      byFile.set(file, last);
      last.push(`${row}\u0000${message}`);
    } else if (line.trim() && last && last.length > 0) {
      last[last.length - 1] += `\n    ${line.trim()}`;
    } else if (line.trim()) {
      byFile.set('(tsc)', [...(byFile.get('(tsc)') ?? []), `0\u0000${line}`]);
    }
  }
  return byFile;
}

/**
 * Type-checks the programs in one tsc run. tsc reports no type errors at all while any file
 * has a syntax error, so files with syntax errors are set aside and the rest checked again.
 */
async function typeCheck(consumer: string, files: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  let remaining = files;
  while (remaining.length > 0) {
    await writeFile(
      join(consumer, 'tsconfig.check.json'),
      JSON.stringify({ extends: './tsconfig.json', include: [], files: remaining }),
    );
    const { stdout } = await run(
      process.execPath,
      [tsc, '-p', 'tsconfig.check.json', '--pretty', 'false'],
      { cwd: consumer, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }));
    const diagnostics = parseDiagnostics(stdout);
    for (const [file, entries] of diagnostics) found.set(file, entries);
    const syntax = [...diagnostics]
      .filter(([, entries]) => entries.some((entry) => /\berror TS1\d{3}:/.test(entry)))
      .map(([file]) => file);
    if (syntax.length === 0) break;
    remaining = remaining.filter((file) => !syntax.includes(file));
  }
  return found;
}

/** A program's diagnostics with the doc's line numbers. */
function describeDiagnostics(program: Program, diagnostics: string[]): string[] {
  return diagnostics.map((entry) => {
    const [row = '0', message = ''] = entry.split('\u0000');
    const docLine = program.docLines[Number(row) - 1] ?? program.line;
    return `${program.doc}:${docLine}: ${message}`;
  });
}

function title(program: Program): string {
  const where = `${program.doc}:${program.line}`;
  switch (program.mode) {
    case 'server':
      return `${where} type-checks and serves GET ${program.probePath}`;
    case 'browser':
      return `${where} type-checks (code for a browser page)`;
    case 'no-run':
      return `${where} type-checks (not run: ${program.reason})`;
    case 'excerpt':
      return `${where} is an excerpt of the sources it names`;
    default:
      return `${where} type-checks and runs`;
  }
}

describe('the docs’ TypeScript, in a fresh project that installs the packed packages', () => {
  let work = '';
  let consumer = '';
  let environment: DocEnvironment | undefined;
  let diagnostics = new Map<string, string[]>();

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'switchboard-docs-'));
    consumer = join(work, 'consumer');
    await buildPackages();
    await mkdir(join(work, 'packs'));
    const tarballs = await packPackages(join(work, 'packs'));
    await createConsumerProject(consumer, tarballs, registryPackages);
    for (const program of checked) {
      await mkdir(join(consumer, 'blocks', slug(program.doc)), { recursive: true });
      await writeFile(join(consumer, programPath(program)), `${program.code}\n`);
    }
    diagnostics = await typeCheck(consumer, checked.map(programPath));
    environment = new DocEnvironment(consumer);
  }, 900_000);

  afterAll(async () => {
    await environment?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('reads every fence of the docs', () => {
    expect(fenceProblems).toEqual([]);
    expect(checked.length).toBeGreaterThan(0);
  });

  it('names, in an `npm install` line above it, every package a block imports', () => {
    const missing: string[] = [];
    for (const doc of docs)
      for (const program of doc.programs) {
        if (program.mode === 'excerpt') continue;
        for (const name of importedPackages(program.code))
          if (!doc.installs.some((install) => install.name === name && install.line < program.line))
            missing.push(
              `${doc.file}:${program.line}: imports ${name}, no \`npm install\` above names it`,
            );
      }
    expect(missing).toEqual([]);
  });

  it('compiles the packed type declarations in the consumer (skipLibCheck off)', () => {
    const elsewhere = [...diagnostics]
      .filter(([file]) => !file.startsWith('blocks/'))
      .flatMap(([file, entries]) =>
        entries.map((entry) => `${file}: ${entry.replace('\u0000', ':')}`),
      );
    expect(elsewhere).toEqual([]);
  });

  for (const program of programs) {
    if (program.mode === 'excerpt') {
      it(title(program), () => {
        expect(
          excerptMismatches(program, (path) => {
            const file = join(repositoryRoot, path);
            return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
          }),
        ).toEqual([]);
      });
      continue;
    }
    it.concurrent(title(program), async ({ skip }) => {
      const problems = describeDiagnostics(program, diagnostics.get(programPath(program)) ?? []);
      if (problems.length > 0) throw new Error(`tsc:\n${problems.join('\n')}`);
      if (program.mode === 'browser' || program.mode === 'no-run') return;
      const outcome = await inTurn(async () => {
        const given = await environment!.forProgram(program.code);
        try {
          if (given.skip) return { skip: given.skip };
          const env = { ...given.env, DOCS_CHECK_PROBE_PATH: program.probePath ?? '/' };
          return await runProgram(join(consumer, programPath(program)), {
            env: program.mode === 'server' ? env : given.env,
            timeoutMs: runTimeoutMs,
            imports: program.mode === 'server' ? [serverProbe] : [],
          });
        } finally {
          await given.close();
        }
      });
      if ('skip' in outcome) {
        console.warn(`${program.doc}:${program.line} not run: ${outcome.skip}`);
        skip();
        return;
      }
      if (outcome.code !== 0) {
        const why = outcome.timedOut
          ? `did not end within ${runTimeoutMs / 1000} s`
          : `exited with ${outcome.code}`;
        const tail = outcome.output.trimEnd().split('\n').slice(-40).join('\n');
        throw new Error(`${program.doc}:${program.line} ${why}:\n${tail}`);
      }
    }, 400_000);
  }
});
