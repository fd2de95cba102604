package com.bohe.content.files;

import java.util.Locale;

/** The formats an upload may be, known by their first bytes; the last three are what a variant may be written as. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif");

    private final String mediaType;
    private final String name;

    ImageFormat(String mediaType, String name) {
        this.mediaType = mediaType;
        this.name = name;
    }

    public String mediaType() {
        return mediaType;
    }

    /** As ImageIO names it, and as a variant's format parameter spells it. */
    public String formatName() {
        return name;
    }

    /** The format of an upload's declared Content-Type; null for anything else (image/jpg is JPEG too). */
    static ImageFormat ofMediaType(String type) {
        if (type == null) {
            return null;
        }
        String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (bare.equals("image/jpg") || bare.equals("image/pjpeg")) {
            return JPEG;
        }
        for (ImageFormat f : values()) {
            if (f.mediaType.equals(bare)) {
                return f;
            }
        }
        return null;
    }

    /** The format of the bytes, by their signature; null when they are none of ours. */
    static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
                && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return PNG;
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
                && b[5] == 'a') {
            return GIF;
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return WEBP;
        }
        return null;
    }
}
