package io.streamscore.flink.sink;

import java.lang.reflect.Field;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the admin client that flink-connector-kafka 5.0.0's {@code ExactlyOnceKafkaWriter} creates and never closes.
 *
 * <p>The writer opens an {@code AdminClient} on first use (to list the open transactions of its transactional-id
 * pool, which {@code TransactionNamingStrategy.POOLING} uses, and for lineage) and keeps it in a private field that its
 * {@code close()} leaves alone. Each closed writer, so each job restart on a TaskManager, left a
 * {@code kafka-admin-client-thread} with its broker connections and metadata refreshes running; after its broker went
 * away it reconnected for ever, and in CI its requests reached whatever had bound the old port since (a Flink blob
 * server logging "PUT operation failed"). Reflection on the connector's private field: when a later connector
 * renames it or closes it itself, this does nothing, and {@code SinkAdminClientsITCase} says whether threads leak.
 * A writer that a cancellation interrupts while it starts is never closed by Flink, and its client still leaks (seen
 * when a job was stopped the moment it was running); a job stopped or restarted after its start leaves none.
 */
final class WriterAdminClient {
    private static final Logger LOG = LoggerFactory.getLogger(WriterAdminClient.class);
    static final String FIELD = "adminClient";
    /** Nothing should be pending when the writer has closed; a bound so that a lost broker cannot hold a close up. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private WriterAdminClient() {}

    /** Closes {@code writer}'s admin client, if it has one open; never throws. */
    static void close(Object writer) {
        try {
            Field field = field(writer.getClass());
            if (field == null) {
                return;
            }
            field.setAccessible(true);
            if (field.get(writer) instanceof Admin admin) {
                field.set(writer, null);
                admin.close(CLOSE_TIMEOUT);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not close the Kafka sink writer's admin client: {}", e.toString());
        }
    }

    private static Field field(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(FIELD);
            } catch (NoSuchFieldException e) {
                // not declared here: look further up
            }
        }
        return null;
    }
}
