package com.bohe.content.department;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Relies on the demo departments. */
@QuarkusTest
class DepartmentResourceTest {

    @Test
    void shouldListDepartmentsWithTheirParents() {
        given().queryParam("size", 3).when().get("/departments")
                .then().statusCode(200)
                .body("items.name", contains("内科", "神经内科", "消化内科"))
                .body("items[0].parent", nullValue())
                .body("items[1].parent.slug", equalTo("nei-ke"))
                .body("items[1].parent.name", equalTo("内科"));
    }

    @Test
    void shouldServeADepartmentWithItsChildrenByIdAndSlug() {
        long id = given().get("/departments/slug/wu-guan-ke").then().statusCode(200)
                .body("name", equalTo("五官科"))
                .body("children.name", contains("耳鼻喉科", "眼科"))
                .extract().jsonPath().getLong("id");
        given().get("/departments/" + id).then().statusCode(200).body("slug", equalTo("wu-guan-ke"));
        given().get("/departments/slug/yan-ke").then().statusCode(200)
                .body("parent.name", equalTo("五官科"))
                .body("children", org.hamcrest.Matchers.empty());
    }

    @Test
    void shouldListTheDoctorsOfADepartmentAndItsSubDepartments() {
        long id = given().get("/departments/slug/wai-ke").then().extract().jsonPath().getLong("id");
        given().queryParam("sort", "id").when().get("/departments/" + id + "/doctors")
                .then().statusCode(200)
                .body("items.name", contains("张伟", "黄磊"))
                .body("items.department.slug", everyItem(equalTo("shen-jing-wai-ke")));
    }

    @Test
    void shouldAnswer404ForUnknownDepartment() {
        given().get("/departments/slug/no-such-department").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No department found for slug no-such-department"));
        given().get("/departments/424242/doctors").then().statusCode(404).contentType("application/problem+json");
    }

}
