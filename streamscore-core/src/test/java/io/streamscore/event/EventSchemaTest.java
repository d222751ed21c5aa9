package io.streamscore.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSchemaTest {

    @Test
    void transactionHasFlatFieldsWithNumbersAndStringsInTheirOwnSlots() {
        EventSchema schema = EventSchema.builtIn("transaction");

        assertThat(schema.fields()).extracting(EventField::name).containsExactly("event_id", "user_id", "card_id",
                "merchant_id", "merchant_category", "amount", "currency", "country", "device_id", "ip", "event_time");
        assertThat(schema.require("amount")).isEqualTo(new EventField("amount", FieldType.DOUBLE, false, 0));
        assertThat(schema.require("event_time")).isEqualTo(new EventField("event_time", FieldType.LONG, false, 1));
        assertThat(schema.require("ip")).isEqualTo(new EventField("ip", FieldType.STRING, false, 8));
        assertThat(schema.numericCount()).isEqualTo(2);
        assertThat(schema.stringCount()).isEqualTo(9);
    }

    @Test
    void userProfileChangeFlattensBeforeAndAfterIntoNullableDottedFields() {
        EventSchema schema = EventSchema.builtIn("user_profile_change");

        assertThat(schema.fields()).extracting(EventField::name).containsExactly(
                "before.user_id", "before.country", "before.home_city", "before.risk_tier", "before.email_verified",
                "before.account_created",
                "after.user_id", "after.country", "after.home_city", "after.risk_tier", "after.email_verified",
                "after.account_created",
                "op", "ts_ms");
        assertThat(schema.fields()).filteredOn(f -> f.name().contains(".")).allMatch(EventField::nullable);
        assertThat(schema.require("after.email_verified"))
                .isEqualTo(new EventField("after.email_verified", FieldType.BOOLEAN, true, 2));
        assertThat(schema.require("after.account_created"))
                .isEqualTo(new EventField("after.account_created", FieldType.LONG, true, 3));
        assertThat(schema.require("op")).isEqualTo(new EventField("op", FieldType.STRING, false, 8));
        assertThat(schema.require("ts_ms")).isEqualTo(new EventField("ts_ms", FieldType.LONG, false, 4));
        assertThat(schema.numericCount()).isEqualTo(5);
        assertThat(schema.stringCount()).isEqualTo(9);
    }

    @Test
    void clickAndLabelLoadWithTheirTypes() {
        EventSchema click = EventSchema.builtIn("click");
        EventSchema label = EventSchema.builtIn("label");

        assertThat(click.fields()).extracting(EventField::type).containsExactly(FieldType.STRING, FieldType.STRING,
                FieldType.STRING, FieldType.STRING, FieldType.STRING, FieldType.LONG);
        assertThat(label.fields()).containsExactly(new EventField("event_id", FieldType.STRING, false, 0),
                new EventField("is_fraud", FieldType.BOOLEAN, false, 0),
                new EventField("label_time", FieldType.LONG, false, 1));
    }

    @Test
    void everyBuiltInSchemaUsesEachSlotOnce() {
        for (String name : EventSchema.BUILT_IN) {
            EventSchema schema = EventSchema.builtIn(name);
            List<Integer> numericSlots = schema.fields().stream().filter(f -> f.type().isNumeric())
                    .map(EventField::slot).toList();
            List<Integer> stringSlots = schema.fields().stream().filter(f -> !f.type().isNumeric())
                    .map(EventField::slot).toList();
            assertThat(numericSlots).as(name).containsExactlyElementsOf(range(schema.numericCount()));
            assertThat(stringSlots).as(name).containsExactlyElementsOf(range(schema.stringCount()));
        }
    }

    @Test
    void unknownBuiltInNameListsTheKnownOnes() {
        assertThatThrownBy(() -> EventSchema.builtIn("payments"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transaction");
    }

    @Test
    void schemaSurvivesJavaSerializationAsOperatorsShipIt() throws IOException, ClassNotFoundException {
        EventSchema schema = EventSchema.builtIn("user_profile_change");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schema);
        }
        Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(copy).isEqualTo(schema);
        assertThat(((EventSchema) copy).avro()).isEqualTo(schema.avro());
    }

    private static List<Integer> range(int count) {
        return java.util.stream.IntStream.range(0, count).boxed().toList();
    }
}
