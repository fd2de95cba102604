package com.bohe.content.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.WebPReadParam;
import com.luciad.imageio.webp.WebPWriteParam;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import net.coobird.thumbnailator.Thumbnails;

import com.bohe.content.api.problem.RefusedBodyException;

/**
 * Reading, orienting, resizing and writing pictures, on ImageIO: TwelveMonkeys reads JPEG (CMYK and damaged files
 * included), webp-imageio reads and writes WebP through its bundled libwebp, the JDK does PNG and GIF, and
 * Thumbnailator resamples. Nothing here keeps metadata: an output is pixels and the little its format needs (no
 * EXIF, GPS, XMP or comments).
 */
final class Images {

    /** The class loader of this application: a live reload (dev mode) or a test restart makes a new one. */
    private static final ClassLoader OURS = Images.class.getClassLoader();

    static {
        ImageIO.setUseCache(false); // streams are in memory; no temporary files
        // ImageIO's registry is the JVM's, and finds plugins through the context class loader: ours, registered here.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(OURS);
        try {
            ImageIO.scanForPlugins();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Whether a plugin may serve this application: the JDK's, or one loaded by this application's class loaders. The
     * registry also keeps those of class loaders gone (before a live reload or a test restart), whose classes are
     * not ours: a WebPWriteParam of another loader cannot be cast to ours.
     */
    private static boolean usable(Object provider) {
        ClassLoader loader = provider.getClass().getClassLoader();
        if (loader == null) {
            return true; // the JDK's
        }
        // Ours, or one of its parents (Quarkus loads the dependencies one level above the application's classes).
        for (ClassLoader ours = OURS; ours != null; ours = ours.getParent()) {
            if (loader == ours) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(String[] names, String format) {
        return Arrays.stream(names).anyMatch(name -> name.equalsIgnoreCase(format));
    }

    private Images() {
    }

    /**
     * What a picture's header says, read without decoding a pixel.
     *
     * @param width as stored; see {@link #displayWidth()} for as shown
     * @param orientation the EXIF orientation, 1 to 8 (1 when there is none)
     */
    record Header(ImageFormat format, int width, int height, int orientation) {

        /** Orientations 5 to 8 turn the picture a quarter. */
        boolean turned() {
            return orientation >= 5 && orientation <= 8;
        }

        int displayWidth() {
            return turned() ? height : width;
        }

        int displayHeight() {
            return turned() ? width : height;
        }
    }

    /**
     * The picture's format (by its bytes, whatever it was called), size and orientation.
     *
     * @throws RefusedBodyException 415 for bytes that are not JPEG, PNG, WebP or GIF; 422 for more pixels than
     *         {@code maxPixels} (a decompression bomb) or a header that cannot be read
     */
    static Header header(byte[] bytes, long maxPixels) {
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new RefusedBodyException(415, "The body is not a JPEG, PNG, WebP or GIF picture.");
        }
        int width;
        int height;
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new RefusedBodyException(422, "The " + format.formatName().toUpperCase(Locale.ROOT)
                    + " picture's header cannot be read: it is damaged or truncated.");
        } finally {
            reader.dispose();
        }
        if (width <= 0 || height <= 0) {
            throw new RefusedBodyException(422, "The picture declares no pixels.");
        }
        if ((long) width * height > maxPixels) {
            throw new RefusedBodyException(422, "The picture declares " + width + "×" + height + " pixels, more than the "
                    + maxPixels + " this API decodes; it was refused before decoding.");
        }
        return new Header(format, width, height, format == ImageFormat.JPEG ? orientation(bytes) : 1);
    }

    /** The EXIF orientation of a JPEG, 1 when it has none or it cannot be read. */
    static int orientation(byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            for (JPEGSegment segment : segments) {
                try (InputStream data = segment.data()) {
                    byte[] exif = data.readAllBytes();
                    int start = tiffStart(exif);
                    if (start < 0) {
                        continue;
                    }
                    try (ImageInputStream tiff = new MemoryCacheImageInputStream(
                            new ByteArrayInputStream(exif, start, exif.length - start))) {
                        Directory directory = new TIFFReader().read(tiff);
                        Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                        if (entry != null && entry.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                            return n.intValue();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // No readable EXIF: shown as stored.
        }
        return 1;
    }

    /** Where the TIFF structure starts in an EXIF segment's data (after "Exif\0\0", when it is still there). */
    private static int tiffStart(byte[] exif) {
        for (int i = 0; i + 4 <= Math.min(exif.length, 16); i++) {
            if (exif[i] == 'I' && exif[i + 1] == 'I' && exif[i + 2] == 42 && exif[i + 3] == 0
                    || exif[i] == 'M' && exif[i + 1] == 'M' && exif[i + 2] == 0 && exif[i + 3] == 42) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The step between decoded pixels: the largest that keeps the decode at least {@code oversampling} times the
     * output on each side, then larger while the decode would pass the budget. Skipping pixels aliases fine detail;
     * the resampler after it averages, so the more it has to average from, the less shows.
     */
    static int subsampling(Header header, int neededWidth, int neededHeight, long maxDecodedPixels, int oversampling) {
        int storedNeededWidth = header.turned() ? neededHeight : neededWidth;
        int storedNeededHeight = header.turned() ? neededWidth : neededHeight;
        int step = Math.max(1, Math.min(header.width() / Math.max(1, oversampling * storedNeededWidth),
                header.height() / Math.max(1, oversampling * storedNeededHeight)));
        while (decodedPixels(header, step) > maxDecodedPixels) {
            step++;
        }
        return step;
    }

    /** The least step that keeps a whole decode within the budget: 1 unless the picture is larger than it. */
    static int withinBudget(Header header, long maxDecodedPixels) {
        int step = 1;
        while (decodedPixels(header, step) > maxDecodedPixels) {
            step++;
        }
        return step;
    }

    /**
     * The whole factor by which a picture can be averaged down and stay at least this size on each side: the box
     * filter does the large part of a reduction, the resampler the last step of less than two.
     */
    static int reduction(BufferedImage image, int width, int height) {
        return Math.max(1, Math.min(image.getWidth() / Math.max(1, width), image.getHeight() / Math.max(1, height)));
    }

    /**
     * Averages each square of {@code factor}×{@code factor} pixels into one (a box filter): the cheap first step of a
     * large reduction, which antialiases where skipping pixels would not. Edge pixels that make no whole square are
     * dropped (less than a pixel of the output).
     */
    static BufferedImage reduce(BufferedImage image, int factor) {
        if (factor <= 1) {
            return image;
        }
        int w = image.getWidth() / factor;
        int h = image.getHeight() / factor;
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] target = ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] a = new int[w];
        int[] r = new int[w];
        int[] g = new int[w];
        int[] b = new int[w];
        int n = factor * factor;
        boolean bgr = image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte;
        byte[] bytes = bgr ? ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData() : null;
        int[] row = bgr ? null : new int[w * factor];
        int stride = image.getWidth() * 3;
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(a, 0);
            java.util.Arrays.fill(r, 0);
            java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(b, 0);
            for (int dy = 0; dy < factor; dy++) {
                int sy = y * factor + dy;
                if (bgr) {
                    int i = sy * stride;
                    for (int x = 0; x < w; x++) {
                        int sb = 0;
                        int sg = 0;
                        int sr = 0;
                        for (int dx = 0; dx < factor; dx++) {
                            sb += bytes[i] & 0xff;
                            sg += bytes[i + 1] & 0xff;
                            sr += bytes[i + 2] & 0xff;
                            i += 3;
                        }
                        b[x] += sb;
                        g[x] += sg;
                        r[x] += sr;
                    }
                } else {
                    image.getRGB(0, sy, w * factor, 1, row, 0, w * factor);
                    int i = 0;
                    for (int x = 0; x < w; x++) {
                        for (int dx = 0; dx < factor; dx++) {
                            int p = row[i++];
                            a[x] += p >>> 24;
                            r[x] += p >> 16 & 0xff;
                            g[x] += p >> 8 & 0xff;
                            b[x] += p & 0xff;
                        }
                    }
                }
            }
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int alphaValue = bgr ? 255 : a[x] / n;
                target[o + x] = alphaValue << 24 | r[x] / n << 16 | g[x] / n << 8 | b[x] / n;
            }
        }
        return out;
    }

    static long decodedPixels(Header header, int step) {
        return (long) ((header.width() + step - 1) / step) * ((header.height() + step - 1) / step);
    }

    /**
     * Decodes the first frame, subsampled by {@code step} (libwebp scales instead), and turns it upright.
     *
     * @throws RefusedBodyException 422 when the pixels cannot be decoded
     */
    static BufferedImage decode(byte[] bytes, Header header, int step) {
        ImageReader reader = reader(header.format());
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            if (step > 1) {
                if (param instanceof WebPReadParam webp) {
                    webp.setUseScaling(true);
                    webp.setScaledWidth(Math.max(1, header.width() / step));
                    webp.setScaledHeight(Math.max(1, header.height() / step));
                } else {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
            }
            BufferedImage image = reader.read(0, param);
            return orient(image, header.orientation());
        } catch (IOException | RuntimeException e) {
            throw new RefusedBodyException(422, "The picture cannot be decoded: it is damaged or truncated.");
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(ImageFormat format) {
        Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                provider -> usable(provider) && names(((ImageReaderSpi) provider).getFormatNames(), format.formatName()), true);
        if (!providers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        try {
            return providers.next().createReaderInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImageWriter writer(ImageFormat format) {
        Iterator<ImageWriterSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(ImageWriterSpi.class,
                provider -> usable(provider) && names(((ImageWriterSpi) provider).getFormatNames(), format.formatName()), true);
        if (!providers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        try {
            return providers.next().createWriterInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies an EXIF orientation, so that the picture is shown as the camera was held. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2: t.translate(w, 0); t.scale(-1, 1); break;                     // mirrored
            case 3: t.translate(w, h); t.rotate(Math.PI); break;                   // upside down
            case 4: t.translate(0, h); t.scale(1, -1); break;                     // mirrored, upside down
            case 5: t.rotate(Math.PI / 2); t.scale(1, -1); break;                  // transposed
            case 6: t.translate(h, 0); t.rotate(Math.PI / 2); break;               // turned right
            case 7: t.translate(h, w); t.scale(-1, -1); t.rotate(Math.PI / 2); t.scale(1, -1); break; // transversed
            case 8: t.translate(0, w); t.rotate(3 * Math.PI / 2); break;           // turned left
            default: return image;
        }
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, rgbType(image));
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int rgbType(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    /** Resamples to exactly this size (Thumbnailator: progressive bilinear steps, then a last bicubic one). */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        try {
            return Thumbnails.of(image).forceSize(width, height).imageType(rgbType(image)).asBufferedImage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A part of the picture. */
    static BufferedImage crop(BufferedImage image, int x, int y, int width, int height) {
        if (x == 0 && y == 0 && width == image.getWidth() && height == image.getHeight()) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, rgbType(image));
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, -x, -y, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The picture centred on a canvas of this size: transparent where the format has alpha, else white. */
    static BufferedImage pad(BufferedImage image, int width, int height, boolean alpha) {
        BufferedImage out = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(image, (width - image.getWidth()) / 2, (height - image.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes pixels only, no metadata: JPEG (on white where transparent), PNG or WebP, at a quality 1 to 100. */
    static byte[] encode(BufferedImage image, ImageFormat format, int quality) {
        BufferedImage pixels = image;
        if (format == ImageFormat.JPEG && (image.getColorModel().hasAlpha() || image.getType() != BufferedImage.TYPE_INT_RGB)) {
            pixels = flatten(image);
        } else if (image.getType() == BufferedImage.TYPE_CUSTOM || image.getType() == BufferedImage.TYPE_BYTE_INDEXED
                || image.getType() == BufferedImage.TYPE_BYTE_BINARY) {
            pixels = convert(image, rgbType(image));
        }
        ImageWriter writer = writer(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.WEBP) {
                WebPWriteParam webp = (WebPWriteParam) param;
                webp.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                webp.setCompressionType("Lossy");
                webp.setCompressionQuality(quality / 100f);
            } else if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                if (param instanceof javax.imageio.plugins.jpeg.JPEGImageWriteParam jpeg) {
                    jpeg.setOptimizeHuffmanTables(true);
                }
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("encoding " + format + " failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage flatten(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The mean colour, as {@code #rrggbb}: what an app paints before anything else. */
    static String meanColor(BufferedImage small) {
        long r = 0;
        long g = 0;
        long b = 0;
        int n = small.getWidth() * small.getHeight();
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                int argb = small.getRGB(x, y);
                int alpha = argb >>> 24;
                // Transparent parts count as white, as they show on most screens.
                r += ((argb >> 16 & 0xff) * alpha + 255 * (255 - alpha)) / 255;
                g += ((argb >> 8 & 0xff) * alpha + 255 * (255 - alpha)) / 255;
                b += ((argb & 0xff) * alpha + 255 * (255 - alpha)) / 255;
            }
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r / n, g / n, b / n);
    }
}
