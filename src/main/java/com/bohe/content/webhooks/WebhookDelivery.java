package com.bohe.content.webhooks;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One event for one subscriber, as the deliveries list reads it; the dispatcher writes it in SQL. Keyed by its
 * webhook and its own number, as the API addresses it ({@code /webhooks/{id}/deliveries/{deliveryId}}).
 */
@Entity
@Table(name = "webhook_delivery")
@IdClass(WebhookDelivery.Key.class)
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    @Column(name = "webhook_id")
    public long webhookId;

    @Id
    public long id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "event_type")
    public String eventType;

    public String status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_response")
    public String lastResponse;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The primary key: the webhook, then the delivery's number. */
    public static class Key implements Serializable {

        public long webhookId;
        public long id;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.webhookId == webhookId && key.id == id;
        }

        @Override
        public int hashCode() {
            return Objects.hash(webhookId, id);
        }
    }
}
