package io.streamscore.cli.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The exceptions logged in this JVM while it is open (at the levels the test logging lets through, WARN and up for
 * Flink), each as the messages of its cause chain joined: what a user of {@code streamscore run} reads in the
 * console when a task fails, e.g. a sink that cannot open its database. Also the warnings' messages, which tell a
 * user what a run gives up (the state {@code --allow-non-restored-state} drops).
 */
public final class LoggedFailures implements AutoCloseable {
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LogManager.getRootLogger();
    private final AbstractAppender appender = new AbstractAppender("logged-failures", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            if (event.getThrown() != null) {
                failures.add(messages(event.getThrown()));
            }
            if (event.getLevel() == Level.WARN) {
                warnings.add(event.getMessage().getFormattedMessage());
            }
        }
    };

    private LoggedFailures() {}

    /** Starts collecting. */
    public static LoggedFailures capture() {
        LoggedFailures captured = new LoggedFailures();
        captured.appender.start();
        captured.root.addAppender(captured.appender);
        return captured;
    }

    /** The failures logged so far, each its cause chain's messages. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The messages logged at WARN so far, their arguments filled in. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static String messages(Throwable thrown) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            chain.append(cause).append('\n');
        }
        return chain.toString();
    }

    @Override
    public void close() {
        root.removeAppender(appender);
        appender.stop();
    }
}
