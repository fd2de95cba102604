package com.bohe.content.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import com.bohe.content.Tokens;

@QuarkusTest
class TokenResourceTest {

    @Inject
    Tokens tokens;

    @Test
    void shouldShowANewTokenOnceAndListItWithoutItsSecret() {
        var created = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "editor-wang", "scopes", List.of("content:write", "content:read-drafts")))
                .when().post("/tokens")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern("/tokens/[0-9]+"))
                .body("name", equalTo("editor-wang"))
                .body("scopes", contains("content:write", "content:read-drafts"))
                .body("expiresAt", nullValue())
                .body("token", startsWith("cat_"))
                .extract().jsonPath();
        String secret = created.getString("token");
        int id = created.getInt("id");

        given().auth().oauth2(tokens.admin()).when().get("/tokens?size=100&sort=-id")
                .then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == " + id + " }.name", equalTo("editor-wang"))
                .body("items.find { it.id == " + id + " }.createdBy", equalTo("admin"))
                .body("items.find { it.id == " + id + " }.token", nullValue())
                .body(not(containsString(secret.split("_", 3)[2])));
        given().auth().oauth2(tokens.admin()).when().get("/tokens/" + id)
                .then().statusCode(200).body("lastUsedAt", nullValue()).body("revokedAt", nullValue());
    }

    @Test
    void shouldStoreOnlyAHashOfTheSecret() {
        String token = tokens.create("hash-check", Scopes.WRITE);
        String secret = token.split("_", 3)[2];
        ApiToken stored = tokens.stored(Long.parseLong(token.split("_")[1]));
        org.junit.jupiter.api.Assertions.assertEquals(32, stored.secretHash.length);
        org.junit.jupiter.api.Assertions.assertFalse(new String(stored.secretHash, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret));
        org.junit.jupiter.api.Assertions.assertTrue(secret.length() >= 43, "32 random bytes in base64url");
    }

    @Test
    void shouldRecordLastUseAndStopARevokedToken() {
        String token = tokens.create("short-lived", Scopes.TOKENS_ADMIN);
        long id = Long.parseLong(token.split("_")[1]);
        given().auth().oauth2(token).when().get("/tokens/" + id).then().statusCode(200);
        given().auth().oauth2(tokens.admin()).when().get("/tokens/" + id).then().body("lastUsedAt", notNullValue());

        given().auth().oauth2(tokens.admin()).when().delete("/tokens/" + id).then().statusCode(204);
        given().auth().oauth2(token).when().get("/tokens/" + id)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().auth().oauth2(tokens.admin()).when().get("/tokens/" + id).then().body("revokedAt", notNullValue());
        given().auth().oauth2(tokens.admin()).when().delete("/tokens/" + id).then().statusCode(204);
    }

    @Test
    void shouldStopAnExpiredToken() {
        String token = tokens.create("expiring", Scopes.TOKENS_ADMIN);
        long id = Long.parseLong(token.split("_")[1]);
        given().auth().oauth2(token).when().get("/tokens/" + id).then().statusCode(200);
        tokens.expire(id);
        given().auth().oauth2(token).when().get("/tokens/" + id).then().statusCode(401);
    }

    @Test
    void shouldRejectAnExpiryInThePastAndUnknownScopesFieldByField() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("content:write"), "expiresAt", "2020-01-01T00:00:00Z"))
                .when().post("/tokens")
                .then().statusCode(400).body("errors.field", contains("expiresAt"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "scopes", List.of("content:everything")))
                .when().post("/tokens")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("name", "scopes[0]"));
    }

    @Test
    void shouldAnswer401WithAChallengeWithoutOrWithABadToken() {
        given().when().get("/tokens")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"content-api\""));
        given().auth().oauth2("cat_1_" + "A".repeat(43)).when().get("/tokens")
                .then().statusCode(401).header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/tokens")
                .then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void shouldAnswer403NamingTheScopeWhenTheTokenLacksIt() {
        String writer = tokens.create("writer-only", Scopes.WRITE);
        given().auth().oauth2(writer).when().get("/tokens")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("tokens:admin"));
    }

    @Test
    void shouldNotLetAPublicReadFailOnAToken() {
        given().auth().oauth2("not-a-token").when().get("/articles?size=1").then().statusCode(200);
    }
}
