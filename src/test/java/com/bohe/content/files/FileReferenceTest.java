package com.bohe.content.files;

import static com.bohe.content.TestData.map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

/** Covers, photos and images in bodies: set by file id, shown with size and placeholder, and kept from deletion. */
@QuarkusTest
class FileReferenceTest {

    static final String JSON = "application/json; charset=UTF-8";
    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    Tokens tokens;


    private long upload(String token, String alt) {
        return given().auth().oauth2(token).contentType("image/jpeg").body(Pictures.jpeg(300, 200)).queryParam("alt", alt)
                .post("/files").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JsonPath post(String token, String path, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(JSON).body(body).post(path).then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anArticleShowsItsCoverAndItsBodyImagesAndKeepsThemFromDeletion() {
        String admin = tokens.admin();
        long cover = upload(admin, "面部按摩");
        long inline = upload(admin, "穴位图");
        String title = "封面测试" + UUID.randomUUID();
        JsonPath article = post(admin, "/articles", map("title", title, "status", "published", "cover", cover,
                "body", "第一段。\n\n![穴位示意](/assets/" + inline + "?width=800)\n\n![外链](https://example.com/a.png)\n\n"
                        + "![脚本](javascript:alert(1))\n\n最后一段。"));
        long id = article.getLong("id");
        given().get("/articles/" + id).then().statusCode(200)
                .body("cover.id", equalTo((int) cover))
                .body("cover.url", equalTo("/assets/" + cover))
                .body("cover.width", equalTo(300))
                .body("cover.height", equalTo(200))
                .body("cover.alt", equalTo("面部按摩"))
                .body("cover.placeholder.dominantColor", org.hamcrest.Matchers.matchesPattern("#[0-9a-f]{6}"))
                .body("blocks.type", contains("paragraph", "image", "image", "paragraph"))
                .body("blocks[1].url", equalTo("/assets/" + inline + "?width=800"))
                .body("blocks[1].alt", equalTo("穴位示意"))
                .body("blocks[1].file.id", equalTo((int) inline))
                .body("blocks[1].file.width", equalTo(300))
                .body("blocks[2].url", equalTo("https://example.com/a.png"))
                .body("blocks[2].file", nullValue())
                .body("blocks.url", not(hasItem("javascript:alert(1)")));
        // The list card too.
        given().get("/articles?q=" + title).then().statusCode(200);
        given().get("/articles?size=100").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.cover.id", equalTo((int) cover));

        // Neither the cover nor the body's image can go while the article shows them.
        given().auth().oauth2(admin).delete("/files/" + cover).then().statusCode(409)
                .body("type", equalTo("/problems/still-referenced"))
                .body("references[0].kind", equalTo("article"))
                .body("references[0].ids", hasItem((int) id));
        given().auth().oauth2(admin).delete("/files/" + inline).then().statusCode(409);

        // A new alt text shows at once in what shows the file.
        given().auth().oauth2(admin).contentType(MERGE_PATCH).body("{\"alt\": \"新的说明\"}").patch("/files/" + cover)
                .then().statusCode(200);
        given().get("/articles/" + id).then().statusCode(200).body("cover.alt", equalTo("新的说明"));

        // Once the article lets go, the file can go.
        given().auth().oauth2(admin).contentType(MERGE_PATCH).header("If-Match", "*").body("{\"cover\": null}")
                .patch("/articles/" + id).then().statusCode(200).body("cover", nullValue());
        given().auth().oauth2(admin).delete("/files/" + cover).then().statusCode(204);
        given().get("/assets/" + cover).then().statusCode(404);
    }

    @Test
    void anImportSetsCoversByFileId() {
        String admin = tokens.admin();
        long cover = upload(admin, "导入封面");
        String slug = "dao-ru-feng-mian-" + UUID.randomUUID().toString().substring(0, 8);
        String line = "{\"type\": \"article\", \"slug\": \"" + slug + "\", \"title\": \"导入的封面\", \"body\": \"正文。\", "
                + "\"status\": \"published\", \"cover\": " + cover + "}\n";
        String location = given().auth().oauth2(admin).contentType("application/x-ndjson; charset=UTF-8")
                .body(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/import").then().statusCode(202)
                .extract().header("Location");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                "done".equals(given().auth().oauth2(admin).get(location).then().extract().jsonPath().getString("status")));
        given().get("/articles/slug/" + slug).then().statusCode(200).body("cover.id", equalTo((int) cover))
                .body("cover.alt", equalTo("导入封面"));
    }

    @Test
    void aCoverMustBeAFileThatExists() {
        String admin = tokens.admin();
        given().auth().oauth2(admin).contentType(JSON)
                .body(map("title", "无封面" + UUID.randomUUID(), "body", "正文", "cover", 987654321))
                .post("/articles").then().statusCode(400).body("errors.field", hasItem("cover"));
        given().auth().oauth2(admin).contentType(JSON)
                .body(map("title", "无封面" + UUID.randomUUID(), "body", "正文", "cover", -1))
                .post("/articles").then().statusCode(400).body("errors.field", hasItem("cover"));
        given().auth().oauth2(admin).contentType(JSON)
                .body(map("title", "无封面" + UUID.randomUUID(), "body", "正文", "cover", "twelve"))
                .post("/articles").then().statusCode(400);
    }

    @Test
    void doctorsAndHospitalsShowTheirPhotos() {
        String admin = tokens.admin();
        long photo = upload(admin, "医生照片");
        long building = upload(admin, "医院大楼");
        JsonPath hospital = post(admin, "/hospitals", map("name", "照片医院" + UUID.randomUUID(), "category", "综合",
                "province", "北京", "city", "北京", "photo", building));
        long hospitalId = hospital.getLong("id");
        JsonPath doctor = post(admin, "/doctors", map("name", "照片医生", "title", "主任医师", "hospital",
                String.valueOf(hospitalId), "photo", photo));
        long doctorId = doctor.getLong("id");
        given().get("/doctors/" + doctorId).then().statusCode(200)
                .body("photo.id", equalTo((int) photo)).body("photo.alt", equalTo("医生照片"))
                .header("Surrogate-Key", org.hamcrest.Matchers.containsString("file-" + photo));
        given().get("/hospitals/" + hospitalId).then().statusCode(200).body("photo.id", equalTo((int) building));
        given().get("/hospitals/" + hospitalId + "/doctors").then().statusCode(200)
                .body("items[0].photo.id", equalTo((int) photo));
        given().auth().oauth2(admin).delete("/files/" + photo).then().statusCode(409)
                .body("references.kind", contains("doctor"));
        given().auth().oauth2(admin).delete("/files/" + building).then().statusCode(409)
                .body("references.kind", contains("hospital"));
    }

    @Test
    void aTokenWithoutTheFilesScopeCannotChangeFiles() {
        long id = upload(tokens.read(Scopes.FILES_WRITE), "x");
        String writer = tokens.read(Scopes.WRITE);
        given().auth().oauth2(writer).contentType(MERGE_PATCH).body("{\"alt\": \"y\"}").patch("/files/" + id).then().statusCode(403);
        given().auth().oauth2(writer).delete("/files/" + id).then().statusCode(403);
        given().contentType(MERGE_PATCH).body("{\"alt\": \"y\"}").patch("/files/" + id).then().statusCode(401);
        given().get("/files/" + id).then().statusCode(200).body("alt", equalTo("x"));
    }
}
