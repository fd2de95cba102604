package com.bohe.content.importing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "content.demo")
public interface DemoConfig {

    /** Load the demo content at startup when the database holds no content. Off unless set; on in dev mode. */
    @WithDefault("false")
    boolean load();
}
