package com.bohe.content.api.paging;

import com.bohe.content.api.problem.InvalidRequestException;

import java.util.regex.Pattern;

/** A filter value that names an entity by numeric id or by slug, e.g. {@code disease=12} or {@code disease=mian-tan}. */
public record Ref(Long id, String slug) {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    /** @return null when the parameter is absent */
    public static Ref parse(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (ID.matcher(value).matches()) {
            return new Ref(Long.parseLong(value), null);
        }
        if (value.length() <= 200 && SLUG.matcher(value).matches()) {
            return new Ref(null, value);
        }
        throw new InvalidRequestException(parameter, "must be a positive numeric id or a slug (lowercase letters, digits and hyphens)");
    }

    /** @return null when the value is neither an id nor a slug */
    public static Ref tryParse(String value) {
        if (value == null) {
            return null;
        }
        if (ID.matcher(value).matches()) {
            return new Ref(Long.parseLong(value), null);
        }
        return value.length() <= 200 && SLUG.matcher(value).matches() ? new Ref(null, value) : null;
    }

    /** The property that this reference matches: id or slug. */
    public String key() {
        return id != null ? "id" : "slug";
    }

    public Object value() {
        return id != null ? id : slug;
    }
}
