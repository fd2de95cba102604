package com.bohe.content.article;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.files.FileRef;

/**
 * One block of an article body, for native apps that render without an HTML engine. Text is plain: inline
 * Markdown (emphasis, links) is reduced to its text.
 */
@Schema(name = "Block", description = "A paragraph, heading or quote carries text; a list carries items; an image its "
        + "url and alt text, and, when it is a file of this API (/assets/{id}), the file with its size and placeholder")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Block(
        @Schema(required = true, enumeration = { "paragraph", "heading", "list", "quote", "image" }) String type,
        @Schema(nullable = true, description = "The text of a paragraph, heading or quote",
                examples = "面瘫与面肌痉挛是两种不同的神经系统疾病。") String text,
        @Schema(nullable = true, description = "Heading level, 1 to 6", minimum = "1", maximum = "6") Integer level,
        @Schema(nullable = true, description = "Whether a list is numbered") Boolean ordered,
        @Schema(nullable = true, description = "The items of a list") List<String> items,
        @Schema(nullable = true, description = "The address of an image, as the body gives it", examples = "/assets/12?width=800")
        String url,
        @Schema(nullable = true, description = "An image's alt text, as the body gives it") String alt,
        @Schema(nullable = true, description = "The file an image shows, when it is one of this API's") FileRef file) {

    static Block paragraph(String text) {
        return new Block("paragraph", text, null, null, null, null, null, null);
    }

    static Block heading(int level, String text) {
        return new Block("heading", text, level, null, null, null, null, null);
    }

    static Block quote(String text) {
        return new Block("quote", text, null, null, null, null, null, null);
    }

    static Block list(boolean ordered, List<String> items) {
        return new Block("list", null, null, ordered, items, null, null, null);
    }

    static Block image(String url, String alt) {
        return new Block("image", null, null, null, null, url, alt, null);
    }

    Block withFile(FileRef f) {
        return new Block(type, text, level, ordered, items, url, alt, f);
    }
}
