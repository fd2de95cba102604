package com.bohe.content.search;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The article index's fields, every name in one place, and the document an article becomes. */
final class ArticleDocument {

    /** The version of the document below: a kept index written with another is rebuilt. Raise it with any change. */
    static final int VERSION = 1;

    static final String ID = "id";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String PUBLISHED = "published";
    static final String VIEWS = "views";
    static final String DEPARTMENT = "department";
    static final String SAME_DEPARTMENT = "department_exact";
    static final String PARENT_DEPARTMENT = "department_parent";
    static final String DEPARTMENT_NAME = "department_name";
    static final String DISEASE = "disease";
    static final String DISEASE_NAME = "disease_name";
    static final String REVIEWER = "reviewer";
    static final String REVIEWER_NAME = "reviewer_name";
    static final String TAG = "tag";
    static final String VECTOR = "vector";
    /** The id again, stored (for the card) and as doc values (the tie-break of every ranking). */
    static final String ID_VALUE = "id_value";
    static final String ID_SORT = "id_sort";
    static final String PUBLISHED_VALUE = "published_value";
    static final String VIEWS_VALUE = "views_value";

    private ArticleDocument() {
    }

    /** The document of an article: every field above, and its card (what a hit shows, {@link Cards}). */
    static Document of(IndexedArticle a) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(a.id()), Field.Store.NO));
        doc.add(new StoredField(ID_VALUE, a.id()));
        doc.add(new NumericDocValuesField(ID_SORT, a.id()));
        doc.add(new TextField(TITLE, a.title(), Field.Store.YES));
        doc.add(new TextField(BODY, a.body(), Field.Store.YES));
        long published = a.publishedAt().toEpochMilli();
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED, published));
        doc.add(new StoredField(PUBLISHED_VALUE, published));
        doc.add(new NumericDocValuesField(VIEWS, a.viewCount()));
        doc.add(new StoredField(VIEWS_VALUE, a.viewCount()));
        if (a.departmentId() != null) {
            addRef(doc, DEPARTMENT, a.departmentId(), a.departmentSlug());
            doc.add(new StringField(SAME_DEPARTMENT, Long.toString(a.departmentId()), Field.Store.YES));
            doc.add(new StoredField(DEPARTMENT_NAME, a.departmentName()));
        }
        if (a.parentDepartmentId() != null) {
            addRef(doc, DEPARTMENT, a.parentDepartmentId(), a.parentDepartmentSlug());
            doc.add(new StringField(PARENT_DEPARTMENT, Long.toString(a.parentDepartmentId()), Field.Store.YES));
        }
        for (IndexedArticle.Ref disease : a.diseases()) {
            addRef(doc, DISEASE, disease.id(), disease.slug());
            doc.add(new StoredField(DISEASE_NAME, disease.id() + "|" + disease.name()));
        }
        if (a.reviewer() != null) {
            addRef(doc, REVIEWER, a.reviewer().id(), a.reviewer().slug());
            doc.add(new StoredField(REVIEWER_NAME, a.reviewer().name()));
        }
        for (String tag : a.tags()) {
            doc.add(new StringField(TAG, tag, Field.Store.YES));
        }
        if (a.vector() != null) {
            doc.add(new KnnFloatVectorField(VECTOR, a.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        doc.add(new BinaryDocValuesField(Cards.FIELD, Cards.encode(doc)));
        return doc;
    }

    /** A reference is findable by id ("id:12") and by slug ("slug:mian-tan"). */
    private static void addRef(Document doc, String field, long id, String slug) {
        doc.add(new StringField(field, "id:" + id, Field.Store.YES));
        if (slug != null) {
            doc.add(new StringField(field, "slug:" + slug, Field.Store.NO));
        }
    }
}
