package com.bohe.content.disease;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.department.DepartmentRef;

/** A disease with its text sections; a section not yet written is null. */
@Schema(name = "DiseaseDetail")
public record DiseaseDetail(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "mian-tan") String slug,
        @Schema(required = true, examples = "面瘫") String name,
        @Schema(required = true) List<String> aliases,
        @Schema(nullable = true) DepartmentRef department,
        @Schema(nullable = true) String summary,
        @Schema(nullable = true, description = "概述") String overview,
        @Schema(nullable = true, description = "症状") String symptoms,
        @Schema(nullable = true, description = "病因") String causes,
        @Schema(nullable = true, description = "诊断") String diagnosis,
        @Schema(nullable = true, description = "治疗") String treatment,
        @Schema(nullable = true, description = "预防") String prevention) {

    public static DiseaseDetail from(Disease d) {
        return new DiseaseDetail(d.id, d.slug, d.name, List.copyOf(d.aliases), DepartmentRef.from(d.department),
                d.summary, d.overview, d.symptoms, d.causes, d.diagnosis, d.treatment, d.prevention);
    }
}
