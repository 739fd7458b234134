import { connect } from 'node:net';

/**
 * Sends `raw` bytes on a new connection to `port` and resolves with everything the server
 * answered, once it closes the connection (send `Connection: close`).
 */
export function rawRequest(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(raw);
  });
}
