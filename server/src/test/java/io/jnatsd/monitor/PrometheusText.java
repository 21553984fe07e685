package io.jnatsd.monitor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), written for the tests: every sample
 * line must parse, and its metric must have been introduced by HELP and TYPE lines before it. Any deviation throws,
 * so a test that reads a scrape through it also checks the format.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** metric name to its TYPE */
    final Map<String, String> types = new HashMap<>();
    final Map<String, String> help = new HashMap<>();
    /** "name{label=value,...}" (labels in written order) to value */
    final Map<String, Double> samples = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        Set<String> seenSeries = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new AssertionError("exposition must end with a newline");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String l = lines[i];
            Matcher m;
            if ((m = HELP.matcher(l)).matches()) {
                if (p.help.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("second HELP for " + m.group(1));
                }
            } else if ((m = TYPE.matcher(l)).matches()) {
                if (!p.help.containsKey(m.group(1)) || p.types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("TYPE without HELP before it, or twice: " + l);
                }
            } else if ((m = SAMPLE.matcher(l)).matches()) {
                String name = m.group(1);
                if (!p.types.containsKey(name)) {
                    throw new AssertionError("sample before its TYPE line: " + l);
                }
                StringBuilder key = new StringBuilder(name).append('{');
                if (m.group(2) != null) {
                    Matcher lm = LABEL.matcher(m.group(2));
                    String sep = "";
                    while (lm.find()) {
                        key.append(sep).append(lm.group(1)).append('=').append(lm.group(2));
                        sep = ",";
                    }
                }
                key.append('}');
                if (!seenSeries.add(key.toString())) {
                    throw new AssertionError("series written twice: " + key);
                }
                p.samples.put(key.toString(), Double.parseDouble(m.group(3)));
            } else if (!l.isEmpty()) {
                throw new AssertionError("line " + (i + 1) + " is not valid exposition format: " + l);
            }
        }
        return p;
    }

    /** The one sample of a metric whose labels are exactly {@code labels}, as written ("account=$G,server_id=X"). */
    double value(String name, String labels) {
        Double v = samples.get(name + "{" + labels + "}");
        if (v == null) {
            throw new AssertionError("no sample " + name + "{" + labels + "} in " + samples.keySet());
        }
        return v;
    }
}
