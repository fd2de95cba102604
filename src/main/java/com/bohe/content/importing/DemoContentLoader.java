package com.bohe.content.importing;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import com.bohe.content.article.Article;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;
import com.bohe.content.hospital.Hospital;

/** Loads the demo content of src/main/resources/demo into an empty database when content.demo.load is set. */
@ApplicationScoped
public class DemoContentLoader {

    private static final Logger LOG = Logger.getLogger(DemoContentLoader.class);
    static final String LOCATION = "demo/";

    @Inject
    DemoConfig config;
    @Inject
    ContentImporter importer;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (!config.load()) {
            return;
        }
        if (!isEmpty()) {
            LOG.info("Demo content not loaded: the database already holds content");
            return;
        }
        ContentImporter.Counts counts = importer.load(DemoContentLoader::open);
        LOG.infof("Demo content loaded: %s", counts);
    }

    private static boolean isEmpty() {
        return Department.count() == 0 && Hospital.count() == 0 && Disease.count() == 0 && Doctor.count() == 0
                && Article.count() == 0;
    }

    private static Reader open(String file) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(LOCATION + file);
        return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
