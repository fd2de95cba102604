package com.bohe.content.views;

import java.io.Serializable;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Views of one article on one day, written only by the {@link ViewAggregator}'s flush; read for popular lists. */
@Entity
@Table(name = "article_view_day")
@IdClass(ArticleViewDay.Key.class)
public class ArticleViewDay extends PanacheEntityBase {

    @Id
    @Column(name = "article_id")
    public long articleId;

    @Id
    public LocalDate day;

    public long views;

    public record Key(long articleId, LocalDate day) implements Serializable {
    }
}
