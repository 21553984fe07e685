package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfBool;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;

/**
 * Typed reads of parsed values. A value of the wrong type is refused with the message nats-server prints for it,
 * which is Go's type assertion failure ("interface conversion: interface {} is string, not int64").
 */
final class Values {
    private Values() {
    }

    static String string(ConfValue v) {
        if (v instanceof ConfString s) {
            return s.value();
        }
        throw wrongType(v, "string");
    }

    static long integer(ConfValue v) {
        if (v instanceof ConfInteger i) {
            return i.value();
        }
        throw wrongType(v, "int64");
    }

    /** An integer option held as a Java int: out-of-range values saturate, so validation still sees them as bad. */
    static int intValue(ConfValue v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, integer(v)));
    }

    static boolean bool(ConfValue v) {
        if (v instanceof ConfBool b) {
            return b.value();
        }
        throw wrongType(v, "bool");
    }

    static ConfMap map(ConfValue v) {
        if (v instanceof ConfMap m) {
            return m;
        }
        throw wrongType(v, "map[string]interface {}");
    }

    static ConfArray array(ConfValue v) {
        if (v instanceof ConfArray a) {
            return a;
        }
        throw wrongType(v, "[]interface {}");
    }

    static WrongValue wrongType(ConfValue v, String wanted) {
        return new WrongValue("interface conversion: interface {} is " + v.goTypeName() + ", not " + wanted);
    }
}
