package io.jnatsd.subject.transform;

/**
 * One token of a compiled destination: a literal, a published token copied as is ({@code $n},
 * {@code {{wildcard(n)}}}), one of the mapping functions, or the tail after a {@code >}. Source token positions
 * are resolved at compile time; writing allocates nothing. The functions behave as nats-server 2.9.10's (byte
 * based, tokens too short to split or slice are written unchanged).
 */
sealed interface DestinationToken {

    void write(SubjectTokens in, SubjectBytes out);

    /** A literal token of the destination. */
    record Literal(byte[] text) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            out.write(text, 0, text.length);
        }
    }

    /** {@code $n} and {@code {{wildcard(n)}}}: the published token at a source wildcard's position. */
    record Wildcard(int source) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            out.write(in.subject, in.start(source), in.end(source));
        }
    }

    /** {@code >}: the published tokens from the source's '>' on, joined by '.'. */
    record Tail(int from) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            for (int i = from; i < in.count; i++) {
                if (i > from) {
                    out.dot();
                }
                out.write(in.subject, in.start(i), in.end(i));
            }
        }
    }

    /**
     * {@code {{partition(count, n...)}}}: FNV-1a of the selected tokens concatenated, modulo count (both taken as
     * unsigned 32-bit numbers, as Go does), in decimal.
     */
    record Partition(int count, int[] sources) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            int h = Fnv1a.OFFSET_BASIS;
            for (int s : sources) {
                h = Fnv1a.update(h, in.subject, in.start(s), in.end(s));
            }
            out.writeUnsigned(Integer.remainderUnsigned(h, count));
        }
    }

    /** {@code {{splitFromLeft(n, pos)}}}: the token cut in two after {@code pos} bytes. */
    record SplitFromLeft(int source, int position) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            int start = in.start(source);
            int end = in.end(source);
            int len = end - start;
            if (position > 0 && position < len) {
                out.write(in.subject, start, start + position);
                out.dot();
                out.write(in.subject, start + position, end);
            } else {
                out.write(in.subject, start, end);
            }
        }
    }

    /** {@code {{splitFromRight(n, pos)}}}: the token cut in two {@code pos} bytes before its end. */
    record SplitFromRight(int source, int position) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            int start = in.start(source);
            int end = in.end(source);
            int len = end - start;
            if (position > 0 && position < len) {
                out.write(in.subject, start, end - position);
                out.dot();
                out.write(in.subject, end - position, end);
            } else {
                out.write(in.subject, start, end);
            }
        }
    }

    /** {@code {{sliceFromLeft(n, size)}}}: the token in pieces of {@code size} bytes from the left; the rest last. */
    record SliceFromLeft(int source, int size) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            int start = in.start(source);
            int end = in.end(source);
            int len = end - start;
            if (size <= 0 || size >= len) {
                out.write(in.subject, start, end);
                return;
            }
            for (int i = 0; i + size <= len; i += size) {
                if (i != 0) {
                    out.dot();
                }
                out.write(in.subject, start + i, start + i + size);
                if (i + size != len && i + 2 * size > len) {
                    out.dot();
                    out.write(in.subject, start + i + size, end);
                    break;
                }
            }
        }
    }

    /** {@code {{sliceFromRight(n, size)}}}: pieces of {@code size} bytes counted from the right; the rest first. */
    record SliceFromRight(int source, int size) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            int start = in.start(source);
            int end = in.end(source);
            int len = end - start;
            if (size <= 0 || size >= len) {
                out.write(in.subject, start, end);
                return;
            }
            int remainder = len % size;
            if (remainder > 0) {
                out.write(in.subject, start, start + remainder);
                out.dot();
            }
            for (int i = remainder; i + size <= len; i += size) {
                out.write(in.subject, start + i, start + i + size);
                if (i + size < len) {
                    out.dot();
                }
            }
        }
    }

    /**
     * {@code {{split(n, delimiter)}}}: the token split at each delimiter, empty pieces dropped, joined by '.'. The
     * dot rules are nats-server's, including its quirk that empty pieces in the middle can leave an empty token.
     * An empty delimiter splits after every UTF-8 character, as Go's strings.Split does.
     */
    record Split(int source, byte[] delimiter) implements DestinationToken {
        @Override
        public void write(SubjectTokens in, SubjectBytes out) {
            int start = in.start(source);
            int end = in.end(source);
            int piece = start;
            for (int j = 0; ; j++) {
                int pieceEnd = pieceEnd(in.subject, piece, end);
                if (pieceEnd > piece) {
                    out.write(in.subject, piece, pieceEnd);
                }
                if (pieceEnd == end) {
                    return;
                }
                int next = pieceEnd + delimiter.length;
                boolean nextEmpty = pieceEnd(in.subject, next, end) == next;
                if (!nextEmpty && !(j == 0 && pieceEnd == piece)) {
                    out.dot();
                }
                piece = next;
            }
        }

        /** End of the piece starting at {@code from}: the next delimiter, or {@code end}. */
        private int pieceEnd(byte[] b, int from, int end) {
            if (delimiter.length == 0) {
                return Math.min(end, from + utf8Length(b[from]));
            }
            for (int i = from; i + delimiter.length <= end; i++) {
                if (startsWith(b, i)) {
                    return i;
                }
            }
            return end;
        }

        private boolean startsWith(byte[] b, int at) {
            for (int k = 0; k < delimiter.length; k++) {
                if (b[at + k] != delimiter[k]) {
                    return false;
                }
            }
            return true;
        }

        private static int utf8Length(byte lead) {
            int b = lead & 0xff;
            if (b >= 0xf0 && b < 0xf8) {
                return 4;
            }
            if (b >= 0xe0) {
                return b < 0xf0 ? 3 : 1;
            }
            return b >= 0xc2 ? 2 : 1;
        }
    }
}
