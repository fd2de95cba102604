package com.bohe.content.hospital;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HospitalRef")
public record HospitalRef(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "beijing-tiantan-yiyuan") String slug,
        @Schema(required = true, examples = "首都医科大学附属北京天坛医院") String name,
        @Schema(required = true, examples = "北京") String city) {

    public static HospitalRef from(Hospital hospital) {
        return hospital == null ? null : new HospitalRef(hospital.id, hospital.slug, hospital.name, hospital.city);
    }
}
