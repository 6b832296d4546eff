// Preloaded into the Agents Playground process (node --require): its CLI listens on a port without
// naming a host, which means every interface. The playground forwards to an unauthenticated local
// bot, so it must only be reachable from this machine: a listen without a host gets 127.0.0.1.
// It also ends within a second when `npm start` is killed outright (kill -9 leaves it no chance to
// stop its children): then this process is re-parented, so its parent id changes.
// test/e2e/start.e2e.test.ts checks that.
'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1');
  }
  return listen.apply(this, args);
};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();
