package com.bohe.content.article.read;

/** The key of a kept page of popular articles: typed values only. */
record PopularKey(int days, int page, int size) {
}
