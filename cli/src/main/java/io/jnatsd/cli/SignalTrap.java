package io.jnatsd.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Catches the signals nats-server acts on: INT and TERM (stop, exit code 0 like nats-server, where a plain
 * shutdown hook would exit 130 / 143), HUP (reload), USR1 (reopen the log file), USR2 (lame duck), QUIT (stop).
 * sun.misc.Signal (module jdk.unsupported) is reached reflectively: it is the only signal API of the JDK, and
 * referencing it directly draws an unsuppressible compiler warning.
 * Limitations: HotSpot keeps SIGQUIT for its thread dumps, so QUIT is only trapped when the JVM runs with -Xrs;
 * a signal ignored when the JVM started (SIGINT for a background job of a non-interactive shell, or under nohup)
 * stays ignored, unlike Go, the JVM refuses to take it over.
 */
final class SignalTrap {
    /** JVM signal name to the name Go prints ({@code Trapped "hangup" signal}), in installation order. */
    static final Map<String, String> GO_NAMES = new LinkedHashMap<>();

    static {
        GO_NAMES.put("INT", "interrupt");
        GO_NAMES.put("TERM", "terminated");
        GO_NAMES.put("QUIT", "quit");
        GO_NAMES.put("HUP", "hangup");
        GO_NAMES.put("USR1", "user defined signal 1");
        GO_NAMES.put("USR2", "user defined signal 2");
    }

    private SignalTrap() {
    }

    /**
     * Installs {@code onSignal} (called with the Go signal name) for every signal of {@link #GO_NAMES} the JVM lets
     * us have; false if INT and TERM could not be trapped (the shutdown hook then has to do).
     */
    static boolean install(Consumer<String> onSignal) {
        Method handle;
        Class<?> signalClass;
        Class<?> handlerClass;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false; // a JVM without jdk.unsupported
        }
        boolean stopTrapped = true;
        for (Map.Entry<String, String> entry : GO_NAMES.entrySet()) {
            String goName = entry.getValue();
            try {
                InvocationHandler invocation = (proxy, method, args) -> dispatch(proxy, method, args, onSignal, goName);
                Object handler = Proxy.newProxyInstance(SignalTrap.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, invocation);
                Object signal = signalClass.getConstructor(String.class).newInstance(entry.getKey());
                handle.invoke(null, signal, handler);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // Each signal on its own: QUIT is refused by HotSpot without -Xrs, the others still work.
                if (entry.getKey().equals("INT") || entry.getKey().equals("TERM")) {
                    stopTrapped = false;
                }
            }
        }
        return stopTrapped;
    }

    private static Object dispatch(Object proxy, Method method, Object[] args, Consumer<String> onSignal,
                                   String goName) {
        switch (method.getName()) {
            case "handle":
                onSignal.accept(goName);
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return "SignalTrap[" + goName + "]";
        }
    }
}
