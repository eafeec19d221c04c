#!/usr/bin/env node
// `layercast <command>`: dispatches to the command modules.
import process from 'node:process';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  render: async () => (await import('./commands/render')).runRenderCommand,
  serve: async () => (await import('./main')).runServeCommand,
  keys: async () => (await import('./commands/keys')).runKeysCommand,
  accounts: async () => (await import('./commands/accounts')).runAccountsCommand,
  push: async () => (await import('./commands/push')).runPushCommand,
  diff: async () => (await import('./commands/diff')).runDiffCommand,
  types: async () => (await import('./commands/types')).runTypesCommand,
  pull: async () => (await import('./commands/pull')).runPullCommand,
  bulk: async () => (await import('./commands/bulk')).runBulkCommand,
  fonts: async () => (await import('./commands/fonts')).runFontsCommand,
  sign: async () => (await import('./commands/sign')).runSignCommand,
  'migrate-to-postgres': async () => (await import('./commands/migrate-to-postgres')).runMigrateToPostgresCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: layercast <${Object.keys(commands).join('|')}> [options]\n`);
    return name ? 2 : 0;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`layercast: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
