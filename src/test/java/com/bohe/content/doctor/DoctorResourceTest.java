package com.bohe.content.doctor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Relies on the demo doctors. */
@QuarkusTest
class DoctorResourceTest {

    @Test
    void shouldServeADoctorWithHospitalDepartmentAndSpecialties() {
        given().get("/doctors/slug/zhang-wei").then().statusCode(200)
                .body("name", equalTo("张伟"))
                .body("title", equalTo("主任医师"))
                .body("department.slug", equalTo("shen-jing-wai-ke"))
                .body("hospital.name", equalTo("北京京华神经专科医院"))
                .body("hospital.city", equalTo("北京"))
                .body("specialties.name", contains("面肌痉挛", "三叉神经痛"))
                .body("bio", equalTo("神经外科专家，完成微血管减压术两千余例，专注面肌痉挛和三叉神经痛的外科治疗。"));
    }

    @Test
    void shouldFilterByHospitalDepartmentDiseaseAndTitle() {
        given().queryParam("hospital", "shen-zhen-peng-cheng-zhong-yi-yuan").queryParam("sort", "id").get("/doctors")
                .then().statusCode(200).body("items.name", contains("刘洋", "吴强"));
        given().queryParam("department", "zhong-yi-ke").queryParam("sort", "id").get("/doctors")
                .then().statusCode(200).body("items.name", contains("刘洋", "吴强", "郑雪"));
        given().queryParam("disease", "bao-lu-xing-jiao-mo-yan").get("/doctors")
                .then().statusCode(200).body("items.name", contains("周丽"));
        given().queryParam("title", "主任医师").queryParam("sort", "id").get("/doctors")
                .then().statusCode(200)
                .body("items.name", contains("王建国", "张伟", "赵敏", "吴强"))
                .body("items.title", everyItem(equalTo("主任医师")));
        given().queryParam("title", "主任医师").queryParam("disease", "mian-ji-jing-luan")
                .queryParam("hospital", "bei-jing-kang-hua-yi-yuan").queryParam("sort", "-id").get("/doctors")
                .then().statusCode(200).body("items.name", contains("赵敏", "王建国"));
        given().queryParam("q", "王").get("/doctors").then().statusCode(200).body("items.name", contains("王建国"));
    }

    @Test
    void shouldFilterByHospitalId() {
        long hospital = given().get("/hospitals/slug/guang-zhou-nan-hua-yi-yuan").then().extract().jsonPath().getLong("id");
        given().queryParam("hospital", hospital).queryParam("sort", "id").get("/doctors")
                .then().statusCode(200).body("items.name", contains("陈静", "周丽"));
        given().queryParam("sort", "id").get("/hospitals/" + hospital + "/doctors")
                .then().statusCode(200).body("items.name", contains("陈静", "周丽"))
                .body("items.hospital.slug", everyItem(equalTo("guang-zhou-nan-hua-yi-yuan")));
    }

    @Test
    void shouldServeTheSameDoctorByIdAndSlug() {
        long id = given().get("/doctors/slug/li-shu-fen").then().extract().jsonPath().getLong("id");
        given().get("/doctors/" + id).then().statusCode(200).body("name", equalTo("李淑芬"));
    }

    @Test
    void shouldAnswer404ForUnknownDoctor() {
        given().get("/doctors/slug/nobody").then().statusCode(404).contentType("application/problem+json");
        given().get("/doctors/888888").then().statusCode(404).body("detail", equalTo("No doctor found for id 888888"));
        given().get("/hospitals/888888/doctors").then().statusCode(404);
    }
}
