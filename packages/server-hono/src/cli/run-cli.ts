import { type CliCommand, cliCommands } from './cli-commands.js';

function usage(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  return [
    'Usage: switchboard <command> [options]',
    '',
    'Commands:',
    ...cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `switchboard <command> --help` for a command’s options.',
  ].join('\n');
}

/** Finds the command named by the leading words of argv (`accounts create …`). */
function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  for (const command of [...cliCommands].sort((a, b) => b.name.length - a.name.length)) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word))
      return { command, rest: argv.slice(words.length) };
  }
  return null;
}

/** Runs the `switchboard` command line; resolves to the exit code. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.info(usage());
    return argv.length === 0 ? 1 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`Unknown command: ${argv.join(' ')}\n\n${usage()}`);
    return 1;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    console.info(found.command.help);
    return 0;
  }
  try {
    return await found.command.run(found.rest, env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
