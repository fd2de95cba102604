// Hostile framing and headers for every operation of openapi.yaml, beside Portman's fuzzing of values (fuzz.sh):
// preflights with malformed Access-Control-Request-Method values, and bodies sent in chunks (no Content-Length),
// junk ones and ones over the limit. Whatever is sent, no answer is a 5xx; a 4xx is problem+json; a chunked body
// over the limit is a 413; and the API still answers a plain read afterwards.
// Usage: node hostile.mjs ../openapi.yaml http://127.0.0.1:8191 ADMIN_TOKEN
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const [specPath, base, token] = process.argv.slice(2);
const spec = load(readFileSync(specPath, 'utf8'));
const failures = [];
let checks = 0;

const ids = { id: '1', slug: 'mian-tan' };
const fill = (path) => path.replace(/\{(\w+)\}/g, (_, name) => ids[name] ?? '1');

function check(label, response, text, expect) {
  checks++;
  const type = response.headers.get('content-type') || '';
  if (response.status >= 500) failures.push(`${label}: ${response.status} ${text.slice(0, 200)}`);
  else if (response.status >= 400 && response.status !== 405 && !type.startsWith('application/problem+json'))
    failures.push(`${label}: ${response.status} as ${type || 'no type'}, not problem+json`);
  else if (expect && !expect(response.status)) failures.push(`${label}: ${response.status} unexpected`);
}

async function send(label, url, init, expect) {
  try {
    const response = await fetch(url, init);
    check(label, response, await response.text(), expect);
  } catch (e) {
    failures.push(`${label}: ${e.cause?.code || e.message}`);
  }
}

/** A body of `size` bytes in chunks of 64 KiB, streamed: fetch sends it with Transfer-Encoding: chunked. */
function chunked(size, byte = 0x61) {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(65536, size - sent);
      controller.enqueue(new Uint8Array(n).fill(byte));
      sent += n;
    },
  });
}

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const malformed = ['', ' ', 'G E T', '(GET)', 'GET,POST', 'GET\tPOST', '"GET"', 'x'.repeat(300), 'GÉT', '%47ET', '<script>'];

for (const [path, item] of Object.entries(spec.paths)) {
  const url = base + fill(path);
  for (const value of malformed) {
    await send(`OPTIONS ${path} (Access-Control-Request-Method ${JSON.stringify(value.slice(0, 20))})`, url,
      { method: 'OPTIONS', headers: { Origin: 'https://hostile.example', 'Access-Control-Request-Method': value } },
      (s) => s === 400 || s === 403 || s === 204);
  }
  await send(`OPTIONS ${path} (Origin "null")`, url,
    { method: 'OPTIONS', headers: { Origin: 'null', 'Access-Control-Request-Method': 'GET' } });
  for (const method of methods) {
    const op = item[method.toLowerCase()];
    if (!op || !op.requestBody) continue;
    const type = Object.keys(op.requestBody.content || { 'application/json': {} })[0];
    // Imports stream without a limit here; uploads take content.files.max-upload-size; JSON bodies 1 MiB.
    const limit = type.includes('ndjson') ? null : path === '/files' && method === 'POST' ? 20971520 : 1048576;
    const headers = { 'Content-Type': type, Authorization: `Bearer ${token}`, 'If-Match': '*' };
    await send(`${method} ${path} (chunked junk)`, url,
      { method, headers, body: chunked(3000, 0x7b), duplex: 'half' }, (s) => s >= 400 && s < 500 || s < 300);
    await send(`${method} ${path} (chunked, empty)`, url,
      { method, headers, body: chunked(0), duplex: 'half' });
    if (limit) {
      await send(`${method} ${path} (chunked, 1 byte over ${limit})`, url,
        { method, headers, body: chunked(limit + 1), duplex: 'half' }, (s) => s === 413);
      await send(`${method} ${path} (chunked, 24 MiB)`, url,
        { method, headers, body: chunked(24 << 20), duplex: 'half' }, (s) => s === 413);
    }
  }
}
await send('GET /articles after all that', `${base}/articles?size=1`, {}, (s) => s === 200);

console.log(`hostile: ${checks} requests, ${failures.length} failed`);
for (const f of failures.slice(0, 40)) console.log(`  ${f}`);
process.exit(failures.length ? 1 : 0);
