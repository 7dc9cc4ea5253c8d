/**
 * One TCP port serving HTTP/1.1 and cleartext HTTP/2 with prior knowledge (the SDK's default transport):
 * the first bytes of a connection pick the protocol ("PRI * HTTP/2.0" is the h2 preface).
 */
import net from 'node:net';
import http from 'node:http';
import http2 from 'node:http2';
import type { AnyRequest, AnyResponse } from './exchange';

export interface Transport {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(
  handler: (req: AnyRequest, res: AnyResponse) => void,
  host: string,
  port: number,
): Promise<Transport> {
  const h1 = http.createServer(handler);
  // Long streams must not be cut by node's default request timeout.
  h1.requestTimeout = 0;
  const h2 = http2.createServer({ settings: { maxConcurrentStreams: 1000 } }, handler);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.Http2Session>();
  h2.on('session', (s) => {
    sessions.add(s);
    s.once('close', () => sessions.delete(s));
  });
  h2.on('sessionError', () => undefined);

  const front = net.createServer((sock) => {
    sockets.add(sock);
    sock.once('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    const sniff = () => {
      const head: Buffer | null = sock.read(3);
      if (head === null) {
        // Fewer than 3 bytes so far (or the peer closed): wait for more.
        if (!sock.readableEnded) sock.once('readable', sniff);
        return;
      }
      sock.unshift(head);
      (head.toString('latin1') === 'PRI' ? h2 : h1).emit('connection', sock);
    };
    sock.once('readable', sniff);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => resolve());
  });
  const address = front.address() as net.AddressInfo;

  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const s of sessions) s.destroy();
        h1.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
