package com.bohe.content.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.problem.ServiceUnavailableException;
import com.bohe.content.article.read.Lookup;
import com.bohe.content.article.read.PublicArticleCounts;
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
        Lookup<Long> cached = publicArticles.cached(id);
        if (!cached.isMiss()) {
            return Uni.createFrom().item(() -> count(id, cached, userAgent));
        }
        return Uni.createFrom().item(() -> count(id, stored(id), userAgent))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private ArticleViews count(long id, Lookup<Long> stored, String userAgent) {
        if (!(stored instanceof Lookup.Hit<Long> hit)) {
            throw new ResourceNotFoundException("article", "id " + id);
        }
        boolean counted = !bots.isBot(userAgent);
        if (!counted) {
            counter.refusedAsBot();
        } else if (!counter.record(id)) {
            throw new ServiceUnavailableException("Views cannot be counted right now; try again shortly.", 5);
        }
        return new ArticleViews(id, publicArticles.live(id, hit.value()), counted);
    }

    private Lookup<Long> stored(long id) {
        try {
            return publicArticles.stored(id);
        } catch (RuntimeException e) {
            // Not cached, and the database cannot say whether the article exists.
            throw new ServiceUnavailableException("The article store is unavailable; try again shortly.", 1);
        }
    }
}
