package com.bohe.content.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.problem.FieldErrors;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.editing.MergePatch;

/** Subscribers, their deliveries, replays and pings. */
@ApplicationScoped
@Transactional
public class WebhookService {

    static final Map<String, String> SORTS = Map.of("id", "id", "createdAt", "createdAt", "url", "url");

    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;
    @Inject
    Outbox outbox;
    @Inject
    Dispatcher dispatcher;
    @Inject
    WebhooksConfig config;
    @Inject
    TransactionSynchronizationRegistry transactions;

    public NewWebhook create(WebhookInput input, String by) {
        check(input);
        Webhook webhook = new Webhook();
        apply(input, webhook);
        webhook.secret = WebhookSignature.newSecret();
        webhook.createdAt = Instant.now();
        webhook.updatedAt = webhook.createdAt;
        webhook.activeSince = webhook.createdAt;
        webhook.createdBy = by;
        webhook.persist();
        outbox.subscribersChanged();
        return NewWebhook.from(webhook);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookSummary> list(PageParams params) {
        return Pages.of(Webhook.findAll(Sorting.parse(params.sort, "id", SORTS)), params, WebhookSummary::from);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookSummary get(long id) {
        return WebhookSummary.from(require(id));
    }

    /** JSON Merge Patch of url, events, description, lineEvents and active; the secret stays. */
    public WebhookSummary patch(long id, JsonNode patch) {
        Webhook webhook = require(id);
        WebhookInput current = new WebhookInput(webhook.url, webhook.events, webhook.description, webhook.lineEvents,
                webhook.active);
        WebhookInput merged;
        try {
            merged = json.treeToValue(MergePatch.apply(json.valueToTree(current), patch), WebhookInput.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(FieldErrors.of(e)));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("body", "is not an object of this input");
        }
        check(merged);
        apply(merged, webhook);
        outbox.subscribersChanged();
        return WebhookSummary.from(webhook);
    }

    /** Its deliveries go with it, pending ones included. */
    public void delete(long id) {
        require(id).delete();
        outbox.subscribersChanged();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DeliverySummary> deliveries(long webhookId, PageParams params) {
        require(webhookId);
        return Pages.of(WebhookDelivery.find("webhookId = ?1 order by id desc", webhookId), params, DeliverySummary::from);
    }

    /** Attempts a delivery again now, whatever it came to; later retries follow the schedule from its attempts. */
    public DeliverySummary retry(long webhookId, long deliveryId) {
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>find("id = ?1 and webhookId = ?2", deliveryId, webhookId)
                .firstResultOptional()
                .orElseThrow(() -> new ResourceNotFoundException("delivery", "id " + deliveryId + " of webhook " + webhookId));
        delivery.status = "pending";
        delivery.nextAttemptAt = Instant.now();
        WebhookDelivery.getEntityManager().flush();
        afterCommit();
        return DeliverySummary.from(delivery);
    }

    /** Sends a webhook.ping event to this subscriber only. */
    public DeliverySummary ping(long webhookId) {
        require(webhookId);
        var eventId = outbox.ping(webhookId);
        afterCommit();
        return DeliverySummary.from(WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 and eventId = ?2", webhookId, eventId)
                .firstResult());
    }

    /** Wakes the dispatcher once the transaction ends, so that the delivery goes now rather than at the next poll. */
    private void afterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                dispatcher.wake();
            }
        });
    }

    private void check(WebhookInput input) {
        List<Problem.FieldError> errors = new ArrayList<>(FieldErrors.of(validator.validate(input)));
        if (input.events() != null) {
            for (int i = 0; i < input.events().size(); i++) {
                String event = input.events().get(i);
                if (event != null && !WebhookEvents.subscribable(event)) {
                    errors.add(new Problem.FieldError("events[" + i + "]", "must be one of " + WebhookEvents.LIST
                            + ", a kind's every event as article.*, or *"));
                }
            }
        }
        if (input.url() != null && !input.url().isBlank()) {
            UrlGuard.refusal(input.url().strip(), config.allowPrivate())
                    .ifPresent(why -> errors.add(new Problem.FieldError("url", why)));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
            throw new InvalidRequestException(errors);
        }
    }

    private static void apply(WebhookInput input, Webhook webhook) {
        webhook.url = input.url().strip();
        webhook.events = List.copyOf(new LinkedHashSet<>(input.events()));
        webhook.description = input.description();
        webhook.lineEvents = input.wantsLines();
        if (input.isActive() && !webhook.active) {
            webhook.activeSince = Instant.now(); // what happened while it was paused stays unsent
        }
        webhook.active = input.isActive();
    }

    private static Webhook require(long id) {
        return Webhook.<Webhook>findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("webhook", "id " + id));
    }
}
