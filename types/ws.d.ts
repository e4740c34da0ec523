// The few members of `ws` (a dependency of @fastify/websocket, without declarations here) that the
// soak's live-feed clients use.
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string);
    on(event: 'message', listener: (data: Buffer) => void): this;
    on(event: 'open' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    close(): void;
    terminate(): void;
  }
}
