package com.bohe.content.database;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.panache.common.Parameters;

import com.bohe.content.api.paging.Ref;

/**
 * Builds the where clause of a list query from optional filters; an absent filter adds nothing. Values always
 * travel as bind parameters.
 */
public class Filter {

    private final List<String> conditions = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    public Filter equal(String path, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            conditions.add(path + " = :" + name);
            parameters.and(name, value);
        }
        return this;
    }

    /** Case-insensitive substring match; LIKE wildcards in the value match literally. */
    public Filter contains(String path, String name, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add("lower(" + path + ") like :" + name + " escape '\\'");
            parameters.and(name, "%" + escapeLike(value.strip().toLowerCase()) + "%");
        }
        return this;
    }

    /**
     * Matches an entity reference by id or slug. In {@code template}, {@code %1$s} stands for the key property
     * ({@code id} or {@code slug}) and {@code %2$s} for the bind parameter, e.g.
     * {@code "department.%1$s = %2$s or department.parent.%1$s = %2$s"}.
     */
    public Filter ref(String template, String name, Ref ref) {
        if (ref != null) {
            conditions.add("(" + template.formatted(ref.key(), ":" + name) + ")");
            parameters.and(name, ref.value());
        }
        return this;
    }

    /** A fixed condition with one bind parameter, such as the rule that only published articles are public. */
    public Filter always(String condition, String name, Object value) {
        conditions.add(condition);
        parameters.and(name, value);
        return this;
    }

    /** A condition with one bind parameter, added only when the value is present. */
    public Filter when(String condition, String name, String value) {
        if (value != null && !value.isBlank()) {
            always(condition, name, value.strip());
        }
        return this;
    }

    /** Restricts to the given ids, e.g. the matches of a search; an empty list matches nothing. */
    public Filter in(String path, String name, java.util.Collection<Long> ids) {
        conditions.add(ids.isEmpty() ? "1 = 0" : path + " in :" + name);
        if (!ids.isEmpty()) {
            parameters.and(name, ids);
        }
        return this;
    }

    public String where() {
        return String.join(" and ", conditions);
    }

    public Parameters parameters() {
        return parameters;
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
