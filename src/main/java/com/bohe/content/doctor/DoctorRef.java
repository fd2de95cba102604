package com.bohe.content.doctor;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A compact doctor reference, e.g. an article's reviewer. */
@Schema(name = "DoctorRef")
public record DoctorRef(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "wang-jian-guo") String slug,
        @Schema(required = true, examples = "王建国") String name,
        @Schema(required = true, enumeration = { "主任医师", "副主任医师", "主治医师", "医师" }) String title,
        @Schema(nullable = true, examples = "首都医科大学附属北京天坛医院") String hospitalName) {

    public static DoctorRef from(Doctor d) {
        return d == null ? null
                : new DoctorRef(d.id, d.slug, d.name, d.title, d.hospital == null ? null : d.hospital.name);
    }
}
