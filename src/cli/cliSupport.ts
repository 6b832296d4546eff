/** What the read-only operator CLIs (audit, kb-report) share: arguments, usage errors, output. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad arguments: the CLI prints the message and its usage, and exits with 2. */
export class UsageError extends Error {}

/** `parseArgs`, strict and without positionals, with its complaints as {@link UsageError}s. */
export function parseCliArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Writes to stdout and waits; a reader that went away (e.g. `| head`) is not an error. */
export async function writeStdout(text: string): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}
