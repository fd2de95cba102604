// Sums up newman's JSON report: requests sent, answers by status class, 5xx, failed checks by name.
import { readFileSync } from 'node:fs';
const run = JSON.parse(readFileSync(process.argv[2], 'utf8')).run;
const byClass = {};
let fiveXx = 0;
for (const execution of run.executions) {
  const code = execution.response ? execution.response.code : 'none';
  const cls = typeof code === 'number' ? `${Math.floor(code / 100)}xx` : code;
  byClass[cls] = (byClass[cls] || 0) + 1;
  if (typeof code === 'number' && code >= 500) fiveXx++;
}
const failures = {};
for (const failure of run.failures) {
  const name = (failure.error && failure.error.test) || failure.error.name;
  failures[name] = (failures[name] || 0) + 1;
}
const stats = run.stats;
console.log(`requests sent: ${stats.requests.total} (failed to send: ${stats.requests.failed})`);
console.log(`answers by class: ${JSON.stringify(byClass)}`);
console.log(`5xx: ${fiveXx}`);
console.log(`checks: ${stats.assertions.total}, failed: ${stats.assertions.failed}`);
for (const [name, count] of Object.entries(failures).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${count} × ${name}`);
