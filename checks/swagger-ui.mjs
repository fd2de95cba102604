// Opens Swagger UI in headless Chromium (Debian's) against a running API and checks it works under its
// Content-Security-Policy: every operation of the contract is listed, and "Try it out" on GET /articles/{id}
// shows 200 and the article's title. Saves a screenshot to ../target/swagger-ui.png.
// Usage: node swagger-ui.mjs http://localhost:8080
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:8080';
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

  await page.screenshot({ path: '../target/swagger-ui.png', fullPage: false });
  if (problems.length > 0) fail(`the page reported errors:\n${problems.join('\n')}`);
  console.log(`swagger-ui check: ${shown} operations listed; GET /articles/${article.id} tried: 200, "${article.title}"`);
} finally {
  await browser.close();
}
