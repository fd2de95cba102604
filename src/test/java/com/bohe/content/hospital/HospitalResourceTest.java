package com.bohe.content.hospital;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Relies on the demo hospitals. */
@QuarkusTest
class HospitalResourceTest {

    @Test
    void shouldServeAHospitalWithItsDepartments() {
        given().get("/hospitals/slug/guang-zhou-nan-hua-yi-yuan").then().statusCode(200)
                .body("name", equalTo("广州南华医院"))
                .body("level", equalTo("三级甲等"))
                .body("category", equalTo("综合"))
                .body("province", equalTo("广东"))
                .body("city", equalTo("广州"))
                .body("address", equalTo("广州市越秀区中山二路66号"))
                .body("phone", equalTo("020-8761-3300"))
                .body("departments.name", contains("内科", "神经内科", "消化内科", "耳鼻喉科", "眼科", "康复医学科"))
                .body("intro", org.hamcrest.Matchers.startsWith("广州南华医院是华南地区"));
    }

    @Test
    void shouldFilterByProvinceCityAndLevel() {
        given().queryParam("province", "广东").queryParam("sort", "id").get("/hospitals")
                .then().statusCode(200).body("items.city", contains("广州", "深圳"));
        given().queryParam("city", "北京").queryParam("level", "三级甲等").get("/hospitals")
                .then().statusCode(200).body("items.name", contains("北京康华医院"));
        given().queryParam("level", "二级甲等").get("/hospitals")
                .then().statusCode(200).body("items.name", contains("成都锦江医院"));
        given().queryParam("q", "中医").get("/hospitals")
                .then().statusCode(200).body("items.name", contains("深圳鹏城中医院"))
                .body("items[0].category", equalTo("专科"));
    }

    @Test
    void shouldServeTheSameHospitalByIdAndSlug() {
        long id = given().get("/hospitals/slug/cheng-du-jin-jiang-yi-yuan").then().extract().jsonPath().getLong("id");
        given().get("/hospitals/" + id).then().statusCode(200).body("city", equalTo("成都"));
        given().get("/hospitals/999999").then().statusCode(404).body("detail", equalTo("No hospital found for id 999999"));
    }
}
