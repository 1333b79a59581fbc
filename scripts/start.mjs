// `npm start`: build what is missing, then serve the API, the WebSocket namespace and the client on one port.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts/ensure-built.mjs'), '--client'], { cwd: root, stdio: 'inherit' });
const server = spawn(process.execPath, [path.join(root, 'server/dist/server/src/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
