package com.bohe.content.importing;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import com.bohe.content.database.SchemaReady;

import com.bohe.content.article.Article;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;
import com.bohe.content.hospital.Hospital;

/**
 * Loads the demo content of src/main/resources/demo into an empty database when content.demo.load is set,
 * through the bulk import, as an operator's file would go.
 */
@ApplicationScoped
public class DemoContentLoader {

    private static final Logger LOG = Logger.getLogger(DemoContentLoader.class);
    static final String FILE = "demo/content.ndjson";

    @Inject
    DemoConfig config;
    @Inject
    ContentImport imports;

    void onStart(@Observes @jakarta.annotation.Priority(10) SchemaReady event) {
        if (!config.load()) {
            return;
        }
        if (!QuarkusTransaction.requiringNew().call(DemoContentLoader::isEmpty)) {
            LOG.info("Demo content not loaded: the database already holds content");
            return;
        }
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            ImportStatus status = imports.runNow(reader, "demo");
            if (status.failed() > 0) {
                throw new IllegalStateException("The demo content did not load: " + status.errors());
            }
            LOG.infof("Demo content loaded: %d created", status.created());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isEmpty() {
        return Department.count() == 0 && Hospital.count() == 0 && Disease.count() == 0 && Doctor.count() == 0
                && Article.count() == 0;
    }
}
