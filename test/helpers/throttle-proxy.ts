/**
 * A TCP proxy on 127.0.0.1 that slows what clients send (uploads) to a set rate per connection, so
 * a test can catch an image copy halfway. Downloads pass at full speed. The rate can change while it
 * runs; `Infinity` (the default) passes everything at once.
 */
import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface ThrottleProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Bytes per second each connection may send upstream. */
  rate: number;
  close(): Promise<void>;
}

export async function startThrottleProxy(upstreamPort: number): Promise<ThrottleProxy> {
  const sockets = new Set<Socket>();
  const proxy: ThrottleProxy = { url: "", rate: Infinity, close: async () => undefined };
  const server = createServer((client) => {
    const upstream = connect(upstreamPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      // A killed app resets its connections; that is what the tests do on purpose.
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    let sendAt = Date.now();
    const pending: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const pump = (): void => {
      timer = undefined;
      while (pending.length > 0) {
        const now = Date.now();
        if (sendAt > now) {
          timer = setTimeout(pump, sendAt - now);
          return;
        }
        const slice = Number.isFinite(proxy.rate) ? Math.max(1024, Math.floor(proxy.rate / 50)) : Infinity;
        const chunk = pending[0] as Buffer;
        const part = chunk.length > slice ? chunk.subarray(0, slice) : chunk;
        if (part === chunk) pending.shift();
        else pending[0] = chunk.subarray(slice);
        if (!upstream.destroyed) upstream.write(part);
        if (Number.isFinite(proxy.rate)) sendAt = Math.max(now, sendAt) + (part.length / proxy.rate) * 1000;
      }
      client.resume();
    };
    client.on("data", (chunk: Buffer) => {
      pending.push(chunk);
      if (pending.length > 16) client.pause();
      if (timer === undefined) pump();
    });
    client.on("end", () => {
      const finish = (): void => {
        if (upstream.destroyed) return;
        if (pending.length > 0 || timer !== undefined) setTimeout(finish, 20).unref();
        else upstream.end();
      };
      finish();
    });
    client.on("close", () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending.length = 0;
      upstream.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
