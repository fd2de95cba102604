package com.bohe.content.sync;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.article.ArticleDetail;
import com.bohe.content.department.DepartmentDetail;
import com.bohe.content.disease.DiseaseDetail;
import com.bohe.content.doctor.DoctorDetail;
import com.bohe.content.hospital.HospitalDetail;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/** One page of a sync: changed entries with their documents, then entries that left public view. */
@Schema(name = "SyncPage")
public record SyncPage(
        @Schema(required = true, description = "Entries created, changed or made public since the token; each with the "
                + "document a GET of it answers") List<Entry> entries,
        @Schema(required = true, description = "Entries deleted or unpublished since the token: remove them. May name "
                + "an entry the app never had") List<Deletion> deleted,
        @Schema(required = true, nullable = true, description = "More of this sync: GET /sync?token= this. Null on the "
                + "last page") String nextPageToken,
        @Schema(required = true, nullable = true, description = "On the last page: keep it, and GET /sync?token= it "
                + "for the next sync. Null while there are more pages") String nextSyncToken) {

    @Schema(name = "SyncEntry")
    public record Entry(
            @Schema(required = true, enumeration = { "article", "disease", "doctor", "hospital", "department" }) String type,
            @Schema(required = true, examples = "1") long id,
            @Schema(required = true, type = SchemaType.OBJECT, description = "The document GET /{type}s/{id} answers", anyOf = { ArticleDetail.class,
                    DiseaseDetail.class, DoctorDetail.class, HospitalDetail.class, DepartmentDetail.class })
            @JsonSerialize(using = RawJson.class) byte[] data) {
    }

    @Schema(name = "SyncDeletion")
    public record Deletion(
            @Schema(required = true, enumeration = { "article", "disease", "doctor", "hospital", "department" }) String type,
            @Schema(required = true, examples = "7") long id) {
    }
}
