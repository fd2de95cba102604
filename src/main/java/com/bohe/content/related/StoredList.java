package com.bohe.content.related;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.search.RelatedHit;

/**
 * The related list of an article as computed, best first, up to {@link RelatedLists#STORED} hits.
 *
 * @param withVector whether the article's embedding took part
 */
public record StoredList(long articleId, List<RelatedHit> hits, boolean withVector, Instant computedAt) {

    /** A public article's stored view count, and its list. */
    public record Found(long viewCount, StoredList list) {
    }

    private static final TypeReference<List<List<String>>> REASONS = new TypeReference<>() {
    };

    /**
     * A list as article_related holds it, its columns read as text: ids and scores joined by commas (scores kept to
     * four places), reasons a JSON array of arrays.
     */
    public static StoredList read(long articleId, String ids, String scores, String reasonsJson, boolean withVector,
            Instant computedAt, ObjectMapper json) {
        List<List<String>> reasons;
        try {
            reasons = json.readValue(reasonsJson, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The reasons of a stored related list are not JSON", e);
        }
        String[] idList = ids.isEmpty() ? new String[0] : ids.split(",");
        String[] scoreList = scores.split(",");
        List<RelatedHit> hits = new ArrayList<>(idList.length);
        for (int i = 0; i < idList.length; i++) {
            hits.add(new RelatedHit(Long.parseLong(idList[i]), Math.round(Float.parseFloat(scoreList[i]) * 10_000) / 10_000.0,
                    i < reasons.size() ? List.copyOf(reasons.get(i)) : List.of()));
        }
        return new StoredList(articleId, List.copyOf(hits), withVector, computedAt);
    }
}
