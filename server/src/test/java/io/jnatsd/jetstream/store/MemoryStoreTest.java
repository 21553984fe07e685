package io.jnatsd.jetstream.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract on memory, plus what only memory does: nothing outlives the store. */
class MemoryStoreTest extends StreamStoreContract {
    @Override
    protected StreamStore create(StoreLimits limits) {
        return new MemoryStore(limits);
    }

    @Test
    void aNewMemoryStoreStartsEmpty() {
        StreamStore first = open(StoreLimits.NONE);
        put(first, "a", "gone after close");
        first.close();
        StreamStore second = open(StoreLimits.NONE);
        assertThat(second.state().lastSeq()).isZero();
        assertThat(second.load(1)).isNull();
    }
}
