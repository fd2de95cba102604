package com.bohe.content.editing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.Panache;

import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.paging.Ref;

/**
 * Resolves the references of an input ("department": "shen-jing-nei-ke" or 3) and collects what does not
 * resolve, so that a request hears of every broken reference at once.
 */
public final class References {

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final Map<String, Long> known;

    public References() {
        this(null);
    }

    /** @param known ids already resolved in this transaction, by kind and value; shared by the lines of an import batch */
    public References(Map<String, Long> known) {
        this.known = known;
    }

    /** @return the entity, or null when the value is null or does not resolve (then an error is recorded) */
    public <E extends ContentEntity> E one(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        String key = type.getSimpleName() + ":" + value;
        Long id = known == null ? null : known.get(key);
        if (id != null) {
            return Panache.getEntityManager(type).getReference(type, id);
        }
        Ref ref = Ref.tryParse(value);
        if (ref == null) {
            error(field, "must be a positive numeric id or a slug (lowercase letters, digits and hyphens)");
            return null;
        }
        E found = Panache.getEntityManager(type)
                .createQuery("from " + type.getSimpleName() + " where " + ref.key() + " = :value", type)
                .setParameter("value", ref.value())
                .getResultStream().findFirst().orElse(null);
        if (found == null) {
            error(field, "no " + type.getSimpleName().toLowerCase() + " has the " + ref.key() + " " + value);
        } else if (known != null) {
            known.put(key, found.id);
        }
        return found;
    }

    /** @return the file of this id, or null when the id is null or no file has it (then an error is recorded) */
    public com.bohe.content.files.StoredFile file(String field, Long id) {
        if (id == null) {
            return null;
        }
        if (id <= 0) {
            error(field, "must be a positive file id");
            return null;
        }
        com.bohe.content.files.StoredFile found = Panache.getEntityManager(com.bohe.content.files.StoredFile.class)
                .find(com.bohe.content.files.StoredFile.class, id);
        if (found == null) {
            error(field, "no file has the id " + id + " (upload it first: POST /files)");
        }
        return found;
    }

    /** Each distinct entity once, in the order given. */
    public <E extends ContentEntity> List<E> many(Class<E> type, String field, List<String> values) {
        LinkedHashSet<E> found = new LinkedHashSet<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                E entity = one(type, field + "[" + i + "]", values.get(i));
                if (entity != null) {
                    found.add(entity);
                }
            }
        }
        return new ArrayList<>(found);
    }

    public void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
