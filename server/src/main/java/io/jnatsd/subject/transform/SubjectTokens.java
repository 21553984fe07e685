package io.jnatsd.subject.transform;

import java.util.Arrays;

/** Where each '.'-separated token of one subject starts and ends; reused per thread, so tokenizing allocates nothing. */
final class SubjectTokens {
    byte[] subject;
    int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    SubjectTokens reset(byte[] b, int off, int len) {
        subject = b;
        count = 0;
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '.') {
                add(start, i);
                start = i + 1;
            }
        }
        add(start, end);
        return this;
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int start(int token) {
        return starts[token];
    }

    int end(int token) {
        return ends[token];
    }

    int length(int token) {
        return ends[token] - starts[token];
    }
}
