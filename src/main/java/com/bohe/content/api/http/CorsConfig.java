package com.bohe.content.api.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which web origins may call the API from a browser. */
@ConfigMapping(prefix = "content.cors")
public interface CorsConfig {

    /** Origins that may read (GET, HEAD, and recording a view): {@code *} for any, or a comma-separated list. */
    @WithDefault("*")
    List<String> readOrigins();

    /** Origins that may also write (POST, PUT, PATCH, DELETE), e.g. an editorial frontend; none by default. */
    Optional<List<String>> writeOrigins();

    /** How long a browser may keep a preflight's answer, in seconds. */
    @WithDefault("600")
    int maxAge();
}
