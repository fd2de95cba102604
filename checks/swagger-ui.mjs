// Opens Swagger UI in headless Chromium (Debian's) against a running API and checks it works under its
// Content-Security-Policy: every operation of the contract is listed, "Try it out" on GET /articles/{id}
// shows 200 and the article's title, and, given a token with files:write, a picture chosen in the form of
// POST /files is uploaded (201). Saves a screenshot to ../target/swagger-ui.png.
// Usage: node swagger-ui.mjs http://localhost:8080 [token]
import { chromium } from 'playwright-core';
import { deflateSync } from 'node:zlib';

/** A PNG of w × h pixels, a gradient: made here, so that the check needs no file. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) rows.set([x * 5 % 256, y * 7 % 256, 128], y * (1 + 3 * w) + 1 + 3 * x);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const base = process.argv[2] ?? 'http://localhost:8080';
const token = process.argv[3];
const fail = (message) => { console.error(`swagger-ui check: ${message}`); process.exit(1); };

const contract = await (await fetch(`${base}/q/openapi?format=json`)).json();
const operations = Object.values(contract.paths).reduce((n, item) => n + Object.keys(item).filter((k) =>
  ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(k)).length, 0);
const list = await (await fetch(`${base}/articles?size=1`)).json();
const article = list.items[0];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(`${base}/q/swagger-ui/`);
  await page.waitForSelector('.opblock', { timeout: 60_000 });
  const shown = await page.locator('.opblock').count();
  if (shown !== operations) fail(`${shown} operations shown, the contract has ${operations}`);

  const op = page.locator('#operations-Articles-getArticle');
  await op.locator('.opblock-summary').click();
  await op.locator('button.try-out__btn').click();
  await op.locator('tr[data-param-name="id"] input').fill(String(article.id));
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor({ timeout: 30_000 });
  const code = (await status.innerText()).trim();
  if (code !== '200') fail(`Try it out answered ${code}`);
  const body = await op.locator('.live-responses-table tbody .response-col_description pre').first().innerText();
  if (!body.includes(article.title)) fail(`the response does not show the title ${article.title}`);

  let uploaded = 'no token given: upload not tried';
  if (token) {
    // Authorize with the bearer token, then upload through the multipart form, as an editor would.
    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('.modal-ux input[type="text"], .modal-ux input[type="password"]').first().fill(token);
    await page.locator('.modal-ux button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();
    const upload = page.locator('#operations-Files-uploadFile');
    await upload.locator('.opblock-summary').click();
    await upload.locator('button.try-out__btn').click();
    const types = upload.locator('.opblock-section-request-body select');
    if (await types.count() > 0) await types.first().selectOption('multipart/form-data');
    await upload.locator('input[type="file"]').setInputFiles({ name: 'swagger.png', mimeType: 'image/png', buffer: png(48, 32) });
    await upload.locator('button.execute').click();
    const answered = upload.locator('.live-responses-table tbody .response-col_status').first();
    await answered.waitFor({ timeout: 30_000 });
    const uploadCode = (await answered.innerText()).trim();
    if (uploadCode !== '201') fail(`uploading through Swagger UI answered ${uploadCode}`);
    const created = await upload.locator('.live-responses-table tbody .response-col_description pre').first().innerText();
    if (!created.includes('"width": 48')) fail(`the upload's answer does not show its width: ${created.slice(0, 300)}`);
    uploaded = 'POST /files through its form: 201, 48 px wide';
  }

  await page.screenshot({ path: '../target/swagger-ui.png', fullPage: false });
  if (problems.length > 0) fail(`the page reported errors:\n${problems.join('\n')}`);
  console.log(`swagger-ui check: ${shown} operations listed; GET /articles/${article.id} tried: 200, "${article.title}"; ${uploaded}`);
} finally {
  await browser.close();
}
