package com.bohe.content.editing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import com.bohe.content.api.caching.Tagged;

/**
 * What every editable resource has: an id, a slug, a version that becomes its ETag and guards against lost
 * edits, and who changed it when.
 */
@MappedSuperclass
public abstract class ContentEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    /** Raised by Hibernate on every update; an update of a stale version fails instead of overwriting. */
    @Version
    public long version;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The name of the token that made the last change; null for imports from files and older rows. */
    @Column(name = "updated_by")
    public String updatedBy;

    /** Whether readers without a token see it; an article overrides this with its status. */
    public boolean published() {
        return true;
    }

    /** A representation of this entity with its version and time of change, from which ETag and Last-Modified come. */
    public <T> Tagged<T> tagged(T body) {
        return new Tagged<>(body, version, updatedAt);
    }

    @PrePersist
    void beforeInsert() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void beforeUpdate() {
        updatedAt = Instant.now();
    }
}
