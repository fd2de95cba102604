// Drops the fuzzed requests that Portman 1.33 cannot make: "maximum length items" targets the items of a list
// whose type is [array, null] (OpenAPI 3.1), finds no such path and sends the body unchanged, a valid request that
// then "fails" its expected 400. ArticleWriteTest.shouldRejectListItemsBeyondTheirLength covers those cases.
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const collection = JSON.parse(readFileSync(file, 'utf8'));
let dropped = 0;
const prune = (items) => items.filter((item) => {
  if (item.item) { item.item = prune(item.item); return true; }
  if (item.name.endsWith('[maximum length items]')) { dropped++; return false; }
  return true;
});
collection.item = prune(collection.item);

// "maximum length <param>" pads the parameter's generated example to one past its maxLength, but an example that
// came out empty (the faker's text for a maxLength of 20 sometimes does) stays empty: a valid request that "fails"
// its expected 400 in some runs and not others. Such a value is made longer than any query maxLength (300).
let padded = 0;
const pad = (items) => items.forEach((item) => {
  if (item.item) { pad(item.item); return; }
  const param = item.name.match(/\[maximum length (\w+)\]$/)?.[1];
  const query = param && item.request?.url?.query?.find((q) => q.key === param && !q.disabled);
  if (query && !query.value) { query.value = 'a'.repeat(1001); padded++; }
  // The same in a JSON body: a nullable string's generated example is sometimes null, which "maximum length" keeps.
  // It becomes longer than any maxLength of the contract (an article's body: 100,000).
  const raw = param && item.request?.body?.mode === 'raw' ? item.request.body.raw : null;
  if (raw) {
    try {
      const body = JSON.parse(raw);
      if (body && typeof body === 'object' && param in body && body[param] === null) {
        body[param] = 'a'.repeat(100001);
        item.request.body.raw = JSON.stringify(body, null, 2);
        padded++;
      }
    } catch (e) {
      // not JSON: left as it is
    }
  }
});
pad(collection.item);
writeFileSync(file, JSON.stringify(collection, null, 2));
console.log(`pruned ${dropped} fuzzed requests that Portman cannot make (maximum length of nullable list items)`);
console.log(`padded ${padded} "maximum length" values that Portman generated empty or null`);
