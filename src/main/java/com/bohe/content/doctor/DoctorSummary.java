package com.bohe.content.doctor;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.files.FileRef;

import com.bohe.content.department.DepartmentRef;
import com.bohe.content.hospital.HospitalRef;

@Schema(name = "DoctorSummary")
public record DoctorSummary(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "wang-jian-guo") String slug,
        @Schema(required = true, examples = "王建国") String name,
        @Schema(required = true, enumeration = { "主任医师", "副主任医师", "主治医师", "医师" }) String title,
        @Schema(nullable = true) DepartmentRef department,
        @Schema(nullable = true) HospitalRef hospital,
        @Schema(nullable = true, description = "The photo, with its size and a placeholder") FileRef photo) {

    public static DoctorSummary from(Doctor d) {
        return new DoctorSummary(d.id, d.slug, d.name, d.title, DepartmentRef.from(d.department), HospitalRef.from(d.hospital),
                FileRef.from(d.photo));
    }
}
