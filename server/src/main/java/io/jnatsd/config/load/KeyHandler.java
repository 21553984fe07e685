package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfEntry;

/** Applies one config-file key to the options being loaded. */
@FunctionalInterface
interface KeyHandler {
    void apply(ConfEntry entry, LoadContext context);
}
