package com.bohe.content.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.bohe.content.api.caching.SurrogateKeys;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.ContentWritten;

/** The event types, what a subscription may name, and which event a write makes. */
final class WebhookEvents {

    static final String IMPORT_FINISHED = "import.finished";
    static final String PING = "webhook.ping";
    static final Set<String> FILE = Set.of("file.created", "file.updated", "file.deleted");

    static final Set<String> ARTICLE = Set.of("article.published", "article.updated", "article.unpublished",
            "article.deleted");

    static final String LIST = "article.published, article.updated, article.unpublished, article.deleted, "
            + "disease.changed, disease.deleted, doctor.changed, doctor.deleted, hospital.changed, hospital.deleted, "
            + "department.changed, department.deleted, file.created, file.updated, file.deleted, import.finished";

    private WebhookEvents() {
    }

    /** Whether a subscription may name this: a type, a kind's every type ("article.*"), or "*". */
    static boolean subscribable(String name) {
        if (name.equals("*") || name.equals(IMPORT_FINISHED) || ARTICLE.contains(name) || FILE.contains(name)
                || name.equals("file.*")) {
            return true;
        }
        for (ContentKind kind : ContentKind.values()) {
            if (name.equals(kind.key() + ".*")
                    || (kind != ContentKind.ARTICLE && (name.equals(kind.key() + ".changed") || name.equals(kind.key() + ".deleted")))) {
                return true;
            }
        }
        return name.equals("import.*");
    }

    /**
     * The event of a write; null when readers without a token saw nothing of it (a draft article that stays one).
     * An article goes public (published), changes while public (updated), leaves (unpublished) or goes (deleted);
     * the other kinds are changed (created or updated) or deleted.
     */
    static String typeOf(ContentWritten w) {
        String kind = w.kind().key();
        if (w.deleted()) {
            return w.kind() == ContentKind.ARTICLE && !w.wasPublic() ? null : kind + ".deleted";
        }
        if (w.kind() != ContentKind.ARTICLE) {
            return kind + ".changed";
        }
        if (w.isPublic()) {
            return w.wasPublic() ? "article.updated" : "article.published";
        }
        return w.wasPublic() ? "article.unpublished" : null;
    }

    /**
     * What a CDN purges for a write: the resource's key (its detail and every list or detail that shows it carry
     * it), and its kind's lists when it joined or left them.
     */
    static List<String> surrogateKeys(ContentWritten w) {
        List<String> keys = new ArrayList<>();
        keys.add(SurrogateKeys.of(w.kind().key(), w.id()));
        if (w.wasPublic() != w.isPublic()) {
            keys.add(SurrogateKeys.list(w.kind().key()));
        }
        return keys;
    }
}
