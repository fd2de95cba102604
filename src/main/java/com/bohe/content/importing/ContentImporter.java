package com.bohe.content.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import com.bohe.content.api.Slugs;
import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;
import com.bohe.content.hospital.Hospital;
import com.bohe.content.importing.ImportRecords.ArticleLine;
import com.bohe.content.importing.ImportRecords.DepartmentLine;
import com.bohe.content.importing.ImportRecords.DiseaseLine;
import com.bohe.content.importing.ImportRecords.DoctorLine;
import com.bohe.content.importing.ImportRecords.HospitalLine;

/**
 * Loads content in the NDJSON import format: departments, hospitals, diseases, doctors, then articles, so that
 * every reference points at something already loaded. One transaction: a bad line loads nothing.
 */
@ApplicationScoped
public class ContentImporter {

    /** The files of an import, in load order. */
    public static final List<String> FILES = List.of("departments.ndjson", "hospitals.ndjson", "diseases.ndjson",
            "doctors.ndjson", "articles.ndjson");

    @Inject
    ObjectMapper mapper;

    public record Counts(int departments, int hospitals, int diseases, int doctors, int articles) {
    }

    /** @param open opens one of {@link #FILES} by name; a file that is absent may return null */
    @Transactional
    public Counts load(Function<String, Reader> open) {
        int departments = read(open, "departments.ndjson", DepartmentLine.class, this::department);
        int hospitals = read(open, "hospitals.ndjson", HospitalLine.class, this::hospital);
        int diseases = read(open, "diseases.ndjson", DiseaseLine.class, this::disease);
        int doctors = read(open, "doctors.ndjson", DoctorLine.class, this::doctor);
        int articles = read(open, "articles.ndjson", ArticleLine.class, this::article);
        return new Counts(departments, hospitals, diseases, doctors, articles);
    }

    private <T> int read(Function<String, Reader> open, String file, Class<T> type, java.util.function.Consumer<T> sink) {
        ObjectReader reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        int count = 0;
        int lineNumber = 0;
        try (Reader source = open.apply(file)) {
            if (source == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(source);
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(reader.readValue(line));
                } catch (IOException | RuntimeException e) {
                    throw new ImportException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    private void department(DepartmentLine line) {
        Department d = new Department();
        d.name = required(line.name(), "name");
        d.slug = slug(line.slug(), d.name, Department.class);
        d.parent = line.parent() == null ? null : find(Department.class, line.parent());
        d.persist();
    }

    private void hospital(HospitalLine line) {
        Hospital h = new Hospital();
        h.name = required(line.name(), "name");
        h.slug = slug(line.slug(), h.name, Hospital.class);
        h.level = line.level();
        h.type = required(line.type(), "type");
        h.province = required(line.province(), "province");
        h.city = required(line.city(), "city");
        h.address = line.address();
        h.phone = line.phone();
        h.intro = line.intro();
        h.departments = refs(Department.class, line.departments());
        h.persist();
    }

    private void disease(DiseaseLine line) {
        Disease d = new Disease();
        d.name = required(line.name(), "name");
        d.slug = slug(line.slug(), d.name, Disease.class);
        d.aliases = line.aliases() == null ? new ArrayList<>() : new ArrayList<>(line.aliases());
        d.department = line.department() == null ? null : find(Department.class, line.department());
        d.summary = line.summary();
        d.overview = line.overview();
        d.symptoms = line.symptoms();
        d.causes = line.causes();
        d.diagnosis = line.diagnosis();
        d.treatment = line.treatment();
        d.prevention = line.prevention();
        d.persist();
    }

    private void doctor(DoctorLine line) {
        Doctor d = new Doctor();
        d.name = required(line.name(), "name");
        d.slug = slug(line.slug(), d.name, Doctor.class);
        d.title = required(line.title(), "title");
        if (!Doctor.TITLES.contains(d.title)) {
            throw new ImportException("title must be one of " + Doctor.TITLES, null);
        }
        d.department = line.department() == null ? null : find(Department.class, line.department());
        d.hospital = line.hospital() == null ? null : find(Hospital.class, line.hospital());
        d.specialties = refs(Disease.class, line.specialties());
        d.bio = line.bio();
        d.persist();
    }

    private void article(ArticleLine line) {
        Article a = new Article();
        a.title = required(line.title(), "title");
        a.slug = slug(line.slug(), a.title, Article.class);
        a.summary = line.summary();
        a.body = required(line.body(), "body");
        a.status = line.status() == null ? ArticleStatus.draft : ArticleStatus.valueOf(line.status());
        a.publishedAt = line.publishedAt() != null || a.status == ArticleStatus.draft ? line.publishedAt() : Instant.now();
        a.viewCount = line.viewCount() == null ? 0 : line.viewCount();
        a.department = line.department() == null ? null : find(Department.class, line.department());
        a.diseases = refs(Disease.class, line.diseases());
        a.reviewer = line.reviewer() == null ? null : find(Doctor.class, line.reviewer());
        a.tags = line.tags() == null ? new ArrayList<>() : new ArrayList<>(line.tags());
        a.persist();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ImportException(field + " is required", null);
        }
        return value;
    }

    /** The given slug, or one derived from the name, made unique with a numeric suffix (-2, -3, ...). */
    private static String slug(String given, String name, Class<? extends PanacheEntityBase> type) {
        if (given != null) {
            if (exists(type, given)) {
                throw new ImportException("slug '" + given + "' is already taken", null);
            }
            return given;
        }
        String base = Slugs.of(name);
        String candidate = base;
        for (int n = 2; exists(type, candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private static boolean exists(Class<? extends PanacheEntityBase> type, String slug) {
        return find(type, slug, false).isPresent();
    }

    private static <E> E find(Class<E> type, String slug) {
        return find(type, slug, true).orElseThrow();
    }

    private static <E> Optional<E> find(Class<E> type, String slug, boolean required) {
        Optional<E> found = Panache.getEntityManager(type)
                .createQuery("from " + type.getSimpleName() + " where slug = :slug", type)
                .setParameter("slug", slug)
                .getResultStream().findFirst();
        if (required && found.isEmpty()) {
            throw new ImportException("unknown " + type.getSimpleName().toLowerCase() + " '" + slug + "'", null);
        }
        return found;
    }

    private static <E> List<E> refs(Class<E> type, List<String> slugs) {
        List<E> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String slug : slugs == null ? List.<String>of() : slugs) {
            if (seen.add(slug)) {
                result.add(find(type, slug));
            }
        }
        return result;
    }

    /** A line of an import that cannot be loaded; the message names the file and line. */
    public static class ImportException extends RuntimeException {
        public ImportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
