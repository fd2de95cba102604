// A third-party frontend's walk through the API with a client generated from openapi.yaml (openapi-typescript
// types, openapi-fetch calls), type-checked by tsc: list -> detail -> related -> view, then an app's offline sync
// (every page of an initial sync, then a delta with its token) and a suggestion, checking the values.
// Usage (after `npm run client:ts`): node client-ts/dist/walk.js http://localhost:8080
import createClient from "openapi-fetch";
import type { paths } from "./api.js";

const baseUrl = process.argv[2] ?? "http://localhost:8080";
const api = createClient<paths>({ baseUrl, headers: { "User-Agent": "Mozilla/5.0 (client walk)" } });

function check(condition: unknown, message: string): asserts condition {
  if (!condition) {
    console.error(`client walk (TypeScript): ${message}`);
    process.exit(1);
  }
}

const list = await api.GET("/articles", { params: { query: { size: 5 } } });
check(list.response.status === 200 && list.data, `list answered ${list.response.status}`);
check("items" in list.data && list.data.items.length > 0, "the list is empty");
const first = list.data.items[0];
check(typeof first.id === "number" && typeof first.title === "string", "a list item lacks id or title");

const detail = await api.GET("/articles/{id}", { params: { path: { id: first.id } } });
check(detail.response.status === 200 && detail.data, `detail answered ${detail.response.status}`);
check(detail.data.id === first.id && detail.data.title === first.title, "the detail is not the listed article");
check(detail.data.body.length > 0 && detail.data.blocks.length > 0, "the detail has no body");
check(detail.response.headers.get("ETag") !== null, "the detail has no ETag");

const related = await api.GET("/articles/{id}/related", { params: { path: { id: first.id }, query: { limit: 5 } } });
check(related.response.status === 200 && related.data, `related answered ${related.response.status}`);
check(related.data.items.every((r) => r.id !== first.id), "the article is related to itself");
const titles = related.data.items.map((r) => r.title);
check(new Set(titles).size === titles.length, "a related title repeats");

const view = await api.POST("/articles/{id}/views", { params: { path: { id: first.id } } });
check(view.response.status === 200 && view.data, `view answered ${view.response.status}`);
check(view.data.viewCount === detail.data.viewCount + 1, `views went from ${detail.data.viewCount} to ${view.data.viewCount}`);

// An app's first sync: every page, until the token of the next sync; then that next sync.
let token: string | undefined;
const synced = new Set<string>();
let pages = 0;
let nextSync: string | null = null;
while (nextSync === null) {
  const page = await api.GET("/sync", { params: { query: { limit: 50, token } } });
  check(page.response.status === 200 && page.data, `sync answered ${page.response.status}`);
  pages++;
  for (const entry of page.data.entries) {
    const key = `${entry.type}:${entry.id}`;
    check(!synced.has(key), `${key} came twice in one sync`);
    check(typeof entry.data === "object" && entry.data !== null, `${key} has no document`);
    synced.add(key);
  }
  check((page.data.nextPageToken === null) !== (page.data.nextSyncToken === null), "not exactly one sync token");
  token = page.data.nextPageToken ?? undefined;
  nextSync = page.data.nextSyncToken;
}
check(synced.has(`article:${first.id}`), "the initial sync lacks the listed article");
const delta = await api.GET("/sync", { params: { query: { token: nextSync } } });
check(delta.response.status === 200 && delta.data, `the next sync answered ${delta.response.status}`);
check(delta.data.nextSyncToken !== null, "a quiet delta is one page");

const suggested = await api.GET("/suggest", { params: { query: { q: first.title.slice(0, 2), limit: 20 } } });
check(suggested.response.status === 200 && suggested.data, `suggest answered ${suggested.response.status}`);
check(suggested.data.items.every((s) => s.highlight.includes("<em>")), "a suggestion without its match");

console.log(`client walk (TypeScript): "${first.title}" (id ${first.id}); ${related.data.items.length} related; ` +
  `views ${detail.data.viewCount} -> ${view.data.viewCount}; synced ${synced.size} entries in ${pages} pages; ` +
  `${suggested.data.items.length} suggestions`);
