package com.bohe.content;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the application, with one setting that must be made before Quarkus starts: its check of request targets
 * is turned off ({@code vertx.disableURIValidation}), because it answers a target that is not a URI (such as
 * {@code ?q=%}) with a bare 400 before any route, where {@link com.bohe.content.api.http.RequestText} answers it with
 * a problem. The test runs and {@code quarkus:dev} set the same property (pom.xml), since they start Quarkus's HTTP layer
 * without this class or before it.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (System.getProperty("vertx.disableURIValidation") == null) {
            System.setProperty("vertx.disableURIValidation", "true");
        }
        Quarkus.run(args);
    }
}
