// The limit of this machine: a bare Socket.IO server with the same fan-out as /live and no
// work (no auth, no database, no scoring). Started as a child process by live.mjs.
import http from 'node:http';

import { Server } from 'socket.io';

const server = http.createServer();
const ns = new Server(server, { transports: ['websocket'] }).of('/live');
let answered = 0;
let players = 0;
let q = -1;
let options = 4;

ns.on('connection', (socket) => {
  socket.on('session:join', async (_p, ack) => {
    await socket.join('room');
    players++;
    ack({ ok: true, state: { phase: 'lobby' } });
  });
  socket.on('host:next', (_p, ack) => {
    q++;
    answered = 0;
    ns.to('room').emit('question:start', {
      questionIndex: q,
      total: 5,
      text: 'Câu hỏi',
      options: ['A', 'B', 'C', 'D'].slice(0, options),
      kind: 'single_choice',
      durationMs: 30_000,
      endsAt: Date.now() + 30_000,
      serverNow: Date.now(),
    });
    ack({ ok: true });
  });
  socket.on('answer:submit', (p, ack) => {
    const receivedAt = Date.now();
    ack({ ok: true, accepted: true, receivedAt });
    if (++answered === players) {
      ns.to('room').emit('question:reveal', { questionIndex: p.questionIndex, correct: [0], distribution: [0, 0, 0, 0] });
      void ns
        .in('room')
        .fetchSockets()
        .then((sockets) => {
          const top = Array.from({ length: 10 }, (_, i) => ({ rank: i + 1, name: `Học sinh ${i}`, schoolName: 'Trường', score: 1000 - i }));
          for (const s of sockets) s.emit('leaderboard', { top, you: { rank: 1, score: 0 } });
        });
    }
  });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
