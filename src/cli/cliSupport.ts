/** What the operator CLIs (audit, kb-report, migrate) share: arguments, usage errors, output. */
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

/**
 * The start of a CLI's main: its options from `parse`, or the exit code when there is nothing to
 * run: 2 after printing a {@link UsageError} with the usage, 0 after printing the usage for --help.
 */
export function optionsOrExit<T>(args: string[], parse: (args: string[]) => T | 'help', usage: string): { options: T } | { exit: number } {
  let options: T | 'help';
  try {
    options = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${usage}`);
    return { exit: 2 };
  }
  if (options === 'help') {
    console.log(usage);
    return { exit: 0 };
  }
  return { options };
}
