package com.bohe.content.article;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.bohe.content.opensearch.OpenSearchProfile;

/** Every related-list test again, with the candidates found by OpenSearch. */
@QuarkusTest
@TestProfile(OpenSearchProfile.class)
class RelatedArticlesOnOpenSearchTest extends RelatedArticlesTest {
}
