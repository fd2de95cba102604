package com.bohe.content.disease;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DiseaseRef")
public record DiseaseRef(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "mian-tan") String slug,
        @Schema(required = true, examples = "面瘫") String name) {

    public static DiseaseRef from(Disease disease) {
        return new DiseaseRef(disease.id, disease.slug, disease.name);
    }
}
