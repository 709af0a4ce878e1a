import type { ISocketFactory } from 'kafkajs';
import { connect, type Socket } from 'node:net';

/**
 * kafkajs's own socket factory, except that every socket is remembered until it closes, and
 * `closeAll()` ends what is left. A consumer that lived through a broker restart can reopen its
 * group coordinator's connection while it leaves the group, on a broker object its cluster no
 * longer tracks, so its disconnect() misses it; and a retry still running at shutdown can open a
 * socket after everything was closed. Either keeps the process alive. After `closeAll()`, a new
 * socket is ended as soon as kafkajs has taken it.
 */
export class TrackedSockets {
  private readonly open = new Set<Socket>();
  private closed = false;

  readonly factory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    if (this.closed) setImmediate(() => end(socket));
    return socket;
  };

  closeAll(): void {
    this.closed = true;
    for (const socket of this.open) end(socket);
  }
}

/**
 * 'end' first: kafkajs then disconnects the connection on it, which also stops that connection's
 * request-timeout timer (a destroyed socket alone leaves the timer running).
 */
function end(socket: Socket): void {
  socket.emit('end');
  socket.destroy();
}
