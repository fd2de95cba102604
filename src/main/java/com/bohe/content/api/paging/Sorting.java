package com.bohe.content.api.paging;

import com.bohe.content.api.problem.InvalidRequestException;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.quarkus.panache.common.Sort;

/**
 * Parses {@code sort=-viewCount,id} against a whitelist of API field names mapped to entity properties. The
 * result always ends with id, so that equal keys still come back in one order.
 */
public final class Sorting {

    private Sorting() {
    }

    public static Sort parse(String sort, String defaultSort, Map<String, String> allowed) {
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        Sort result = null;
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : spec.split(",", -1)) {
            String token = raw.strip();
            boolean descending = token.startsWith("-");
            String field = descending ? token.substring(1) : token;
            String property = allowed.get(field);
            if (property == null) {
                throw new InvalidRequestException("sort",
                        "unknown sort field '" + field + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed.keySet())));
            }
            if (!seen.add(property)) {
                throw new InvalidRequestException("sort", "sort field '" + field + "' is given twice");
            }
            Sort.Direction direction = descending ? Sort.Direction.Descending : Sort.Direction.Ascending;
            result = result == null ? Sort.by(property, direction) : result.and(property, direction);
        }
        return seen.contains("id") ? result : result.and("id");
    }
}
