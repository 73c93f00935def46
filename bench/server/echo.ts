/**
 * The baseline server of bench:server: fastify + @fastify/websocket and nothing else. It answers
 * `hello` with a session frame and each `message` with as many frames as the app sends per turn
 * (the client says how many in its hello: `frames`), shaped like the app's: an ack, the customer's
 * message, then bot replies carrying `replyTo`. Started as its own process on PORT.
 */
import fastify from 'fastify';
import websocket from '@fastify/websocket';

async function main(): Promise<void> {
  const app = fastify({ logger: false });
  await app.register(websocket);
  let seq = 0;
  app.get('/ws/chat', { websocket: true }, (socket) => {
    let frames = 3;
    socket.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { type: string; id?: string; text?: string; frames?: number };
      if (f.type === 'hello') {
        frames = Math.max(3, Math.round(f.frames ?? 3));
        socket.send(JSON.stringify({ type: 'session', conversationId: `e${++seq}`, token: 't', state: 'bot' }));
        return;
      }
      if (f.type !== 'message') return;
      socket.send(JSON.stringify({ type: 'ack', id: f.id, seq: ++seq }));
      socket.send(JSON.stringify({ type: 'message', seq, id: f.id, from: 'customer', text: f.text }));
      for (let i = 2; i < frames; i++) {
        socket.send(JSON.stringify({ type: 'message', seq: ++seq, id: `r${seq}`, from: 'bot', text: f.text, replyTo: f.id }));
      }
    });
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.stdout.write('ECHO READY\n');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
