package com.bohe.content.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A bulk import and its progress, in the database so that every instance can answer for it. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    @Id
    public UUID id;

    public String status;

    @Column(name = "lines_read")
    public long linesRead;

    public long created;
    public long updated;
    public long unchanged;
    public long failed;

    /** The first errors, by line. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<ImportStatus.LineError> errors = new ArrayList<>();

    /** Why a whole import failed, e.g. an unreadable body; null otherwise. */
    public String message;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
