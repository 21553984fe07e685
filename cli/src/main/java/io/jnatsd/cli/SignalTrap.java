package io.jnatsd.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Catches SIGINT and SIGTERM so that a stop is a clean shutdown with exit code 0, like nats-server on SIGINT.
 * A plain shutdown hook would also close the server, but the JVM would then exit 130 / 143.
 * sun.misc.Signal (module jdk.unsupported) is reached reflectively: it is the only signal API of the JDK, and
 * referencing it directly draws an unsuppressible compiler warning.
 * Limitation: a signal ignored when the JVM started (SIGINT for a background job of a non-interactive shell, or
 * under nohup) stays ignored; unlike Go, the JVM refuses to take it over. SIGTERM is unaffected.
 */
final class SignalTrap {
    /** JVM signal name to the name Go prints ({@code Trapped "interrupt" signal}). */
    private static final Map<String, String> GO_NAMES = Map.of("INT", "interrupt", "TERM", "terminated");

    private SignalTrap() {
    }

    /** Installs {@code onSignal} (called with the Go signal name) for INT and TERM; false if unavailable. */
    static boolean install(Consumer<String> onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (Map.Entry<String, String> entry : GO_NAMES.entrySet()) {
                String goName = entry.getValue();
                InvocationHandler invocation = (proxy, method, args) -> dispatch(proxy, method, args, onSignal, goName);
                Object handler = Proxy.newProxyInstance(SignalTrap.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, invocation);
                Object signal = signalClass.getConstructor(String.class).newInstance(entry.getKey());
                handle.invoke(null, signal, handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // e.g. -Xrs, or a JVM without jdk.unsupported: the shutdown hook still closes the server.
            return false;
        }
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
