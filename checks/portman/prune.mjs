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
writeFileSync(file, JSON.stringify(collection, null, 2));
console.log(`pruned ${dropped} fuzzed requests that Portman cannot make (maximum length of nullable list items)`);
