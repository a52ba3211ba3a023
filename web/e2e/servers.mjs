// The test's small HTTP servers on 127.0.0.1: the wallet's static files (web/), and a fake
// gateway serving one request object, recording what it is asked.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

function listen(server) {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

// Serves directory `dir` (GET only, no listing): {url, close}.
export async function serveStatic(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (req.method !== 'GET' || !file.startsWith(dir)) throw new Error('no');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return { url: await listen(server), close: () => server.close() && server.closeAllConnections() };
}

// A fake gateway: GET /request answers `makeObject(origin)` (CORS open, like the real
// one); every request is recorded in `seen` as "METHOD /path". {url, seen, close}.
export async function serveFake(makeObject) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
    };
    if (req.method === 'GET' && req.url === '/request') {
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      res.end(JSON.stringify(makeObject(url)));
    } else {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 404, cors).end();
    }
  });
  const url = await listen(server);
  return { url, seen, close: () => server.close() && server.closeAllConnections() };
}
