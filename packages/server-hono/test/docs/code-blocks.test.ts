import { describe, expect, it } from 'vitest';
import {
  excerptMismatches,
  extractCodeBlocks,
  extractInstallLines,
  importedPackages,
  programsOf,
} from './code-blocks.ts';

const fence = '```';

describe('extractCodeBlocks', () => {
  it('reads ts and typescript fences with their flags, and ignores other languages', () => {
    const markdown = [
      '# Title',
      `${fence}sh`,
      'npm install @switchboard/core',
      fence,
      `${fence}ts server=/admin/activate?token=x`,
      'serve();',
      fence,
      `${fence}typescript no-run needs a carrier account`,
      'buy();',
      fence,
    ].join('\n');
    const blocks = extractCodeBlocks('docs/a.md', markdown);
    expect(blocks.map((block) => [block.line, block.code])).toEqual([
      [5, 'serve();'],
      [8, 'buy();'],
    ]);
    expect(blocks[0]?.flags.server).toBe('/admin/activate?token=x');
    expect(blocks[1]?.flags.noRun).toBe('needs a carrier account');
  });

  it('takes the indentation of a fence in a list item off its lines', () => {
    const markdown = [
      '1. Item:',
      '',
      `   ${fence}ts`,
      '   const a = 1;',
      '     a;',
      `   ${fence}`,
    ].join('\n');
    expect(extractCodeBlocks('docs/a.md', markdown)[0]?.code).toBe('const a = 1;\n  a;');
  });

  it('refuses an unknown flag and a no-run without its reason, naming the line', () => {
    expect(() => extractCodeBlocks('docs/a.md', `x\n${fence}ts no-rn\n${fence}`)).toThrow(
      'docs/a.md:2: unknown fence flag `no-rn`',
    );
    expect(() => extractCodeBlocks('docs/a.md', `${fence}ts no-run\n${fence}`)).toThrow(
      'needs a reason',
    );
  });
});

describe('programsOf', () => {
  it('appends continue blocks to the program before them, keeping each line’s doc line', () => {
    const markdown = [
      `${fence}ts`,
      'const a = 1;',
      fence,
      'Text.',
      `${fence}ts continue server=/healthz`,
      'serve(a);',
      fence,
      `${fence}ts file=store.ts`,
      'export const b = 2;',
      fence,
    ].join('\n');
    const programs = programsOf(extractCodeBlocks('docs/a.md', markdown));
    expect(programs).toMatchObject([
      {
        line: 1,
        fileName: 'line-1.ts',
        mode: 'server',
        probePath: '/healthz',
        code: 'const a = 1;\nserve(a);',
        docLines: [2, 6],
      },
      { line: 8, fileName: 'store.ts', mode: 'run', docLines: [9] },
    ]);
  });

  it('refuses a continue block with nothing to continue', () => {
    expect(() =>
      programsOf(extractCodeBlocks('docs/a.md', `${fence}ts continue\n${fence}`)),
    ).toThrow('docs/a.md:1: `continue` without a block to continue');
  });
});

describe('extractInstallLines', () => {
  it('names the packages of npm install lines, without flags and versions', () => {
    const markdown = [
      `${fence}sh`,
      'npm install --save-dev @switchboard/core hono@^4 # a comment',
      'npm start',
      fence,
    ].join('\n');
    expect(extractInstallLines(markdown)).toEqual([
      { name: '@switchboard/core', line: 2 },
      { name: 'hono', line: 2 },
    ]);
  });
});

describe('importedPackages', () => {
  it('lists packages by name, leaving out built-ins and relative imports', () => {
    const code = [
      "import { serve } from '@hono/node-server';",
      "import type { Actor } from '@switchboard/core';",
      "import { z } from 'zod/v4';",
      "import { readFile } from 'node:fs/promises';",
      "import { store } from './store.ts';",
      "const lazy = await import('pg');",
    ].join('\n');
    expect(importedPackages(code)).toEqual(['@hono/node-server', '@switchboard/core', 'pg', 'zod']);
  });
});

describe('excerptMismatches', () => {
  const source = ['export function a() {', '  const x = 1;', '  return x;', '}'].join('\n');
  const read = (path: string) => (path === 'packages/x/src/a.ts' ? source : undefined);
  const program = (lines: string[]) =>
    programsOf(
      extractCodeBlocks('docs/a.md', [`${fence}ts excerpt`, ...lines, fence].join('\n')),
    )[0]!;

  it('accepts lines of the named file in order, skipping lines and comments', () => {
    const lines = [
      '// packages/x/src/a.ts',
      'export function a() {',
      'return x; // the doc’s note',
      '}',
    ];
    expect(excerptMismatches(program(lines), read)).toEqual([]);
  });

  it('names the doc line of a line the file does not have, or has earlier', () => {
    const lines = ['// packages/x/src/a.ts', 'return x;', 'const x = 1;', 'return y;'];
    expect(excerptMismatches(program(lines), read)).toEqual([
      'docs/a.md:4: not in packages/x/src/a.ts (in this order): const x = 1;',
      'docs/a.md:5: not in packages/x/src/a.ts (in this order): return y;',
    ]);
  });

  it('needs a file named first, and one that exists', () => {
    expect(excerptMismatches(program(['return x;']), read)).toEqual([
      'docs/a.md:2: an excerpt starts with a // packages/… line',
    ]);
    expect(excerptMismatches(program(['// packages/x/src/b.ts']), read)).toEqual([
      'docs/a.md:2: no such source file packages/x/src/b.ts',
    ]);
  });
});
