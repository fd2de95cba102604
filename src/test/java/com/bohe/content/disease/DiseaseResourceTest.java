package com.bohe.content.disease;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Relies on the demo diseases. */
@QuarkusTest
class DiseaseResourceTest {

    @Test
    void shouldServeADiseaseWithAllItsSections() {
        given().get("/diseases/slug/mian-ji-jing-luan").then().statusCode(200)
                .body("name", equalTo("面肌痉挛"))
                .body("aliases", contains("面肌抽搐", "半面痉挛", "偏侧面肌痉挛"))
                .body("department.name", equalTo("神经内科"))
                .body("summary", startsWith("面肌痉挛表现为一侧面部肌肉阵发性"))
                .body("overview", startsWith("面肌痉挛多从眼轮匝肌开始"))
                .body("symptoms", startsWith("一侧眼睑不自主跳动"))
                .body("causes", startsWith("多数为原发性"))
                .body("diagnosis", startsWith("依靠典型临床表现"))
                .body("treatment", startsWith("肉毒素局部注射"))
                .body("prevention", startsWith("减少咖啡因摄入"));
    }

    @Test
    void shouldServeTheSameDiseaseByIdAndSlug() {
        long id = given().get("/diseases/slug/mian-tan").then().extract().jsonPath().getLong("id");
        given().get("/diseases/" + id).then().statusCode(200).body("slug", equalTo("mian-tan")).body("name", equalTo("面瘫"));
    }

    @Test
    void shouldFilterByDepartmentAndName() {
        given().queryParam("department", "er-bi-hou-ke").queryParam("sort", "id").when().get("/diseases")
                .then().statusCode(200)
                .body("items.name", contains("亨特综合征", "中耳炎"));
        // Within the seed's department: other tests create diseases of their own named after their articles
        // (面瘫写作测试草稿病), which the name index holds once the change log is read.
        given().queryParam("q", "面瘫").queryParam("department", "shen-jing-nei-ke").queryParam("sort", "id").when().get("/diseases")
                .then().statusCode(200)
                .body("items.name", contains("面瘫", "贝尔面瘫"))
                .body("items[0].aliases", contains("面神经麻痹", "面神经炎", "口眼歪斜"));
    }

    @Test
    void shouldListTheDoctorsOfADisease() {
        long id = given().get("/diseases/slug/san-cha-shen-jing-tong").then().extract().jsonPath().getLong("id");
        given().queryParam("sort", "id").when().get("/diseases/" + id + "/doctors")
                .then().statusCode(200)
                .body("items.name", contains("李淑芬", "张伟", "黄磊", "吴强"));
    }

    @Test
    void shouldAnswer404ForUnknownDisease() {
        given().get("/diseases/777777").then().statusCode(404)
                .body("detail", equalTo("No disease found for id 777777"));
        given().get("/diseases/777777/doctors").then().statusCode(404);
    }
}
