package com.bohe.content.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;

import com.bohe.content.api.problem.ConflictException;
import com.bohe.content.api.problem.FieldErrors;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.caching.Tagged;

/**
 * Writes one kind of content: create, replace (PUT), merge-patch (PATCH), delete, and the upsert of the bulk
 * import. It validates every field at once, resolves references, keeps slugs unique, honours If-Match, records
 * who changed what, and announces each change so that search and caches see it after the commit.
 *
 * @param <E> the entity
 * @param <I> the input record, the shape clients send and PATCH merges into
 * @param <D> the detail record that a write answers with
 */
public abstract class Editor<E extends ContentEntity, I extends Editor.Input, D> {

    /** What every input has: an optional slug, derived from the name when absent. */
    public interface Input {
        String slug();
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;
    @Inject
    Event<ContentChanged> changes;
    @Inject
    Event<ContentWritten> writes;
    @Inject
    Preconditions preconditions;

    private final ContentKind kind;
    private final Class<E> entityType;
    private final Class<I> inputType;
    private final Supplier<E> newEntity;
    private final Function<I, String> slugSource;

    /**
     * @param kind article, disease, ...: the name in the change log and in messages
     * @param slugSource the text a missing slug is derived from: a title or a name
     */
    protected Editor(ContentKind kind, Class<E> entityType, Class<I> inputType, Supplier<E> newEntity,
            Function<I, String> slugSource) {
        this.kind = kind;
        this.entityType = entityType;
        this.inputType = inputType;
        this.newEntity = newEntity;
        this.slugSource = slugSource;
    }

    protected ContentKind kind() {
        return kind;
    }

    protected Class<E> entityType() {
        return entityType;
    }

    /** The input that would recreate the entity as it is; references by slug. */
    protected abstract I inputOf(E entity);

    /**
     * Resolves the input's references and checks what Bean Validation cannot, recording every problem in refs.
     * Nothing may change yet: the returned action writes the input onto the entity once all is well.
     */
    protected abstract Consumer<E> prepare(I input, E entity, References refs);

    protected abstract D detail(E entity);

    /** What still points at the entity and would stop its deletion; empty when it may go. */
    protected abstract List<Problem.Reference> referencesTo(E entity);

    protected int maxSlugLength() {
        return 120;
    }

    @Transactional
    public Tagged<D> create(I input, String by) {
        E entity = newEntity.get();
        write(input, entity, by);
        written(entity, false);
        return entity.tagged(detail(entity));
    }

    @Transactional
    public Tagged<D> replace(long id, I input, ExpectedVersion expected, String by) {
        E entity = require(id);
        preconditions.check(expected, entity);
        boolean wasPublic = entity.published();
        write(input, entity, by);
        written(entity, wasPublic);
        return entity.tagged(detail(entity));
    }

    @Transactional
    public Tagged<D> patch(long id, JsonNode patch, ExpectedVersion expected, String by) {
        E entity = require(id);
        preconditions.check(expected, entity);
        boolean wasPublic = entity.published();
        write(read(MergePatch.apply(json.valueToTree(inputOf(entity)), patch)), entity, by);
        written(entity, wasPublic);
        return entity.tagged(detail(entity));
    }

    @Transactional
    public void delete(long id, ExpectedVersion expected) {
        E entity = require(id);
        preconditions.check(expected, entity);
        List<Problem.Reference> references = referencesTo(entity);
        if (!references.isEmpty()) {
            throw new ConflictException("The " + kind() + " " + id + " is still referenced by "
                    + String.join(", ", references.stream().map(r -> r.count() + " " + r.kind() + "(s)").toList())
                    + "; remove those references first.", references);
        }
        boolean wasPublic = entity.published();
        entity.delete();
        entityManager().flush();
        writes.fire(new ContentWritten(kind, id, entity.slug, wasPublic, false, true, null));
        changes.fire(ContentChanged.of(kind, id));
    }

    /** The current version, for a GET that wants its ETag; any status. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Tagged<D> get(long id) {
        E entity = require(id);
        return entity.tagged(detail(entity));
    }

    /**
     * The import's upsert by slug, inside the caller's transaction (not an interceptor's: a refused line must not
     * mark the batch's transaction for rollback): a new slug creates; a known one is
     * merge-patched with the line's fields (absent fields keep their values), and a line that changes nothing
     * writes nothing. The caller announces the changes after its batch.
     *
     * @param line the fields of one import line, without its type
     * @param known references resolved by earlier lines of the same transaction; filled in as lines resolve more
     * @param importId the import the line belongs to, named in the {@link ContentWritten} event of a change
     * @return the outcome and the id of the entity
     */
    public Imported upsert(ObjectNode line, String by, Map<String, Long> known, UUID importId) {
        ObjectNode fields = line.deepCopy();
        JsonNode extras = takeImportExtras(fields);
        JsonNode slug = fields.get("slug");
        if (slug == null || !slug.isTextual() || slug.asText().isBlank()) {
            throw new InvalidRequestException("slug", "is required in an import line: it is the key of the upsert");
        }
        E existing = findBySlug(slug.asText());
        if (existing == null) {
            E entity = newEntity.get();
            I input = read(fields);
            importExtras(extras, entity);
            write(input, entity, by, new References(known), false);
            writes.fire(new ContentWritten(kind, entity.id, entity.slug, false, entity.published(), false, importId));
            return new Imported(Outcome.CREATED, entity.id);
        }
        I current = inputOf(existing);
        I merged = read(MergePatch.apply(json.valueToTree(current), fields));
        if (merged.equals(current)) {
            return new Imported(Outcome.UNCHANGED, existing.id);
        }
        boolean wasPublic = existing.published();
        write(merged, existing, by, new References(known), false);
        writes.fire(new ContentWritten(kind, existing.id, existing.slug, wasPublic, existing.published(), false, importId));
        return new Imported(Outcome.UPDATED, existing.id);
    }

