import { expect } from 'chai';
import { KeyedQueue } from '../../src/util/keyedQueue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('util/keyedQueue', () => {
  it('runs tasks of one key in order, and of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await sleep(ms);
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('a1', 30)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 1))]);
    expect(results).to.deep.equal(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2 start')).to.be.greaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 end')).to.be.lessThan(log.indexOf('a1 end'));
    expect(queue.size).to.equal(0);
  });

  it('a failing task does not stop the next one', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('k', async () => {
      throw new Error('boom');
    });
    const next = queue.run('k', async () => 'ran');
    expect(await failed.catch((e: Error) => e.message)).to.equal('boom');
    expect(await next).to.equal('ran');
  });

  it('a hung task holds its key only until the wait limit', async () => {
    const queue = new KeyedQueue(50);
    void queue.run('k', () => new Promise<void>(() => undefined)); // never settles
    const started = Date.now();
    expect(await queue.run('k', async () => 'after the limit')).to.equal('after the limit');
    expect(Date.now() - started).to.be.within(40, 1_000);
  });
});
