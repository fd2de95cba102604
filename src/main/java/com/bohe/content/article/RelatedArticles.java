package com.bohe.content.article;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 相关推荐 list of an article, best first. */
@Schema(name = "RelatedArticles")
public record RelatedArticles(@Schema(required = true) List<RelatedArticle> items) {
}
