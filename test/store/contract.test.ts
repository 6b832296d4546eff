/** The store contract suite, run against every backend that runs here. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbBackend } from '../../src/store/lmdb/lmdbBackend.js';
import { MemoryBackend } from '../../src/store/memory/memoryBackend.js';
import { azureBackend } from '../support/azurite.js';
import { storeContract } from './contract.js';

storeContract('in-memory twin', async () => ({ backend: new MemoryBackend(), dispose: async () => {} }));

storeContract('lmdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'psb-lmdb-'));
  const backend = new LmdbBackend(join(dir, 'runtime'));
  return {
    backend,
    async dispose() {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

// On Azurite (started once for the run by test/support/azurite.ts), each test on tables of its own.
storeContract('azure tables (Azurite)', () => azureBackend());
