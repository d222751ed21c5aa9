package io.streamscore.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's SQLite alert table: one row per alert id, entities ranked over all their rules. */
class AlertTableTest {
    @Test
    void entitiesAreRankedByTheirAlertsOverAllRules(@TempDir Path dir) {
        try (AlertTable table = new AlertTable(dir.resolve("alerts.db"))) {
            table.insert("a1", "card_testing", "u-1", "tx-1", 1, "{}");
            table.insert("a2", "likely_fraud", "u-1", "tx-2", 2, "{}");
            table.insert("a3", "likely_fraud", "u-1", "tx-3", 3, "{}");
            table.insert("a4", "likely_fraud", "u-2", "tx-4", 4, "{}");
            table.insert("a5", "card_testing", "u-2", "tx-5", 5, "{}");
            table.insert("a6", "card_testing", "u-3", "tx-6", 6, "{}");
            table.insert("a6", "card_testing", "u-3", "tx-6", 6, "{}");

            assertThat(table.rows()).isEqualTo(6);
            assertThat(table.top(2)).containsExactly(
                    new AlertTable.Entity("u-1", 3, List.of("card_testing", "likely_fraud")),
                    new AlertTable.Entity("u-2", 2, List.of("card_testing", "likely_fraud")));
        }
    }
}
