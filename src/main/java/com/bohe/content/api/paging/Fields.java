package com.bohe.content.api.paging;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.problem.InvalidRequestException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.RoutingContext;

/**
 * Sparse fieldsets ({@code fields=id,title,viewCount}) for lists, for slow mobile networks: each item keeps only
 * the named fields, and always its id. The resource checks the names against the item's fields; {@link HttpCaching}
 * trims the items as it writes the body.
 */
public final class Fields {

    public static final String PROPERTY = Fields.class.getName();

    private Fields() {
    }

    /**
     * @param item the record type of the list's items, whose components are the allowed names
     * @throws InvalidRequestException naming every unknown field
     */
    public static void select(RoutingContext request, String fields, Class<? extends Record> item) {
        if (fields == null) {
            return;
        }
        Set<String> allowed = new LinkedHashSet<>();
        Arrays.stream(item.getRecordComponents()).forEach(c -> allowed.add(c.getName()));
        Set<String> chosen = new LinkedHashSet<>(List.of("id"));
        for (String name : fields.split(",")) {
            String field = name.strip();
            if (!allowed.contains(field)) {
                throw new InvalidRequestException("fields", "'" + field + "' is not one of " + String.join(", ", allowed));
            }
            chosen.add(field);
        }
        request.put(PROPERTY, chosen);
    }

    /** Trims the items of a list body, in place. */
    public static void trim(JsonNode body, Set<String> fields) {
        for (JsonNode item : body.path("items")) {
            if (item instanceof ObjectNode object) {
                object.retain(fields);
            }
        }
    }
}
