package com.bohe.content.search;

import java.util.List;

/** A related article: its id, a score from 0 to 1, and the reasons it was chosen, e.g. "同病种: 面瘫". */
public record RelatedHit(long id, double score, List<String> reasons) {
}
