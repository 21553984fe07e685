package io.jnatsd.jetstream.store;

class MemoryStoreTest extends StreamStoreContract {
    @Override
    protected StreamStore create(StoreLimits limits) {
        return new MemoryStore(limits);
    }
}
