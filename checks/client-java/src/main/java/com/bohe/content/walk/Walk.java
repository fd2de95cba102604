package com.bohe.content.walk;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.bohe.content.client.ApiClient;
import com.bohe.content.client.ApiException;
import com.bohe.content.client.ApiResponse;
import com.bohe.content.client.api.ArticlesApi;
import com.bohe.content.client.model.ArticleDetail;
import com.bohe.content.client.model.ArticleListItem;
import com.bohe.content.client.model.ArticleListPage;
import com.bohe.content.client.model.ArticleViews;
import com.bohe.content.client.model.RelatedArticle;
import com.bohe.content.client.model.RelatedArticles;

/**
 * A mobile team's walk through the API with the Java client generated from openapi.yaml: list → detail → related →
 * view, checking the values as the TypeScript walk does. Exits non-zero on the first wrong answer.
 * Usage: {@code ./mvnw -f checks/client-java/pom.xml package exec:java -Dexec.args=http://localhost:8080}
 */
public final class Walk {

    private Walk() {
    }

    public static void main(String[] args) throws ApiException {
        String baseUrl = args.length > 0 ? args[0] : "http://localhost:8080";
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.setHeader("User-Agent", "Mozilla/5.0 (client walk, Java)"));
        ArticlesApi articles = new ArticlesApi(client);

        ArticleListPage list = articles.listArticles(null, null, null, null, null, null, null, null, 5, null, null,
                null);
        check(list.getPage() != null && list.getPage() == 0 && list.getTotal() != null && list.getTotal() > 0,
                "an offset page lacks its page or total: " + list);
        List<ArticleListItem> items = list.getItems();
        check(!items.isEmpty() && items.size() <= 5, "the list has " + items.size() + " items");
        ArticleListItem first = items.get(0);
        check(first.getId() != null && first.getTitle() != null, "a list item lacks id or title");

        ArticleListPage feed = articles.listArticles("", null, null, null, 2, null, null, null, null, null, null, null);
        check(feed.getPage() == null && feed.getNextCursor() != null && feed.getItems().size() == 2,
                "a cursor page is not one: " + feed);

        ApiResponse<ArticleDetail> detailResponse = articles.getArticleWithHttpInfo(first.getId());
        ArticleDetail detail = detailResponse.getData();
        check(detailResponse.getStatusCode() == 200, "detail answered " + detailResponse.getStatusCode());
        check(first.getId().equals(detail.getId()) && first.getTitle().equals(detail.getTitle()),
                "the detail is not the listed article");
        check(!detail.getBody().isEmpty() && !detail.getBlocks().isEmpty(), "the detail has no body");
        check(header(detailResponse.getHeaders(), "etag") != null, "the detail has no ETag");

        RelatedArticles related = articles.listRelatedArticles(first.getId(), 5);
        Set<String> titles = new HashSet<>();
        for (RelatedArticle r : related.getItems()) {
            check(!r.getId().equals(first.getId()), "the article is related to itself");
            check(titles.add(r.getTitle()), "a related title repeats: " + r.getTitle());
        }

        ArticleViews view = articles.recordArticleView(first.getId(), null);
        check(view.getViewCount() == detail.getViewCount() + 1,
                "views went from " + detail.getViewCount() + " to " + view.getViewCount());

        try {
            articles.getArticle(Long.MAX_VALUE);
            check(false, "an unknown article was found");
        } catch (ApiException e) {
            check(e.getCode() == 404 && e.getResponseBody().contains("\"status\":404"),
                    "an unknown article answered " + e.getCode() + " " + e.getResponseBody());
        }

        System.out.printf("client walk (Java): %d articles; \"%s\" (id %d); %d related; views %d -> %d; cursor page "
                + "of 2; unknown id 404%n", list.getTotal(), first.getTitle(), first.getId(), related.getItems().size(),
                detail.getViewCount(), view.getViewCount());
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            System.err.println("client walk (Java): " + message);
            System.exit(1);
        }
    }
}
