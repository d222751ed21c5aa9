package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The users table as a CDC connector (Debezium) would stream it, on the built-in {@code user_profile_change}
 * schema: a snapshot read ({@code r}) of each user's row the first time the user is seen, occasional updates
 * ({@code u}) of the mutable columns, and rare deletes ({@code d}). A deleted user who pays again is re-created
 * ({@code c}). Every change carries the row before and after it, so a temporal join can be checked against it.
 */
final class ProfileChangeLog {
    static final double UPDATE_PROBABILITY = 0.002;
    static final double DELETE_PROBABILITY = 0.0002;
    private static final List<String> RISK_TIERS = List.of("low", "low", "low", "medium", "medium", "high");
    private static final double EMAIL_VERIFIED_SHARE = 0.8;
    /** The row's columns in the order {@link #fill} writes them. */
    private static final List<String> COLUMNS = List.of("user_id", "country", "home_city", "risk_tier",
            "email_verified", "account_created");

    /** One row of the users table. */
    private record Row(String userId, String country, String homeCity, String riskTier, boolean emailVerified,
                       long accountCreated) {}

    private final EventSchema schema;
    private final String idPrefix;
    private long changes;
    private final UserDirectory users;
    private final int[] beforeSlots = new int[COLUMNS.size()];
    private final int[] afterSlots = new int[COLUMNS.size()];
    private final int op;
    private final int tsMs;
    private final Map<Integer, Row> live = new HashMap<>();
    private final BitSet seen = new BitSet();

    /**
     * @param idPrefix prefix of the change ids (the schema has no id field; they identify generated records)
     */
    ProfileChangeLog(EventSchema schema, UserDirectory users, String idPrefix) {
        this.schema = schema;
        this.idPrefix = idPrefix;
        this.users = users;
        for (int i = 0; i < COLUMNS.size(); i++) {
            beforeSlots[i] = schema.require("before." + COLUMNS.get(i)).slot();
            afterSlots[i] = schema.require("after." + COLUMNS.get(i)).slot();
        }
        this.op = schema.require("op").slot();
        this.tsMs = schema.require("ts_ms").slot();
    }

    /** The snapshot or create of a user's row if the table has none yet, else null. */
    Event ensureRow(SimulatedUser user, long now, SplittableRandom random) {
        if (live.containsKey(user.index)) {
            return null;
        }
        boolean everSeen = seen.get(user.index);
        seen.set(user.index);
        long created = everSeen ? now : user.accountCreated;
        Row row = new Row(user.id, user.country.code(), user.homeCity, pick(RISK_TIERS, random),
                random.nextDouble() < EMAIL_VERIFIED_SHARE, created);
        live.put(user.index, row);
        return change(user.id, everSeen ? "c" : "r", null, row, now);
    }

    /** Now and then, an update of this user's row or the delete of some other user's; null most of the time. */
    Event maybeChange(SimulatedUser user, long now, SplittableRandom random) {
        double u = random.nextDouble();
        if (u < UPDATE_PROBABILITY) {
            Row before = live.get(user.index);
            Row after = new Row(before.userId, before.country, pick(user.country.cities(), random),
                    pick(RISK_TIERS, random), true, before.accountCreated);
            live.put(user.index, after);
            return change(user.id, "u", before, after, now);
        }
        if (u < UPDATE_PROBABILITY + DELETE_PROBABILITY) {
            SimulatedUser other = users.pickUniformly(random);
            Row before = other.index == user.index ? null : live.remove(other.index);
            return before == null ? null : change(other.id, "d", before, null, now);
        }
        return null;
    }

    private Event change(String userId, String operation, Row before, Row after, long now) {
        double[] numbers = schema.newNumbers();
        String[] strings = schema.newStrings();
        fill(before, beforeSlots, numbers, strings);
        fill(after, afterSlots, numbers, strings);
        strings[op] = operation;
        numbers[tsMs] = now;
        String id = idPrefix + (++changes);
        return new Event(schema.name(), GeneratedStream.PROFILES.defaultTopic(), id, userId, now, 0L, numbers,
                strings);
    }

    private static void fill(Row row, int[] slots, double[] numbers, String[] strings) {
        if (row == null) {
            return;
        }
        strings[slots[0]] = row.userId;
        strings[slots[1]] = row.country;
        strings[slots[2]] = row.homeCity;
        strings[slots[3]] = row.riskTier;
        numbers[slots[4]] = row.emailVerified ? 1 : 0;
        numbers[slots[5]] = row.accountCreated;
    }

    private static String pick(List<String> options, SplittableRandom random) {
        return options.get(random.nextInt(options.size()));
    }
}
