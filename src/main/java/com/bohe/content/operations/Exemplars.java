package com.bohe.content.operations;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.micrometer.runtime.export.exemplars.OpentelemetryExemplarSamplerProvider;

/**
 * Exemplars (the trace id of a sampled request beside a histogram bucket) only while tracing is on. Quarkus installs
 * its exemplar sampler whenever OpenTelemetry is present, and it looks up the current span on every timer record,
 * although with the SDK off (OTEL_SDK_DISABLED=true, the default here) there is never a span to link.
 */
@Singleton
@IfBuildProperty(name = "quarkus.micrometer.enabled", stringValue = "true", enableIfMissing = true)
public class Exemplars {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> exemplarSampler(@ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        return tracingOff ? Optional.empty() : new OpentelemetryExemplarSamplerProvider().exemplarSampler();
    }
}
