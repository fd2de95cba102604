package com.bohe.content.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.problem.Problem;

/**
 * One way of showing a file, as {@code GET /assets/{id}} asks for it (Directus's names): a box, how the picture
 * fits it, a format and a quality. Only sizes and qualities of the allow-list are taken, spelt as plain digits,
 * so that no client can make more than a few hundred variants of a file.
 *
 * @param width null for none
 * @param height null for none
 * @param format null for auto (then {@link #auto} is true), else what was asked, or the source's own
 */
record Variant(Integer width, Integer height, Fit fit, ImageFormat format, boolean auto, int quality,
        boolean withoutEnlargement) {

    enum Fit {
        /** Fills the box, cropping what overflows (the default, as in Directus). */
        COVER,
        /** Fits inside the box, padded to it (transparent, or white for JPEG). */
        CONTAIN,
        /** Fits inside the box, not padded. */
        INSIDE,
        /** Covers the box, not cropped. */
        OUTSIDE
    }

    static final Set<String> PARAMETERS = Set.of("width", "height", "fit", "format", "quality", "withoutEnlargement",
            AssetSignatures.PARAMETER);

    /**
     * Reads a query. Unknown and repeated parameters are refused, as are sizes and qualities off the allow-list and
     * numbers not spelt as plain digits ({@code 0800}, {@code +800}).
     *
     * @param signed whether the request carries a valid signature: then any size from 1 to the largest allowed, and
     *        any quality from 1 to 100, are taken
     * @throws InvalidRequestException 400, naming every broken parameter
     */
    static Variant parse(Map<String, List<String>> query, FilesConfig config, boolean signed) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (!PARAMETERS.contains(entry.getKey())) {
                errors.add(new Problem.FieldError(entry.getKey(), "is not a parameter of an asset; they are " + String.join(", ",
                        List.of("width", "height", "fit", "format", "quality", "withoutEnlargement"))));
            } else if (entry.getValue().size() > 1) {
                errors.add(new Problem.FieldError(entry.getKey(), "must be given once"));
            }
        }
        Integer width = size("width", one(query, "width"), config, signed, errors);
        Integer height = size("height", one(query, "height"), config, signed, errors);
        Fit fit = Fit.COVER;
        String fitName = one(query, "fit");
        if (fitName != null) {
            try {
                fit = fitName.equals(fitName.toLowerCase(Locale.ROOT)) ? Fit.valueOf(fitName.toUpperCase(Locale.ROOT)) : null;
            } catch (IllegalArgumentException e) {
                fit = null;
            }
            if (fit == null) {
                errors.add(new Problem.FieldError("fit", "must be cover, contain, inside or outside"));
                fit = Fit.COVER;
            }
        }
        String formatName = one(query, "format");
        ImageFormat format = null;
        boolean auto = false;
        if (formatName != null) {
            switch (formatName) {
                case "auto": auto = true; break;
                case "webp": format = ImageFormat.WEBP; break;
                case "jpeg": case "jpg": format = ImageFormat.JPEG; break;
                case "png": format = ImageFormat.PNG; break;
                default: errors.add(new Problem.FieldError("format", "must be auto, webp, jpeg or png"));
            }
        }
        int quality = config.defaultQuality();
        String q = one(query, "quality");
        if (q != null) {
            Integer parsed = digits(q);
            if (parsed == null || !(signed ? parsed <= 100 : config.qualities().contains(parsed))) {
                errors.add(new Problem.FieldError("quality", "must be one of " + join(config.qualities())));
            } else {
                quality = parsed;
            }
        }
        boolean withoutEnlargement = false;
        String we = one(query, "withoutEnlargement");
        if (we != null) {
            if (!we.equals("true") && !we.equals("false")) {
                errors.add(new Problem.FieldError("withoutEnlargement", "must be true or false"));
            }
            withoutEnlargement = we.equals("true");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        // A fit matters only for a box: one variant of each picture, however a single side was asked for.
        return new Variant(width, height, width != null && height != null ? fit : Fit.COVER, format, auto, quality,
                withoutEnlargement);
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Integer size(String name, String value, FilesConfig config, boolean signed, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        Integer parsed = digits(value);
        int largest = config.sizes().stream().mapToInt(Integer::intValue).max().orElse(3840);
        if (parsed == null || !(signed ? parsed <= largest : config.sizes().contains(parsed))) {
            errors.add(new Problem.FieldError(name, "must be one of " + join(config.sizes())));
            return null;
        }
        return parsed;
    }

    /** A number spelt as plain digits without a leading zero, else null. */
    private static Integer digits(String value) {
        if (!value.matches("[1-9][0-9]{0,4}")) {
            return null;
        }
        return Integer.valueOf(value);
    }

    private static String join(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    /**
     * The format to write: asked for, or for auto WebP when the client takes it (else JPEG, or PNG for a picture
     * that may be transparent), or without a format the source's own (PNG for a GIF).
     */
    ImageFormat output(ImageFormat source, String accept) {
        if (format != null) {
            return format;
        }
        if (auto && acceptsWebp(accept)) {
            return ImageFormat.WEBP;
        }
        if (auto) {
            return source == ImageFormat.JPEG ? ImageFormat.JPEG : ImageFormat.PNG;
        }
        return source == ImageFormat.GIF ? ImageFormat.PNG : source;
    }

    /** Whether an Accept header names image/webp with a quality above zero (image/* alone does not: old Safari). */
    static boolean acceptsWebp(String accept) {
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            if (!pieces[0].strip().equalsIgnoreCase("image/webp")) {
                continue;
            }
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        return Double.parseDouble(p.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }

    /** The name of the stored variant in this output format: the same request always has the same name. */
    String name(ImageFormat output) {
        return "w" + (width == null ? 0 : width) + "-h" + (height == null ? 0 : height) + "-" + fit.name().toLowerCase(Locale.ROOT)
                + "-q" + quality + (withoutEnlargement ? "-we" : "") + "." + output.formatName();
    }

    /** The size of the output for a picture shown at this size, and the size to scale to before cropping or padding. */
    record Plan(int scaledWidth, int scaledHeight, int outWidth, int outHeight, boolean pad) {
    }

    /**
     * @param largest the largest side allowed: the whole picture (no width or height) is fitted inside it
     * @throws InvalidRequestException when the result would have a side longer than {@code largest}
     */
    Plan plan(int sourceWidth, int sourceHeight, int largest) {
        double scale;
        if (width == null && height == null) {
            scale = Math.min(1.0, Math.min((double) largest / sourceWidth, (double) largest / sourceHeight));
        } else if (height == null) {
            scale = (double) width / sourceWidth;
        } else if (width == null) {
            scale = (double) height / sourceHeight;
        } else {
            double sx = (double) width / sourceWidth;
            double sy = (double) height / sourceHeight;
            scale = fit == Fit.COVER || fit == Fit.OUTSIDE ? Math.max(sx, sy) : Math.min(sx, sy);
        }
        boolean capped = withoutEnlargement && scale > 1.0;
        if (capped) {
            scale = 1.0;
        }
        int sw = Math.max(1, (int) Math.round(sourceWidth * scale));
        int sh = Math.max(1, (int) Math.round(sourceHeight * scale));
        if (width != null && height != null) {
            if (fit == Fit.COVER) {
                return checked(new Plan(sw, sh, Math.min(width, sw), Math.min(height, sh), false), largest);
            }
            if (fit == Fit.CONTAIN && !capped) {
                return checked(new Plan(Math.min(sw, width), Math.min(sh, height), width, height, true), largest);
            }
        }
        return checked(new Plan(sw, sh, sw, sh, false), largest);
    }

    private static Plan checked(Plan plan, int largest) {
        if (plan.scaledWidth() > largest || plan.scaledHeight() > largest) {
            throw new InvalidRequestException("fit", "the picture would be " + plan.scaledWidth() + "×" + plan.scaledHeight()
                    + " before cropping, more than " + largest + " px on a side; ask for a smaller box or another fit");
        }
        return plan;
    }
}
