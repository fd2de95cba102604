package com.bohe.content.database;

/** Fired once the database schema is migrated: at start, or later when the database was away at start. */
public record SchemaReady() {
}
