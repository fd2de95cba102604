package com.bohe.content;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Checks every response that a test receives through REST Assured against the committed openapi.yaml: a status the
 * contract does not list, a missing required field or a wrong type fails the test that received it. Requests are
 * not checked (many tests send bad ones on purpose), nor paths outside the contract (Quarkus's /q/ and test probes).
 * Installed before each Quarkus test by Quarkus's test callback (META-INF/services), which also turns on REST
 * Assured's logging of the request and response of any failed assertion, for every test class in one place.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    private static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl("openapi.yaml")
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
    /** The bodies' types, which the filter above does not check in an OpenAPI 3.1 contract. */
    public static final ResponseSchemas SCHEMAS = new ResponseSchemas(java.nio.file.Path.of("openapi.yaml"));

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (ContractValidation.class) {
            if (!RestAssured.filters().contains(FILTER)) {
                RestAssured.filters(FILTER, SCHEMAS);
                RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
            }
        }
    }
}
