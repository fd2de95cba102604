package com.bohe.content.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@OpenAPIDefinition(
        info = @Info(title = "Medical popular-science content API", version = "1.0.0",
                description = "Public, read-only JSON API for 科普文章 (articles), 查疾病 (diseases), 找医生 (doctors), "
                        + "找医院 (hospitals) and departments. Every error is RFC 9457 application/problem+json."),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
public class ApiApplication extends Application {
}
