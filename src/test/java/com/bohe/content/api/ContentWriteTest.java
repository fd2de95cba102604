package com.bohe.content.api;

import static com.bohe.content.TestData.map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.bohe.content.Tokens;

/** Writes of departments, diseases, doctors and hospitals, and the rule for deleting what is still referenced. */
@QuarkusTest
class ContentWriteTest {

    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    Tokens tokens;

    private JsonPath post(String path, Map<String, Object> body) {
        var response = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post(path).then().statusCode(201).extract();
        org.junit.jupiter.api.Assertions.assertEquals(path + "/" + response.jsonPath().getLong("id"), response.header("Location"));
        return response.jsonPath();
    }


    @Test
    void shouldWriteTheWholeChainAndRefuseToDeleteWhatIsReferenced() {
        var parent = post("/departments", map("name", "写入测试内科"));
        var department = post("/departments", map("name", "写入测试神经科", "parent", parent.getString("slug")));
        given().when().get("/departments/" + parent.getLong("id"))
                .then().body("children.name", contains("写入测试神经科"));

        var hospital = post("/hospitals", map("name", "写入测试医院", "category", "综合", "province", "北京", "city", "北京",
                "departments", List.of(department.getString("slug"))));
        var disease = post("/diseases", map("name", "写入测试病", "aliases", List.of("测试别名"),
                "department", department.getLong("id")));
        var doctor = post("/doctors", map("name", "写入测试医生", "title", "主治医师", "hospital", hospital.getString("slug"),
                "department", department.getString("slug"), "specialties", List.of(disease.getString("slug"))));
        given().when().get("/doctors/" + doctor.getLong("id"))
                .then().statusCode(200)
                .body("hospital.name", equalTo("写入测试医院"))
                .body("specialties.name", contains("写入测试病"));
        given().when().get("/diseases?q=测试别名").then().body("items.id", hasItem(disease.getInt("id")));

        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/hospitals/" + hospital.getLong("id"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/still-referenced"))
                .body("references[0].kind", equalTo("doctor"))
                .body("references[0].ids", contains(doctor.getInt("id")));
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/departments/" + parent.getLong("id"))
                .then().statusCode(409).body("references.kind", contains("department"));
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/diseases/" + disease.getLong("id"))
                .then().statusCode(409).body("references.kind", contains("doctor"));

        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/doctors/" + doctor.getLong("id"))
                .then().statusCode(204);
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/diseases/" + disease.getLong("id"))
                .then().statusCode(204);
        given().when().get("/diseases/" + disease.getLong("id")).then().statusCode(404);
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").when().delete("/hospitals/" + hospital.getLong("id"))
                .then().statusCode(204);
    }

    @Test
    void shouldPatchAndReplaceWithVersions() {
        var disease = post("/diseases", map("name", "补丁测试病", "summary", "原摘要", "symptoms", "原症状"));
        long id = disease.getLong("id");
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(map("summary", "新摘要", "symptoms", null)).when().patch("/diseases/" + id)
                .then().statusCode(200).header("ETag", org.hamcrest.Matchers.startsWith("\"1-"))
                .body("summary", equalTo("新摘要")).body("symptoms", nullValue()).body("name", equalTo("补丁测试病"));
        given().when().get("/diseases/" + id).then().header("ETag", org.hamcrest.Matchers.startsWith("\"1-"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(map("name", "替换测试病")).when().put("/diseases/" + id)
                .then().statusCode(412);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(map("name", "替换测试病")).when().put("/diseases/" + id)
                .then().statusCode(200).body("name", equalTo("替换测试病")).body("summary", nullValue())
                .body("slug", equalTo(disease.getString("slug")));
        // Lists of diseases elsewhere count the demo's ten.
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"2\"").when().delete("/diseases/" + id)
                .then().statusCode(204);
    }

    @Test
    void shouldRefuseADepartmentCycle() {
        var top = post("/departments", map("name", "环路测试上级"));
        var child = post("/departments", map("name", "环路测试下级", "parent", top.getString("slug")));
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(map("parent", child.getString("slug"))).when().patch("/departments/" + top.getLong("id"))
                .then().statusCode(400).body("errors.field", contains("parent"));
    }

    @Test
    void shouldListEveryBrokenFieldOfEachKind() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "", "category", "诊所", "city", "北京", "departments", List.of("nope-nope")))
                .when().post("/hospitals")
                .then().statusCode(400).body("errors.field", contains("category", "departments[0]", "name", "province"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "医生", "title", "教授", "slug", "BAD"))
                .when().post("/doctors")
                .then().statusCode(400).body("errors.field", contains("slug", "title"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "医生", "title", "医师", "hospital", "no-such-hospital", "specialties", List.of("x-y", "mian-tan")))
                .when().post("/doctors")
                .then().statusCode(400).body("errors.field", contains("hospital", "specialties[0]"))
                .body("errors[0].message", containsString("no-such-hospital"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "病".repeat(101), "aliases", List.of("")))
                .when().post("/diseases")
                .then().statusCode(400).body("errors.field", contains("aliases[0]", "name"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "科", "parent", "1234567"))
                .when().post("/departments")
                .then().statusCode(400).body("errors.field", contains("parent"));
    }

    @Test
    void shouldRefuseADigitsOnlySlugAndATakenOne() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(map("name", "数字别名", "slug", "12345"))
                .when().post("/departments").then().statusCode(400).body("errors.field", contains("slug"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(map("name", "重复别名", "slug", "mian-tan"))
                .when().post("/diseases").then().statusCode(409).body("detail", containsString("mian-tan"));
    }
}
