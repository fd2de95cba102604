package com.bohe.content.views;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/** Recognises crawlers by their User-Agent, so that their fetches are not counted as readers' views. */
@ApplicationScoped
public class BotDetector {

    private final boolean enabled;
    private final List<String> markers;

    BotDetector(ViewsConfig config) {
        this.enabled = config.bots().enabled();
        this.markers = config.bots().userAgents().stream().map(m -> m.strip().toLowerCase(Locale.ROOT))
                .filter(m -> !m.isEmpty()).toList();
    }

    public boolean isBot(String userAgent) {
        if (!enabled || userAgent == null) {
            return false;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : markers) {
            if (agent.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
