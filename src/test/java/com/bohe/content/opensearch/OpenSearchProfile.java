package com.bohe.content.opensearch;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The API with {@code CONTENT_SEARCH_BACKEND=opensearch} against a real node ({@link OpenSearchNode}): the profile
 * of {@link OpenSearchBackendTest} and of the search and related tests run again on OpenSearch.
 */
public class OpenSearchProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenSearchNode.class));
    }
}
