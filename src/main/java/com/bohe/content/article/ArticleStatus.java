package com.bohe.content.article;

/** Lower-case constants, because these are the values on the wire and in the database. */
public enum ArticleStatus {
    draft,
    published
}
