package com.bohe.content.files;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A picture as an article, doctor or hospital shows it: enough to lay it out and paint a placeholder first. */
@Schema(name = "FileRef")
public record FileRef(
        @Schema(required = true, examples = "12") long id,
        @Schema(required = true, examples = "/assets/12", description = "Add width, height, fit, format and quality for a variant")
        String url,
        @Schema(required = true, examples = "1600") int width,
        @Schema(required = true, examples = "1200") int height,
        @Schema(nullable = true, examples = "面瘫患者做面部按摩") String alt,
        @Schema(required = true) Placeholder placeholder) {

    /** What to paint before the picture comes. */
    @Schema(name = "Placeholder")
    public record Placeholder(
            @Schema(required = true, examples = "LEHV6nWB2yk8pyo0adR*.7kCMdnj") String blurhash,
            @Schema(required = true, examples = "#8a7f72") String dominantColor) {
    }

    public static String url(long id) {
        return "/assets/" + id;
    }

    /** The references of the files of these ids that exist. */
    public static java.util.Map<Long, FileRef> byIds(java.util.Collection<Long> ids) {
        java.util.Map<Long, FileRef> found = new java.util.HashMap<>();
        for (StoredFile f : StoredFile.<StoredFile>list("id in ?1", ids)) {
            found.put(f.id, from(f));
        }
        return found;
    }

    /** The reference of a file, or null for none. */
    public static FileRef from(StoredFile f) {
        return f == null ? null : new FileRef(f.id, url(f.id), f.width, f.height, f.alt,
                new Placeholder(f.blurhash, f.dominantColor));
    }
}
