// Test harness: HTTP requests sent byte for byte (fetch and http.request normalise '..' and encodings away).
import net from 'node:net';

/** Status code, headers (lower-case names) and body of one answer. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends `METHOD target HTTP/1.1` with the given request target exactly as written, Connection: close, and reads
 * the whole answer.
 * @param host the Host header; default 127.0.0.1:port
 */
export function rawRequest(port: number, target: string, { method = 'GET', host = `127.0.0.1:${port}` } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(`${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(head[0].split(' ')[1]);
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status, headers, body: all.subarray(split + 4) });
    });
  });
}
