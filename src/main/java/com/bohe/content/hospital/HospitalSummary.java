package com.bohe.content.hospital;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.files.FileRef;

@Schema(name = "HospitalSummary")
public record HospitalSummary(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "beijing-tiantan-yiyuan") String slug,
        @Schema(required = true, examples = "首都医科大学附属北京天坛医院") String name,
        @Schema(nullable = true, examples = "三级甲等") String level,
        @Schema(required = true, enumeration = { "综合", "专科" }, description = "综合 (general) or 专科 (specialist)") String category,
        @Schema(required = true, examples = "北京") String province,
        @Schema(required = true, examples = "北京") String city,
        @Schema(nullable = true, description = "The photo, with its size and a placeholder") FileRef photo) {

    public static HospitalSummary from(Hospital h) {
        return new HospitalSummary(h.id, h.slug, h.name, h.level, h.category, h.province, h.city, FileRef.from(h.photo));
    }
}
