package com.bohe.content.search;

import java.util.List;

/** One page of search results: the total number of matches and the ids of the page, best first. */
public record SearchHits(int total, List<Long> ids) {
}
