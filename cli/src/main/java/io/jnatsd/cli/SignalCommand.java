package io.jnatsd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --signal <cmd>[=<pid|pidfile>]}: sends a running server the signal nats-server sends for that command.
 * Without a pid, the single running jnatsd process is the target, as nats-server finds its own with pgrep.
 * The JDK can only send TERM and KILL itself, so the others go through the system's kill(1).
 */
final class SignalCommand {
    /** nats-server's mapping: note that "stop" kills (SIGKILL) and "quit" interrupts (SIGINT). */
    static final Map<String, String> SIGNALS = Map.of(
            "stop", "KILL",
            "quit", "INT",
            "term", "TERM",
            "reopen", "USR1",
            "reload", "HUP",
            "ldm", "USR2");

    /** The launcher's main class: what a jnatsd process's command line has in it. */
    static final String MAIN_CLASS = Main.class.getName();

    /** What went wrong, in nats-server's words (without the program name in front). */
    static final class SignalException extends Exception {
        private static final long serialVersionUID = 1L;

        SignalException(String message) {
            super(message);
        }
    }

    private SignalCommand() {
    }

    /** Sends the signal; throws with the message to print when it cannot. */
    static void send(String argument) throws SignalException {
        int eq = argument.indexOf('=');
        String command = eq < 0 ? argument : argument.substring(0, eq);
        String target = eq < 0 ? "" : argument.substring(eq + 1);
        String signal = SIGNALS.get(command.toLowerCase(Locale.ROOT));
        if (signal == null) {
            throw new SignalException("unknown signal \"" + command + "\"");
        }
        long pid = target.isEmpty() ? findSingleProcess() : resolvePid(target);
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new SignalException("no such process");
        }
        kill(signal, pid);
    }

    /** A number is a pid; anything else is a pid file, whose content must be a number. */
    static long resolvePid(String target) throws SignalException {
        Optional<Long> direct = parsePid(target);
        if (direct.isPresent()) {
            return direct.get();
        }
        if (!Files.isRegularFile(Path.of(target))) {
            throw new SignalException("invalid pid: " + target);
        }
        String content;
        try {
            content = Files.readString(Path.of(target), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SignalException("invalid pid: " + target);
        }
        // nats-server prints the file's content as it is, newline and all, when it is not a number.
        return parsePid(content).orElseThrow(() -> new SignalException("invalid pid: " + content));
    }

    private static Optional<Long> parsePid(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long findSingleProcess() throws SignalException {
        long self = ProcessHandle.current().pid();
        List<Long> pids = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && isJnatsd(p))
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
        if (pids.isEmpty()) {
            throw new SignalException("no " + Launcher.EXE + " processes running");
        }
        if (pids.size() > 1) {
            StringBuilder message = new StringBuilder("multiple " + Launcher.EXE + " processes running:");
            pids.forEach(p -> message.append('\n').append(p));
            throw new SignalException(message.toString());
        }
        return pids.get(0);
    }

    private static boolean isJnatsd(ProcessHandle p) {
        return p.info().arguments().map(args -> List.of(args).contains(MAIN_CLASS)).orElse(false);
    }

    private static void kill(String signal, long pid) throws SignalException {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (kill.waitFor() != 0) {
                throw new SignalException(output.isEmpty() ? "no such process" : output);
            }
        } catch (IOException e) {
            throw new SignalException("cannot run kill: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalException("interrupted");
        }
    }
}
