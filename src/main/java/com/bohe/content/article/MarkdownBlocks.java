package com.bohe.content.article;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** Turns a Markdown body into render-ready blocks. Raw HTML is dropped: apps must never need an HTML engine. */
public final class MarkdownBlocks {

    private static final Parser PARSER = Parser.builder().build();
    private static final String SOFT_BREAK = "\u0001";
    private static final java.util.regex.Pattern LATIN_BREAK =
            java.util.regex.Pattern.compile("(?<=[A-Za-z0-9.,;:!?])\u0001(?=[A-Za-z0-9])");

    private MarkdownBlocks() {
    }

    public static List<Block> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        if (markdown == null) {
            return blocks;
        }
        for (Node node = PARSER.parse(markdown).getFirstChild(); node != null; node = node.getNext()) {
            List<Block> images = images(node);
            if (images != null) {
                blocks.addAll(images);
                continue;
            }
            Block block = toBlock(node);
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** A body's images that are files of this API ({@code /assets/12}, with or without a query), by file id. */
    public static java.util.Set<Long> fileIds(List<Block> blocks) {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        for (Block block : blocks) {
            Long id = fileId(block.url());
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static final java.util.regex.Pattern ASSET = java.util.regex.Pattern.compile("/assets/([1-9][0-9]{0,17})([?#].*)?");

    static Long fileId(String url) {
        if (url == null) {
            return null;
        }
        java.util.regex.Matcher m = ASSET.matcher(url);
        return m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    /**
     * The image blocks of a paragraph that holds images only ({@code ![alt](/assets/12)} on a line of its own); null
     * for any other node. An image whose address is neither http(s) nor a path of this site is dropped: no
     * {@code javascript:} or {@code data:} reaches an app.
     */
    private static List<Block> images(Node node) {
        if (!(node instanceof Paragraph)) {
            return null;
        }
        List<Block> images = new ArrayList<>();
        boolean any = false;
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Image image) {
                any = true;
                String url = image.getDestination();
                if (url.startsWith("/") && !url.startsWith("//") || url.startsWith("https://") || url.startsWith("http://")) {
                    String alt = text(image);
                    images.add(Block.image(url, alt.isEmpty() ? null : alt));
                }
            } else if (!(child instanceof SoftLineBreak || child instanceof HardLineBreak
                    || child instanceof Text text && text.getLiteral().isBlank())) {
                return null;
            }
        }
        return any ? images : null;
    }

    private static Block toBlock(Node node) {
        if (node instanceof Paragraph) {
            return Block.paragraph(text(node));
        }
        if (node instanceof Heading heading) {
            return Block.heading(heading.getLevel(), text(node));
        }
        if (node instanceof ListBlock list) {
            List<String> items = new ArrayList<>();
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                items.add(text(item));
            }
            return Block.list(list instanceof OrderedList, items);
        }
        if (node instanceof BlockQuote) {
            return Block.quote(text(node));
        }
        if (node instanceof FencedCodeBlock code) {
            return Block.paragraph(code.getLiteral().strip());
        }
        if (node instanceof IndentedCodeBlock code) {
            return Block.paragraph(code.getLiteral().strip());
        }
        // Thematic breaks, raw HTML and link reference definitions carry nothing to render.
        return null;
    }

    /** The plain text of a node: inline markup is reduced to its text, paragraphs inside it are joined by newlines. */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.append(SOFT_BREAK);
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                out.append('\n');
            }

            @Override
            public void visit(Paragraph paragraph) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                visitChildren(paragraph);
            }

            @Override
            public void visit(BulletList list) {
                visitChildren(list);
            }
        });
        // A line break inside a paragraph is a space between Latin words, and nothing in Chinese text.
        return LATIN_BREAK.matcher(out).replaceAll(" ").replace(SOFT_BREAK, "").strip();
    }
}
