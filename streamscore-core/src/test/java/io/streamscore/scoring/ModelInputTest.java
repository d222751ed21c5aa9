package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInputTest {
    private final EventSchema transaction = EventSchema.builtIn("transaction");

    @Test
    void inputsComeFromFeatureColumnsThenNumericFieldsElseMissing() {
        ModelInput input = ModelInput.resolve(List.of("user_tx_1h", "amount", "nowhere"),
                List.of("user_spend_5m", "user_tx_1h"), transaction);
        Event event = new Event("transaction", "tx", "e1", "u1", 0, 0, transaction.newNumbers(),
                transaction.newStrings());
        event.numbers[transaction.require("amount").slot()] = 42.5;
        event.features = new double[] {7, 3};
        double[] row = new double[3];

        input.fill(event, row);

        assertThat(row).containsExactly(3, 42.5, Double.NaN);
        assertThat(input.unresolved()).containsExactly("nowhere");
    }
}
