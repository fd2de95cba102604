package com.bohe.content.article.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;

/**
 * Details rendered once are kept in the database for every instance's first read, and never served once the
 * article or what it shows of others has changed, even when no event told this instance (another instance's edit
 * before the catch-up, simulated by changing the entities without the editor and dropping the caches).
 */
@QuarkusTest
class RenderedDetailsTest {

    @Inject
    TestData data;
    @Inject
    ReadCaches reads;
    @Inject
    DataSource dataSource;
    @Inject
    Tokens tokens;
    @Inject
    DetailCache details;
    @Inject
    RenderedDetails rendered;

    @Test
    void shouldKeepARenderAndNotServeItOnceTheArticleChanged() throws SQLException {
        long id = data.article(data.department("渲染保存科"), "渲染保存前的标题", "渲染保存的正文。").id;
        String first = given().get("/articles/" + id).then().statusCode(200).body("title", equalTo("渲染保存前的标题"))
                .extract().asString();
        assertEquals(1, renders(id), "rendered once, kept");
        long renderedVersion = renderedVersion(id);

        reads.evictAll();
        assertEquals(first, given().get("/articles/" + id).then().statusCode(200).extract().asString(),
                "a cold read serves the kept render, byte for byte");

        data.retitleBehindTheIndexesBack(id, "渲染保存后的标题");
        reads.evictAll();
        given().get("/articles/" + id).then().statusCode(200).body("title", equalTo("渲染保存后的标题"));
        assertEquals(renderedVersion + 1, renderedVersion(id), "rendered again at the new version");
    }

    @Test
    void shouldNotServeARenderOnceADiseaseItNamesIsRenamed() throws SQLException {
        var department = data.department("渲染疾病科");
        var disease = data.disease("渲染前的病名", department);
        long id = data.article(department, "渲染疾病的文章", "渲染疾病的正文。").id;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO article_disease (article_id, disease_id) VALUES (?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, disease.id);
            s.executeUpdate();
            // what the editor does with the article's version when its diseases change
            c.createStatement().executeUpdate("UPDATE article SET version = version + 1 WHERE id = " + id);
        }
        reads.evictAll();
        given().get("/articles/" + id).then().statusCode(200).body("diseases[0].name", equalTo("渲染前的病名"));
        assertEquals(1, renders(id));

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE disease SET name = '渲染后的病名' WHERE id = ?")) {
            s.setLong(1, disease.id);
            s.executeUpdate();
        }
        reads.evictAll();
        given().get("/articles/" + id).then().statusCode(200).body("diseases[0].name", equalTo("渲染后的病名"));
    }

    @Test
    void shouldChangeTheArticlesVersionWhenOnlyItsDiseasesChange() throws SQLException {
        var department = data.department("渲染版本科");
        var disease = data.disease("渲染版本病", department);
        long id = data.article(department, "渲染版本的文章", "渲染版本的正文。").id;
        String etag = given().get("/articles/" + id).then().statusCode(200).extract().header("ETag");
        long before = renderedVersion(id);
        given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", etag)
                .body(java.util.Map.of("diseases", java.util.List.of(disease.slug)))
                .patch("/articles/" + id).then().statusCode(200);
        reads.evictAll();
        given().get("/articles/" + id).then().statusCode(200).body("diseases[0].name", equalTo("渲染版本病"));
        assertEquals(before + 1, renderedVersion(id), "a render of the old version would not be served");
    }

    @Test
    void shouldRenderAheadWhatAFirstReadWouldServe() throws SQLException {
        long id = data.article(data.department("预先渲染科"), "预先渲染的文章", "预先渲染的正文。").id;
        assertEquals(0, renders(id));
        assertTrue(missing().contains(id), "the newest article without a render is found by the background scan");
        assertEquals(1, details.renderAhead(java.util.List.of(id)));
        assertEquals(1, renders(id));
        assertFalse(missing().contains(id));
        reads.evictAll();
        String ahead = given().get("/articles/" + id).then().statusCode(200).extract().asString();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM article_rendered WHERE article_id = " + id);
        }
        reads.evictAll();
        assertEquals(ahead, given().get("/articles/" + id).then().statusCode(200).extract().asString(),
                "rendered ahead or by the read, the same bytes");
    }

    private java.util.List<Long> missing() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> rendered.missing(100));
    }

    private long renders(long id) throws SQLException {
        return query("SELECT count(*) FROM article_rendered WHERE article_id = " + id);
    }

    private long renderedVersion(long id) throws SQLException {
        return query("SELECT version FROM article_rendered WHERE article_id = " + id);
    }

    private long query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
