package com.bohe.content.api;

import com.bohe.content.api.problem.Problem;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.bohe.content.ContractValidation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The contract check is on for every test, and it does refuse what the contract does not allow. */
@QuarkusTest
class ContractValidationTest {

    @Test
    void shouldCheckEveryResponseAgainstTheContract() {
        assertTrue(RestAssured.filters().stream().anyMatch(OpenApiValidationFilter.class::isInstance),
                "every REST Assured response is checked against openapi.yaml");
        // A status the contract does not list for this operation: 431 is the HTTP layer's, never documented.
        assertThrows(OpenApiValidationFilter.OpenApiValidationException.class,
                () -> given().header("X-Padding", "a".repeat(40_000)).get("/diseases"));
    }

    @Test
    void shouldRefuseWrongTypesAndAcceptNullsWhereTheContractAllowsThem() {
        assertTrue(RestAssured.filters().contains(ContractValidation.SCHEMAS), "bodies are checked against their schemas");
        String article = """
                {"id": 1, "slug": "a", "title": "t", "summary": "s", "body": "b", "blocks": [],
                 "status": "published", "publishedAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
                 "viewCount": %s, "department": null, "diseases": [], "reviewer": %s, "tags": [], "disclaimer": "d"}""";
        assertEquals(Set.of(), check(article.formatted("3", "null")), "an article without a reviewer");
        assertFalse(check(article.formatted("\"many\"", "null")).isEmpty(), "viewCount as a string passed");
        assertFalse(check(article.formatted("3", "\"wang\"")).isEmpty(), "reviewer as a string passed");
        assertFalse(check(article.formatted("3", "null").replace("\"title\": \"t\", ", "")).isEmpty(),
                "an article without its title passed");
        // a problem is checked against Problem
        assertFalse(ContractValidation.SCHEMAS.check("GET", "/articles/1", 404, "application/problem+json",
                "{\"status\": \"404\"}").isEmpty(), "a problem with a string status passed");
    }

    private static Set<String> check(String body) {
        return ContractValidation.SCHEMAS.check("GET", "/articles/1", 200, "application/json", body);
    }
}
