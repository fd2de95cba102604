package com.bohe.content.article.read;

/**
 * What an in-process cache knows of a key, without asking the database: a value ({@link Hit}), that there is none
 * to show ({@link Absent}: a draft, a scheduled article, nothing), or nothing yet ({@link Miss}: ask the store).
 */
public sealed interface Lookup<T> permits Lookup.Hit, Lookup.Absent, Lookup.Miss {

    record Hit<T>(T value) implements Lookup<T> {
    }

    record Absent<T>() implements Lookup<T> {
    }

    record Miss<T>() implements Lookup<T> {
    }

    static <T> Lookup<T> hit(T value) {
        return new Hit<>(value);
    }

    static <T> Lookup<T> absent() {
        return new Absent<>();
    }

    static <T> Lookup<T> miss() {
        return new Miss<>();
    }

    /** A hit for a value, absent for null. */
    static <T> Lookup<T> ofNullable(T value) {
        return value == null ? absent() : hit(value);
    }

    default boolean isMiss() {
        return this instanceof Miss;
    }

    /** The value of a hit, else the fallback. */
    default T orElse(T fallback) {
        return this instanceof Hit<T> hit ? hit.value() : fallback;
    }
}
