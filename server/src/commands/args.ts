// Small helpers shared by the CLI commands.
export class UsageError extends Error {}

/** Runs node:util parseArgs (strict), reporting an unknown or malformed option as a usage error. */
export function parse<T>(parseArgs: () => T): T {
  try {
    return parseArgs();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export const out = (line = '') => process.stdout.write(`${line}\n`);
export const err = (line: string) => process.stderr.write(`${line}\n`);

/** Runs a command body, turning a UsageError into exit code 2 with the usage text. */
export async function withUsage(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      err(`layercast: ${error.message}`);
      err(usage);
      return 2;
    }
    throw error;
  }
}
