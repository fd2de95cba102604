package com.bohe.content.hospital;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.files.FileRef;

import com.bohe.content.department.DepartmentRef;

@Schema(name = "HospitalDetail")
public record HospitalDetail(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "beijing-tiantan-yiyuan") String slug,
        @Schema(required = true, examples = "首都医科大学附属北京天坛医院") String name,
        @Schema(nullable = true, examples = "三级甲等") String level,
        @Schema(required = true, enumeration = { "综合", "专科" }, description = "综合 (general) or 专科 (specialist)") String category,
        @Schema(required = true, examples = "北京") String province,
        @Schema(required = true, examples = "北京") String city,
        @Schema(nullable = true, examples = "北京市丰台区南四环西路119号") String address,
        @Schema(nullable = true, examples = "010-59978114") String phone,
        @Schema(required = true) List<DepartmentRef> departments,
        @Schema(nullable = true) String intro,
        @Schema(nullable = true, description = "The photo, with its size and a placeholder") FileRef photo) {

    public static HospitalDetail from(Hospital h) {
        return new HospitalDetail(h.id, h.slug, h.name, h.level, h.category, h.province, h.city, h.address, h.phone,
                h.departments.stream().map(DepartmentRef::from).toList(), h.intro, FileRef.from(h.photo));
    }
}
