package com.bohe.content.importing;

import java.time.Instant;
import java.util.List;

/**
 * The lines of the NDJSON import format, one record type per file. References go by slug; a missing slug is
 * derived from the name or title (pinyin). The format is documented in the README.
 */
public final class ImportRecords {

    private ImportRecords() {
    }

    public record DepartmentLine(String slug, String name, String parent) {
    }

    public record HospitalLine(String slug, String name, String level, String type, String province, String city,
            String address, String phone, List<String> departments, String intro) {
    }

    public record DiseaseLine(String slug, String name, List<String> aliases, String department, String summary,
            String overview, String symptoms, String causes, String diagnosis, String treatment, String prevention) {
    }

    public record DoctorLine(String slug, String name, String title, String department, String hospital,
            List<String> specialties, String bio) {
    }

    public record ArticleLine(String slug, String title, String summary, String body, String status,
            Instant publishedAt, Long viewCount, String department, List<String> diseases, String reviewer,
            List<String> tags) {
    }
}
