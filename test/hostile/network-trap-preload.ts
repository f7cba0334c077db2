/**
 * Loaded with `node --require` (or NODE_OPTIONS) into every Node process of a no-network
 * case: each way Node has to reach the network is replaced by one that writes what was tried
 * to LABBOOK_TEST_NETWORK_LOG and throws. The product code runs unchanged otherwise.
 */
import { appendFileSync } from 'node:fs';

// The modules themselves, not the copies an `import * as` makes, so that replacing a function
// here replaces it for the product code too.
const dgram = process.getBuiltinModule('node:dgram');
const dns = process.getBuiltinModule('node:dns');
const http = process.getBuiltinModule('node:http');
const https = process.getBuiltinModule('node:https');
const net = process.getBuiltinModule('node:net');
const tls = process.getBuiltinModule('node:tls');

const log = process.env.LABBOOK_TEST_NETWORK_LOG;

function trap(what: string): () => never {
  return () => {
    if (log) {
      appendFileSync(log, `${process.pid} ${what}\n`);
    }

    throw new Error(`network use is not allowed here: ${what}`);
  };
}

if (log) {
  net.Socket.prototype.connect = trap('net.Socket.connect');
  Object.assign(net, {
    connect: trap('net.connect'),
    createConnection: trap('net.createConnection'),
  });
  Object.assign(tls, { connect: trap('tls.connect') });
  Object.assign(dgram, { createSocket: trap('dgram.createSocket') });
  Object.assign(dns, { lookup: trap('dns.lookup'), resolve: trap('dns.resolve') });
  Object.assign(dns.promises, { lookup: trap('dns.promises.lookup') });
  for (const [name, module] of [
    ['http', http],
    ['https', https],
  ] as const) {
    Object.assign(module, { request: trap(`${name}.request`), get: trap(`${name}.get`) });
  }

  Object.assign(globalThis, { fetch: trap('fetch'), WebSocket: trap('WebSocket') });
}
