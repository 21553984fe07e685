package io.jnatsd.jetstream.store;

/**
 * What a segment's records say, one call per record in file order, whether they come from the segment file
 * ({@link RecordScanner}) or from its index ({@link SegmentIndexFile}). {@code at} is the record's offset in the
 * segment file and {@code length} its whole length (frame included).
 */
interface RecordVisitor {
    void message(long at, int length, long seq, String subject, int size, long time);

    void delete(long at, int length, long seq, long lastTime);

    void purge(long at, int length, long nextSeq, long lastTime);

    void erased(long at, int length, long seq);

    void unknown(long at, int length, byte type);

    /** This visitor, then {@code next}, for each record. */
    default RecordVisitor andThen(RecordVisitor next) {
        RecordVisitor first = this;
        return new RecordVisitor() {
            @Override
            public void message(long at, int length, long seq, String subject, int size, long time) {
                first.message(at, length, seq, subject, size, time);
                next.message(at, length, seq, subject, size, time);
            }

            @Override
            public void delete(long at, int length, long seq, long lastTime) {
                first.delete(at, length, seq, lastTime);
                next.delete(at, length, seq, lastTime);
            }

            @Override
            public void purge(long at, int length, long nextSeq, long lastTime) {
                first.purge(at, length, nextSeq, lastTime);
                next.purge(at, length, nextSeq, lastTime);
            }

            @Override
            public void erased(long at, int length, long seq) {
                first.erased(at, length, seq);
                next.erased(at, length, seq);
            }

            @Override
            public void unknown(long at, int length, byte type) {
                first.unknown(at, length, type);
                next.unknown(at, length, type);
            }
        };
    }
}
