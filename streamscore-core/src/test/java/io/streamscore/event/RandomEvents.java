package io.streamscore.event;

import java.util.List;
import java.util.Random;

/**
 * Random valid events of any schema, for round trips: every value of every type, awkward strings and doubles,
 * and nulls wherever the schema allows them (whole optional records included). The key and event time are always
 * valid, and the records that hold the key are always present, so every event generated decodes.
 */
final class RandomEvents {
    private static final String[] AWKWARD_STRINGS = {"", " ", "quote \" and backslash \\", "line\nbreak\ttab",
        "nul \u0000 char", "é ü ß", "日本語", "emoji \uD83D\uDE00", "</script>", "{\"json\": 1}"};

    private final EventSchema schema;
    private final SourceBinding binding;
    private final RecordNode root;
    private final Random random;

    RandomEvents(EventSchema schema, SourceBinding binding, long seed) {
        this.schema = schema;
        this.binding = binding;
        this.root = RecordNode.rootOf(schema);
        this.random = new Random(seed);
    }

    Event next() {
        double[] numbers = schema.newNumbers();
        String[] strings = schema.newStrings();
        fill(root, numbers, strings);
        long eventTime = SourceBinding.MIN_EVENT_TIME
                + (long) (random.nextDouble() * (SourceBinding.MAX_EVENT_TIME - SourceBinding.MIN_EVENT_TIME));
        numbers[schema.require(binding.eventTimeField()).slot()] = eventTime;
        String key = textOf(schema.require(binding.keyField()), numbers, strings);
        return new Event(schema.name(), binding.source(), textOf(schema.require(binding.idField()), numbers, strings),
                key, eventTime, EventFixtures.INGEST_TIME, numbers, strings);
    }

    private void fill(RecordNode record, double[] numbers, String[] strings) {
        for (FieldNode field : record.fields) {
            boolean holdsKey = binding.keyField().equals(field.path)
                    || binding.keyField().startsWith(field.path + ".");
            if (field.nullable && !holdsKey && random.nextInt(4) == 0) {
                continue; // null: the slots (all of them, for a record) stay missing
            }
            if (field.isRecord()) {
                fill(field.record, numbers, strings);
            } else if (field.leaf.type() == FieldType.STRING) {
                strings[field.leaf.slot()] = holdsKey ? "key-" + random.nextInt(1000) : randomString(field);
            } else {
                numbers[field.leaf.slot()] = randomNumber(field);
            }
        }
    }

    private String randomString(FieldNode field) {
        List<String> symbols = field.avro.getType() == org.apache.avro.Schema.Type.ENUM
                ? field.avro.getEnumSymbols() : null;
        if (symbols != null) {
            return symbols.get(random.nextInt(symbols.size()));
        }
        if (random.nextInt(3) == 0) {
            return AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)];
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            text.append((char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    private double randomNumber(FieldNode field) {
        return switch (field.leaf.type()) {
            case BOOLEAN -> random.nextBoolean() ? 1.0 : 0.0;
            case LONG -> random.nextInt(3) == 0 ? (double) (random.nextLong() % FieldNode.MAX_EXACT_LONG)
                    : random.nextInt(1_000_000) - 500_000;
            case DOUBLE -> switch (random.nextInt(5)) {
                case 0 -> -0.0;
                case 1 -> Double.MIN_VALUE * random.nextInt(100);
                case 2 -> (random.nextDouble() - 0.5) * Double.MAX_VALUE;
                default -> Math.round(random.nextGaussian() * 10_000) / 100.0;
            };
            case STRING -> throw new IllegalArgumentException("not a number field: " + field.path);
        };
    }

    private static String textOf(EventField field, double[] numbers, String[] strings) {
        if (field.type() == FieldType.STRING) {
            return strings[field.slot()];
        }
        return Double.isNaN(numbers[field.slot()]) ? null : Long.toString((long) numbers[field.slot()]);
    }
}
