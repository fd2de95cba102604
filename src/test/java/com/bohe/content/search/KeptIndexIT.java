package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.PackagedApp;

/**
 * The packaged jar keeps its search index in CONTENT_INDEX_DIR: started again, it opens the index and applies what
 * changed while it was down, instead of building it from the database; an index it cannot read is rebuilt, and the
 * log says why.
 */
class KeptIndexIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private PackagedApp app;
    private Path dir;

    @AfterEach
    void cleanUp() throws IOException {
        if (app != null) {
            app.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldCatchUpAKeptIndexInsteadOfRebuildingIt() throws Exception {
        dir = Files.createTempDirectory("kept-index-it");
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        Map<String, String> env = Map.of("CONTENT_INDEX_DIR", dir.toString(), "CONTENT_DEMO_LOAD", "true");
        app = PackagedApp.start("kept-index-first-run", token, env);
        assertTrue(app.log().contains("Search index rebuilt from the database: there was no index"), "first start builds");
        JsonNode articles = JSON.readTree(app.get("/articles?size=2&sort=id").body()).get("items");
        long renamed = articles.get(0).get("id").asLong();
        long unpublished = articles.get(1).get("id").asLong();
        String unpublishedTitle = articles.get(1).get("title").asText();
        assertTrue(ids("/articles?size=50&q=" + encode(unpublishedTitle)).contains(unpublished));
        app.stop();

        // Changed while no instance runs: only the change log knows.
        app.execute("UPDATE article SET title = '重启之后仍能找到的标题' WHERE id = ?", renamed);
        app.execute("UPDATE article SET status = 'draft' WHERE id = ?", unpublished);

        app = PackagedApp.start("kept-index-second-run", token, env);
        String log = app.log();
        assertTrue(log.contains("Search index restored:"), "opened, not rebuilt");
        assertFalse(log.substring(log.lastIndexOf("Search index restored:")).contains("Search index built:"), "no build after it");
        assertEquals(renamed, ids("/articles?size=5&q=" + encode("重启之后仍能找到的标题")).get(0), "the rename, applied from the log");
        assertFalse(ids("/articles?size=50&q=" + encode(unpublishedTitle)).contains(unpublished), "the unpublished article is gone");
        app.stop();

        // An index that cannot be read is built again, and the log says why.
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(file, new byte[] { 9, 9, 9, 9 });
            }
        }
        app = PackagedApp.start("kept-index-third-run", token, env);
        assertTrue(app.log().contains("Search index rebuilt from the database: the index in " + dir + " could not be read"),
                "the reason is logged");
        assertEquals(renamed, ids("/articles?size=5&q=" + encode("重启之后仍能找到的标题")).get(0));
        app.execute("UPDATE article SET status = 'published' WHERE id = ?", unpublished);
    }

    private List<Long> ids(String path) throws Exception {
        var response = app.get(path);
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.headers().firstValue("Search-Index").isPresent(), "answered from a complete index");
        List<Long> ids = new ArrayList<>();
        JSON.readTree(response.body()).get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
