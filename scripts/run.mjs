// `npm start` / `npm run serve`: runs the server from JavaScript compiled into build/ (plain Node
// starts it in about 1.8 s; through the TypeScript loader it took about 2.7 s, which matters when a
// supervisor restarts it after a crash). Compiles first when build/ is missing or older than any
// file in src/, so an edit is never served stale. Tests and the other CLIs run the TypeScript as is.
//
//   node scripts/run.mjs serve|start [args...]
//   node scripts/run.mjs build            only compile (when stale)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const build = join(root, 'build');
const stamp = join(build, '.built');
const [command, ...rest] = process.argv.slice(2);
if (command !== 'serve' && command !== 'start' && command !== 'build') {
  console.error('usage: node scripts/run.mjs serve|start|build [args...]');
  process.exit(2);
}

/** Every file below `dir`, and the newest modification time of them and of the folders (a removed file changes its folder's). */
function newest(dir, files = []) {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, files));
    else {
      files.push(path);
      latest = Math.max(latest, statSync(path).mtimeMs);
    }
  }
  return latest;
}

const sources = [];
const sourcesChanged = Math.max(newest(src, sources), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sourcesChanged) {
  const compiler = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(compiler)) {
    console.error(
      'build/ is missing or older than src/, and the TypeScript compiler is not installed here (was npm install run with --omit=dev?). ' +
        'Install with dev dependencies, or run npm run build where they are and deploy build/ with the rest.',
    );
    process.exit(1);
  }
  console.log('Compiling src/ into build/ ...');
  const tsc = spawnSync(process.execPath, [compiler, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('The TypeScript compiler reported errors (above); nothing was started.');
    process.exit(1);
  }
  // What is not TypeScript (the knowledge base, the playground's preload) goes beside the compiled files.
  for (const file of sources.filter((f) => !f.endsWith('.ts'))) {
    const target = join(build, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
if (command === 'build') process.exit(0);
process.argv = [process.argv[0], join(build, 'cli', `${command}.js`), ...rest];
await import(pathToFileURL(join(build, 'cli', `${command}.js`)).href);
