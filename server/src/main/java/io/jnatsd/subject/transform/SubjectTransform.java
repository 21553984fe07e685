package io.jnatsd.subject.transform;

import io.jnatsd.subject.SubjectValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled (source, destination) pair of a subject mapping, with nats-server 2.9.10's rules. The source may have
 * {@code *} and {@code >} wildcards; the destination refers to the source's {@code *} tokens with {@code $n} or
 * mustache functions ({@code {{wildcard(n)}}}, {@code {{partition(count,n...)}}}, {@code {{split(n,delim)}}},
 * {@code {{splitFromLeft(n,pos)}}}, {@code {{splitFromRight(n,pos)}}}, {@code {{sliceFromLeft(n,size)}}},
 * {@code {{sliceFromRight(n,size)}}}) and ends in {@code >} exactly when the source does. A destination for a
 * source without wildcards is used as written. Immutable and thread-safe; {@link #apply} allocates only its result.
 */
public final class SubjectTransform {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final String source;
    private final String destination;
    private final SourcePattern pattern;
    /** Null when the destination is used as written. */
    private final DestinationToken[] tokens;
    private final byte[] constant;

    private SubjectTransform(String source, String destination, SourcePattern pattern, DestinationToken[] tokens) {
        this.source = source;
        this.destination = destination;
        this.pattern = pattern;
        this.tokens = tokens;
        this.constant = destination.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Compiles a mapping of {@code source} to {@code destination}, checking both as nats-server does when it adds
     * a mapping.
     *
     * @throws InvalidMappingException with nats-server's error text
     */
    public static SubjectTransform compile(String source, String destination) {
        DestinationCheck.check(destination);
        if (!SubjectValidator.isValidSubject(source) || !DestinationCheck.isUsableSubject(destination)
                || DestinationCheck.endsWithTail(source) != DestinationCheck.endsWithTail(destination)) {
            throw InvalidMappingException.badSubject();
        }
        SourcePattern pattern = SourcePattern.of(source);
        String[] destTokens = destination.split("\\.", -1);
        if (pattern.wildcards() == 0 && !pattern.hasTail()) {
            return new SubjectTransform(source, destination, pattern, null);
        }
        return new SubjectTransform(source, destination, pattern, resolve(pattern, destination, destTokens));
    }

    private static DestinationToken[] resolve(SourcePattern pattern, String destination, String[] destTokens) {
        // Position in the source of the n-th '*' (1-based); a missing n (0, negative) means the first token, as
        // nats-server's map lookup defaults to 0.
        Map<Integer, Integer> positions = new HashMap<>(); // n -> token position
        for (int n = 1; n <= pattern.wildcards(); n++) {
            positions.put(n, pattern.wildcardPosition(n));
        }
        List<DestinationToken> out = new ArrayList<>();
        int used = 0;
        for (String token : destTokens) {
            Placeholder p = Placeholder.read(token);
            if (p.isLiteral()) {
                out.add(token.equals(">") ? new DestinationToken.Tail(pattern.tokenCount() - 1)
                        : new DestinationToken.Literal(token.getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            used += p.wildcards().length;
            int[] sources = new int[p.wildcards().length];
            for (int i = 0; i < sources.length; i++) {
                long n = p.wildcards()[i];
                if (n > pattern.wildcards()) {
                    throw InvalidMappingException.destination("wildcard index out of range", token + ": [" + n + "]");
                }
                sources[i] = n < 1 ? 0 : positions.get((int) n);
            }
            out.add(switch (p.function()) {
                case WILDCARD -> new DestinationToken.Wildcard(sources[0]);
                case PARTITION -> new DestinationToken.Partition(p.number(), sources);
                case SPLIT -> new DestinationToken.Split(sources[0], p.text().getBytes(StandardCharsets.UTF_8));
                case SPLIT_FROM_LEFT -> new DestinationToken.SplitFromLeft(sources[0], p.number());
                case SPLIT_FROM_RIGHT -> new DestinationToken.SplitFromRight(sources[0], p.number());
                case SLICE_FROM_LEFT -> new DestinationToken.SliceFromLeft(sources[0], p.number());
                case SLICE_FROM_RIGHT -> new DestinationToken.SliceFromRight(sources[0], p.number());
            });
        }
        if (used < pattern.wildcards()) {
            throw InvalidMappingException.destination("not using all of the token wildcard(s)", destination);
        }
        return out.toArray(new DestinationToken[0]);
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    /** True when the published (literal, valid) subject matches the source. */
    public boolean matches(byte[] subject, int off, int len) {
        return pattern.matches(SCRATCH.get().tokens.reset(subject, off, len));
    }

    /** The transformed subject, or null when {@code subject} does not match the source. */
    public byte[] apply(byte[] subject, int off, int len) {
        Scratch s = SCRATCH.get();
        SubjectTokens in = s.tokens.reset(subject, off, len);
        return pattern.matches(in) ? transform(in, s.out) : null;
    }

    /** {@link #apply(byte[], int, int)} on a String subject. */
    public String apply(String subject) {
        byte[] b = subject.getBytes(StandardCharsets.UTF_8);
        byte[] r = apply(b, 0, b.length);
        return r == null ? null : new String(r, StandardCharsets.UTF_8);
    }

    boolean matches(SubjectTokens in) {
        return pattern.matches(in);
    }

    /** Writes the destination for an already matched subject. */
    byte[] transform(SubjectTokens in, SubjectBytes out) {
        if (tokens == null) {
            return constant.clone();
        }
        out.clear();
        for (int i = 0; i < tokens.length; i++) {
            if (i > 0) {
                out.dot();
            }
            tokens[i].write(in, out);
        }
        return out.toArray();
    }

    static Scratch scratch() {
        return SCRATCH.get();
    }

    @Override
    public String toString() {
        return source + " -> " + destination;
    }

    /** Per-thread buffers of the apply path. */
    static final class Scratch {
        final SubjectTokens tokens = new SubjectTokens();
        final SubjectBytes out = new SubjectBytes();
    }
}
