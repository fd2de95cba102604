package com.bohe.content.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.BytesRef;

/**
 * What the related scorer reads of a candidate (title, counts, references), kept as a small doc value beside
 * the stored fields. Reading stored fields decompresses whole blocks, bodies included; at 100,000 articles that
 * was the largest cost of a related list.
 */
final class Cards {

    static final String FIELD = "card";
    static final Set<String> LONGS = Set.of(ArticleDocument.ID_VALUE, ArticleDocument.VIEWS_VALUE,
            ArticleDocument.PUBLISHED_VALUE);
    static final List<String> FIELDS = List.of(ArticleDocument.ID_VALUE, ArticleDocument.TITLE,
            ArticleDocument.VIEWS_VALUE, ArticleDocument.PUBLISHED_VALUE, ArticleDocument.SAME_DEPARTMENT,
            ArticleDocument.PARENT_DEPARTMENT, ArticleDocument.DEPARTMENT_NAME, ArticleDocument.DISEASE, ArticleDocument.TAG,
            ArticleDocument.REVIEWER, ArticleDocument.REVIEWER_NAME);
    private static final char UNIT = '\u001F';
    private static final char RECORD = '\u001E';

    private final List<LeafReaderContext> leaves;

    Cards(IndexReader reader) {
        this.leaves = reader.leaves();
    }

    /** The card's fields of a stored document, in one value. */
    static BytesRef encode(Document doc) {
        StringBuilder card = new StringBuilder();
        for (String field : FIELDS) {
            for (IndexableField value : doc.getFields(field)) {
                String text = value.numericValue() != null ? value.numericValue().toString() : value.stringValue();
                if (text != null) {
                    card.append(field).append(UNIT).append(text.replace(UNIT, ' ').replace(RECORD, ' ')).append(RECORD);
                }
            }
        }
        return new BytesRef(card.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A document holding the card's fields, readable like the stored one. */
    Document load(int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        BinaryDocValues values = DocValues.getBinary(leaf.reader(), FIELD);
        Document card = new Document();
        if (!values.advanceExact(doc - leaf.docBase)) {
            return card;
        }
        String text = values.binaryValue().utf8ToString();
        int start = 0;
        for (int end = text.indexOf(RECORD); end >= 0; start = end + 1, end = text.indexOf(RECORD, start)) {
            int unit = text.indexOf(UNIT, start);
            String field = text.substring(start, unit);
            String value = text.substring(unit + 1, end);
            card.add(LONGS.contains(field) ? new StoredField(field, Long.parseLong(value)) : new StoredField(field, value));
        }
        return card;
    }
}