    public record Imported(Outcome outcome, long id) {
    }

    /** Removes the fields that only an import may carry (such as an old site's view count) from the line. */
    protected JsonNode takeImportExtras(ObjectNode fields) {
        return null;
    }

    /** Applies the import-only fields to an entity about to be created. */
    protected void importExtras(JsonNode extras, E entity) {
    }

    private void write(I input, E entity, String by) {
        write(input, entity, by, new References(), true);
    }

    /** @param checkSlug false when the slug is known to be free or the entity's own, as an import's key is */
    private void write(I input, E entity, String by, References refs, boolean checkSlug) {
        List<Problem.FieldError> errors = new ArrayList<>(FieldErrors.of(validator.validate(input)));
        // References are looked up even when other fields are broken, so that one answer names every problem.
        Consumer<E> change = prepare(input, entity, refs);
        String slug = errors.isEmpty() && checkSlug ? slugFor(input, entity, refs) : input.slug();
        if (slug != null && slug.matches("[0-9]+")) {
            refs.error("slug", "must contain a letter: a slug of digits only would read as an id");
        }
        errors.addAll(refs.errors());
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
            throw new InvalidRequestException(errors);
        }
        change.accept(entity);
        entity.slug = slug;
        entity.updatedBy = by;
        if (entity.id == null) {
            entity.persist();
        }
        entityManager().flush();
    }

    private String slugFor(I input, E entity, References refs) {
        if (input.slug() != null) {
            if (!input.slug().matches("[0-9]+") && taken(input.slug(), entity.id)) {
                throw new ConflictException("The slug '" + input.slug() + "' is already used by another " + kind() + ".");
            }
            return input.slug();
        }
        if (entity.slug != null) {
            // A slug is part of links out there: a new title alone does not move it.
            return entity.slug;
        }
        String base = Slugs.of(slugSource.apply(input));
        base = base.matches("[0-9]+") ? kind() + "-" + base : base;
        if (base.length() > maxSlugLength() - 4) {
            base = base.substring(0, maxSlugLength() - 4).replaceAll("-+$", "");
        }
        String candidate = base;
        for (int n = 2; taken(candidate, entity.id); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private boolean taken(String slug, Long except) {
        return entityManager().createQuery("select count(e) from " + entityType().getSimpleName()
                        + " e where e.slug = :slug and e.id <> :except", Long.class)
                .setParameter("slug", slug)
                .setParameter("except", except == null ? -1L : except)
                .getSingleResult() > 0;
    }

    private E findBySlug(String slug) {
        return entityManager().createQuery("from " + entityType().getSimpleName() + " where slug = :slug", entityType())
                .setParameter("slug", slug)
                .getResultStream().findFirst().orElse(null);
    }

    private I read(JsonNode node) {
        try {
            return json.treeToValue(node, inputType);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(FieldErrors.of(e)));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("body", "is not an object of this input");
        }
    }

    private E require(long id) {
        E entity = entityManager().find(entityType(), id);
        if (entity == null) {
            throw new ResourceNotFoundException(kind().key(), "id " + id);
        }
        return entity;
    }

    /**
     * Announces a write of the entity (for a subclass's own writes too): to the observers of the transaction (the
     * webhook outbox), and to search and caches after the commit.
     *
     * @param wasPublic whether readers without a token saw it before the write
     */
    protected void written(E entity, boolean wasPublic) {
        writes.fire(new ContentWritten(kind, entity.id, entity.slug, wasPublic, entity.published(), false, null));
        changes.fire(ContentChanged.of(kind, entity.id));
    }

    protected Preconditions preconditions() {
        return preconditions;
    }

    private EntityManager entityManager() {
        return Panache.getEntityManager(entityType());
    }

    /**
     * For {@link #referencesTo}: the rows of one kind that a native query finds, given the id as ?1.
     *
     * @return null when there are none
     */
    protected Problem.Reference referencing(String kind, String idsSql, long id) {
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager().createNativeQuery(idsSql + " ORDER BY 1").setParameter(1, id).getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        return new Problem.Reference(kind, ids.size(), ids.stream().limit(10).map(Number::longValue).toList());
    }

    /** The non-null entries, for {@link #referencesTo}. */
    protected static List<Problem.Reference> present(Problem.Reference... references) {
        return java.util.Arrays.stream(references).filter(java.util.Objects::nonNull).toList();
    }
}
