import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProgramRun {
  /** The exit code, or null when the process was killed. */
  code: number | null;
  timedOut: boolean;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  milliseconds: number;
}

export interface RunOptions {
  env: Record<string, string>;
  timeoutMs: number;
  /** Modules to preload with `--import`. */
  imports?: string[];
}

/**
 * Runs a TypeScript file with Node (its types stripped) in a fresh, empty working directory
 * that is removed afterwards, with only PATH, HOME and `env` in its environment.
 */
export async function runProgram(file: string, options: RunOptions): Promise<ProgramRun> {
  const cwd = await mkdtemp(join(tmpdir(), 'switchboard-docs-run-'));
  const started = performance.now();
  try {
    const args = [...(options.imports ?? []).flatMap((module) => ['--import', module]), file];
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    clearTimeout(timer);
    return { code, timedOut, output, milliseconds: Math.round(performance.now() - started) };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}
