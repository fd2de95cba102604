package com.bohe.content.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import com.bohe.content.api.ResourceNotFoundException;
import com.bohe.content.api.ServiceUnavailableException;
import com.bohe.content.views.BotDetector;
import com.bohe.content.views.ViewCounter;

/** Records readers' views of public articles; the counting itself is the {@link ViewCounter}'s. */
@ApplicationScoped
public class ArticleViewService {

    @Inject
    PublicArticleCounts publicArticles;
    @Inject
    ViewCounter counter;
    @Inject
    BotDetector bots;

    /**
     * Counts on the calling (event-loop) thread when the article is cached, which is the hot path; only an id not
     * seen before moves to a worker thread, where the database is asked.
     */
    public Uni<ArticleViews> record(long id, String userAgent) {
        Long cached = publicArticles.cachedCount(id);
        if (cached != null) {
            return Uni.createFrom().item(() -> count(id, checked(id, cached), userAgent));
        }
        return Uni.createFrom().item(() -> count(id, storedCount(id), userAgent))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private ArticleViews count(long id, long stored, String userAgent) {
        boolean counted = !bots.isBot(userAgent);
        if (counted && !counter.record(id)) {
            throw new ServiceUnavailableException("Views cannot be counted right now; try again shortly.", 5);
        }
        return new ArticleViews(id, stored + counter.pending(id), counted);
    }

    private long storedCount(long id) {
        long stored;
        try {
            stored = publicArticles.storedCount(id);
        } catch (RuntimeException e) {
            // Not cached, and the database cannot say whether the article exists.
            throw new ServiceUnavailableException("The article store is unavailable; try again shortly.", 1);
        }
        return checked(id, stored);
    }

    private static long checked(long id, long stored) {
        if (stored < 0) {
            throw new ResourceNotFoundException("article", "id " + id);
        }
        return stored;
    }
}
