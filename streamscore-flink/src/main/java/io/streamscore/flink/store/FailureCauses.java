package io.streamscore.flink.store;

/** Reading a connection failure's cause chain, for the messages that name the store field to fix. */
public final class FailureCauses {
    private FailureCauses() {}

    /** Whether the failure or any of its causes is a {@code type}. */
    public static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The message of the innermost cause (its class name when it has none). */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
