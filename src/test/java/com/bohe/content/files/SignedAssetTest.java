package com.bohe.content.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

/** With a signing key, a signed request may leave the lists; a tampered or foreign one may not. */
@QuarkusTest
@TestProfile(SignedAssetTest.SigningKey.class)
class SignedAssetTest {

    static final String KEY = "a-signing-key-of-at-least-32-characters";

    public static class SigningKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("content.files.signing-key", KEY);
        }
    }

    @Inject
    Tokens tokens;

    private long upload() {
        return given().auth().oauth2(tokens.read(Scopes.FILES_WRITE)).contentType("image/jpeg").body(Pictures.jpeg(600, 400))
                .post("/files").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String signature(long id, String query) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv[1]);
        }
        return AssetSignatures.sign(KEY, AssetSignatures.canonical(id, params));
    }

    @Test
    void aSignedRequestMayAskForSizesAndQualitiesOffTheLists() {
        long id = upload();
        // Signed over the parameters sorted by name, whatever order the URL gives them in.
        String sig = signature(id, "width=333&quality=61&format=webp");
        assertThat(AssetSignatures.canonical(id, Map.of("width", List.of("333"), "quality", List.of("61"), "format", List.of("webp"))),
                equalTo(id + "?format=webp&quality=61&width=333"));
        byte[] webp = given().get("/assets/" + id + "?width=333&quality=61&format=webp&signature=" + sig)
                .then().statusCode(200).contentType("image/webp").extract().asByteArray();
        BufferedImage image = Pictures.read(webp);
        assertThat(image.getWidth(), equalTo(333));
        // Unsigned, the same is off the lists.
        given().get("/assets/" + id + "?width=333&quality=61&format=webp").then().statusCode(400);
    }

    @Test
    void aSignatureThatDoesNotMatchIsA403() {
        long id = upload();
        String sig = signature(id, "width=333");
        given().get("/assets/" + id + "?width=334&signature=" + sig).then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/assets/" + (id + 1) + "?width=333&signature=" + sig).then().statusCode(403);
        given().get("/assets/" + id + "?width=333&signature=" + sig + "x").then().statusCode(403);
        given().get("/assets/" + id + "?width=333&signature=" + sig + "&signature=" + sig).then().statusCode(403);
        String foreign = AssetSignatures.sign("another-key-of-at-least-32-characters!!", AssetSignatures.canonical(id,
                Map.of("width", List.of("333"))));
        given().get("/assets/" + id + "?width=333&signature=" + foreign).then().statusCode(403);
        // Beyond the largest size, signed or not.
        String big = signature(id, "width=5000");
        given().get("/assets/" + id + "?width=5000&signature=" + big).then().statusCode(400);
        given().get("/assets/" + id + "?width=333&signature=" + sig).then().statusCode(200);
    }
}
