package com.bohe.content.files;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An uploaded picture's metadata; its bytes are in the {@link FileStore}. */
@Entity
@Table(name = "file")
public class StoredFile extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "storage_key", updatable = false)
    public String storageKey;
    @Column(updatable = false)
    public String type;
    /** As shown, after the EXIF orientation. */
    @Column(updatable = false)
    public int width;
    @Column(updatable = false)
    public int height;
    @Column(updatable = false)
    public long bytes;
    @Column(updatable = false)
    public String sha256;
    @Column(updatable = false)
    public int orientation;
    public String filename;
    public String title;
    public String alt;
    @Column(updatable = false)
    public String blurhash;
    @Column(name = "dominant_color", updatable = false)
    public String dominantColor;
    @Column(name = "created_by", updatable = false)
    public String createdBy;
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
