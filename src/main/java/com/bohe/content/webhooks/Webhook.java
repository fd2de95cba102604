package com.bohe.content.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A subscriber: where events go, which ones, and the secret that signs them. */
@Entity
public class Webhook extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> events = new ArrayList<>();

    public String description;

    @Column(name = "line_events")
    public boolean lineEvents;

    /** False while paused: the events that happen meanwhile are not sent to it. */
    public boolean active = true;

    /** When it last became active (created or resumed): only events since then are sent to it. */
    @Column(name = "active_since")
    public Instant activeSince;

    /** Kept to sign deliveries; shown once, at creation, and never read out again. */
    public String secret;

    @Version
    public long version;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "created_by", updatable = false)
    public String createdBy;

    @PreUpdate
    void beforeUpdate() {
        updatedAt = Instant.now();
    }
}
