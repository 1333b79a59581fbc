// A worker thread of the live load generator: real Socket.IO clients (websocket transport)
// that join a PIN and play. Reports timings to the main thread once per question.
import { parentPort, workerData } from 'node:worker_threads';

import { io } from 'socket.io-client';

const { url, tokens, pin, answerWithinMs } = workerData;
const sockets = [];
let question = null;
let timings = null;

function reset(q) {
  question = q;
  timings = { questionIndex: q, starts: [], reveals: [], boards: [], acks: [], accepted: 0, refused: {} };
}

/** A question is reported once every player has its leaderboard and every answer its ack. */
function reportIfDone() {
  if (timings.boards.length === sockets.length && timings.acks.length === sockets.length) parentPort.postMessage({ type: 'question', timings });
}

async function connect(token) {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

for (let i = 0; i < tokens.length; i += 50) sockets.push(...(await Promise.all(tokens.slice(i, i + 50).map(connect))));

const joins = [];
await Promise.all(
  sockets.map(async (socket) => {
    const sent = performance.now();
    const ack = await socket.timeout(60_000).emitWithAck('session:join', { pin });
    joins.push(performance.now() - sent);
    if (!ack.ok) throw new Error(`join: ${JSON.stringify(ack)}`);
    socket.on('question:start', (q) => {
      if (question !== q.questionIndex) reset(q.questionIndex);
      timings.starts.push(Date.now());
      const choice = q.kind === 'ordering' ? q.options.map((_, i) => i) : [Math.floor(Math.random() * q.options.length)];
      const send = async () => {
        const sent = performance.now();
        const answer = await socket
          .timeout(30_000)
          .emitWithAck('answer:submit', { questionIndex: q.questionIndex, choice })
          .catch((e) => ({ ok: false, error: { code: String(e) } }));
        timings.acks.push(performance.now() - sent);
        if (answer.ok && answer.accepted) timings.accepted++;
        else timings.refused[answer.error?.code ?? 'NO_ACK'] = (timings.refused[answer.error?.code ?? 'NO_ACK'] ?? 0) + 1;
        reportIfDone();
      };
      if (answerWithinMs > 0) setTimeout(send, Math.random() * answerWithinMs);
      else void send();
    });
    socket.on('question:reveal', () => timings.reveals.push(Date.now()));
    socket.on('leaderboard', () => {
      timings.boards.push(Date.now());
      reportIfDone();
    });
  }),
);
parentPort.postMessage({ type: 'joined', count: sockets.length, joins });
parentPort.on('message', (m) => {
  if (m === 'close') {
    for (const s of sockets) s.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
