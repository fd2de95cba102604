package com.bohe.content.files;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A file's metadata, as GET /files/{id} answers it. */
@Schema(name = "File")
public record FileSummary(
        @Schema(required = true, examples = "12") long id,
        @Schema(required = true, enumeration = { "image/jpeg", "image/png", "image/webp", "image/gif" },
                description = "The media type of the bytes, whatever the upload called them") String type,
        @Schema(required = true, examples = "1600", description = "As shown: after the EXIF orientation") int width,
        @Schema(required = true, examples = "1200") int height,
        @Schema(required = true, examples = "348112", description = "The size of the upload") long bytes,
        @Schema(required = true, examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
        @Schema(nullable = true, examples = "doctor-wang.jpg") String filename,
        @Schema(nullable = true, examples = "王建国医生") String title,
        @Schema(nullable = true, description = "The text a screen reader says instead", examples = "王建国医生在诊室")
        String alt,
        @Schema(required = true, description = "A BlurHash (blurha.sh) of the picture: paint it while the picture loads",
                examples = "LEHV6nWB2yk8pyo0adR*.7kCMdnj") String blurhash,
        @Schema(required = true, description = "The mean colour, for the first paint", examples = "#8a7f72") String dominantColor,
        @Schema(required = true, description = "The picture, as stored (without metadata); add width, height, fit, "
                + "format and quality for a variant", examples = "/assets/12") String url,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    static FileSummary from(StoredFile f) {
        return new FileSummary(f.id, f.type, f.width, f.height, f.bytes, f.sha256, f.filename, f.title, f.alt,
                f.blurhash, f.dominantColor, FileRef.url(f.id), f.createdAt, f.updatedAt);
    }
}
