package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

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
}
