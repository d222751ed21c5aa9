package io.streamscore.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A randomized event log of payments, clicks and Debezium profile changes (c, u, d, r) for a few users, the order a
 * broker receives it in (disordered), and the oracle: the join each payment must get, computed from the full log.
 *
 * <p>Every event has its own time. Clicks and profile changes arrive at most their source's out-of-orderness after
 * their time, so neither the late router nor the join may call them late and every payment's expected join is exact.
 * Most payments arrive as promptly; some up to out-of-orderness plus lateness late (still joined, exercising the
 * join's late path); a few far beyond that, which must land in the late topic. {@link #sentinels} ends the log with a
 * record far ahead in every partition of every topic, so the watermark passes the last payment.
 */
public final class JoinEventLog {
    /** One record to write: to {@code partition} when it is not null, else by key. */
    public record Sent(String topic, String key, byte[] value, Integer partition) {}

    private record Click(long time, String action, String session) {}

    private record Version(long time, Map<String, Object> row) {}

    private record Pending(long arrival, int seq, Sent sent) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACTIONS = {"view", "view", "view", "view", "click", "click", "login_failed",
            "add_to_cart"};
    private static final String[] TIERS = {"low", "low", "medium", "high", "unknown"};

    private final Config config;
    private final SplittableRandom random;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, List<Click>> clicks = new HashMap<>();
    private final Map<String, List<Version>> versions = new HashMap<>();
    private final Map<String, Map<String, Object>> rows = new HashMap<>();
    private final Map<String, String> sessions = new HashMap<>();
    private final Map<String, Long> payments = new LinkedHashMap<>();
    private final Map<String, String> payers = new HashMap<>();
    private final Set<String> tooLate = new TreeSet<>();
    private long lastTime;

    /**
     * @param outOfOrdernessMs the sources' {@code max_out_of_orderness}
     * @param latenessMs the payments' {@code allowed_lateness}
     * @param windowsMs each click feature's window, by feature name; the measure is the name's prefix up to the
     *     last {@code _}: {@code clicks}, {@code pages}, {@code failed} or {@code session}
     */
    public record Config(long seed, long startTime, int events, int users, long outOfOrdernessMs, long latenessMs,
                         Map<String, Long> windowsMs) {}

    private JoinEventLog(Config config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    public static JoinEventLog generate(Config config) {
        JoinEventLog log = new JoinEventLog(config);
        long time = config.startTime();
        for (int i = 0; i < config.events(); i++) {
            time += 1 + log.random.nextInt(120);
            String user = "u-" + log.random.nextInt(config.users());
            double roll = log.random.nextDouble();
            if (roll < 0.5) {
                log.click(i, user, time);
            } else if (roll < 0.85) {
                // Too late needs a minute of log after it in its partition, to move the watermark past it.
                log.payment(i, user, time, i < config.events() - 1_000);
            } else {
                log.profileChange(user, time);
            }
        }
        log.lastTime = time;
        return log;
    }

    private void click(int i, String user, long time) {
        if (!sessions.containsKey(user) || random.nextDouble() < 0.1) {
            sessions.put(user, user + "-s" + i);
        }
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        clicks.computeIfAbsent(user, u -> new ArrayList<>()).add(new Click(time, action, sessions.get(user)));
        ObjectNode json = JSON.createObjectNode().put("event_id", "click-" + i).put("user_id", user)
                .put("session_id", sessions.get(user)).put("page", "/p/" + random.nextInt(20)).put("action", action)
                .put("event_time", time);
        send(time + random.nextLong(config.outOfOrdernessMs() + 1), new Sent("clicks", user, bytes(json), null));
    }

    private void payment(int i, String user, long time, boolean mayBeTooLate) {
        String id = "tx-" + i;
        double roll = random.nextDouble();
        long delay;
        if (roll < 0.03 && mayBeTooLate && time > config.startTime() + 60_000) {
            delay = config.latenessMs() + config.outOfOrdernessMs() + 20_000 + random.nextLong(10_000);
            tooLate.add(id);
        } else if (roll < 0.10) { // late, but within lateness: joined on arrival
            delay = config.outOfOrdernessMs() + 1 + random.nextLong(config.latenessMs() - 1_000);
        } else {
            delay = random.nextLong(config.outOfOrdernessMs() + 1);
        }
        if (!tooLate.contains(id)) {
            payments.put(id, time);
            payers.put(id, user);
        }
        ObjectNode json = JSON.createObjectNode().put("event_id", id).put("user_id", user).put("card_id", "c-" + user)
                .put("merchant_id", "m-" + random.nextInt(50)).put("merchant_category", "grocery")
                .put("amount", 1 + random.nextInt(500)).put("currency", "EUR").put("country", "DE")
                .put("device_id", "d-" + user).put("ip", "10.0.0." + random.nextInt(250)).put("event_time", time);
        send(time + delay, new Sent("transactions", user, bytes(json), null));
    }

    private void profileChange(String user, long time) {
        Map<String, Object> before = rows.get(user);
        String op;
        Map<String, Object> after;
        if (before == null) {
            op = versions.containsKey(user) ? "c" : "r";
            after = row(user, time);
        } else if (random.nextDouble() < 0.15) {
            op = "d";
            after = null;
        } else {
            op = "u";
            after = row(user, (Long) before.get("account_created"));
        }
        rows.put(user, after);
        versions.computeIfAbsent(user, u -> new ArrayList<>()).add(new Version(time, after));
        send(time + random.nextLong(config.outOfOrdernessMs() + 1),
                new Sent("user-profiles", user, bytes(envelope(op, before, after, time)), null));
    }

    private Map<String, Object> row(String user, long created) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("user_id", user);
        row.put("country", "DE");
        row.put("home_city", random.nextBoolean() ? null : "Berlin");
        row.put("risk_tier", TIERS[random.nextInt(TIERS.length)]);
        row.put("email_verified", random.nextBoolean());
        row.put("account_created", created - random.nextInt(1_000_000));
        return row;
    }

    /**
     * Half the changes carry the commit time in {@code source.ts_ms} (the capture, ts_ms, is later); some are wrapped.
     */
    private ObjectNode envelope(String op, Map<String, Object> before, Map<String, Object> after, long time) {
        ObjectNode json = JSON.createObjectNode();
        json.set("before", JSON.valueToTree(before));
        json.set("after", JSON.valueToTree(after));
        json.put("op", op);
        if (random.nextBoolean()) {
            json.put("ts_ms", time + 1 + random.nextInt(50));
            json.putObject("source").put("ts_ms", time).put("connector", "postgresql");
        } else {
            json.put("ts_ms", time);
        }
        if (random.nextDouble() < 0.2) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.putObject("schema").put("type", "struct");
            wrapped.set("payload", json);
            return wrapped;
        }
        return json;
    }

    private void send(long arrival, Sent sent) {
        pending.add(new Pending(arrival, pending.size(), sent));
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every record in the order the broker receives it. */
    public List<Sent> arrivals() {
        return pending.stream().sorted(Comparator.comparingLong(Pending::arrival).thenComparingInt(Pending::seq))
                .map(Pending::sent).toList();
    }

    /**
     * A record a minute after the last event in each partition of each topic; their keys start with {@code sentinel-}.
     */
    public List<Sent> sentinels(int partitions) {
        long time = lastTime + 60_000;
        List<Sent> sent = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String user = "sentinel-" + p;
            ObjectNode click = JSON.createObjectNode().put("event_id", "sentinel-click-" + p).put("user_id", user)
                    .put("session_id", "s").put("page", "/").put("action", "view").put("event_time", time);
            ObjectNode payment = JSON.createObjectNode().put("event_id", "sentinel-tx-" + p).put("user_id", user)
                    .put("card_id", "c").put("merchant_id", "m").put("merchant_category", "grocery").put("amount", 1)
                    .put("currency", "EUR").put("country", "DE").put("device_id", "d").put("ip", "10.0.0.1")
                    .put("event_time", time);
            ObjectNode change = JSON.createObjectNode();
            change.putNull("before");
            change.set("after", JSON.valueToTree(row(user, time)));
            change.put("op", "r").put("ts_ms", time);
            sent.add(new Sent("clicks", user, bytes(click), p));
            sent.add(new Sent("transactions", user, bytes(payment), p));
            sent.add(new Sent("user-profiles", user, bytes(change), p));
        }
        return sent;
    }

    /** The payments that must be scored, by event id. */
    public Map<String, Long> scoredPayments() {
        return payments;
    }

    /** The payments beyond out-of-orderness plus lateness: they must land in the late topic. */
    public Set<String> tooLatePayments() {
        return tooLate;
    }

    /** The columns the join must give payment {@code id}, by name; null where undefined. */
    public Map<String, Double> expectedJoin(String id) {
        long t = payments.get(id);
        String user = payers.get(id);
        Map<String, Double> expected = new LinkedHashMap<>();
        config.windowsMs().forEach((name, window) -> expected.put(name, clickMeasure(name, user, t, window)));
        Map<String, Object> row = validRow(user, t);
        expected.put("profile_risk", row == null ? null : riskCode((String) row.get("risk_tier")));
        expected.put("profile_email_verified", row == null ? null : (Boolean) row.get("email_verified") ? 1.0 : 0.0);
        expected.put("profile_account_created", row == null ? null : ((Long) row.get("account_created")).doubleValue());
        return expected;
    }

    private Double clickMeasure(String name, String user, long t, long window) {
        List<Click> inWindow = clicks.getOrDefault(user, List.of()).stream()
                .filter(c -> c.time() > t - window && c.time() <= t).toList();
        String measure = name.substring(0, name.indexOf('_'));
        return switch (measure) {
            case "clicks" -> (double) inWindow.size();
            case "pages" -> (double) inWindow.stream().filter(c -> c.action().equals("view")).count();
            case "failed" -> (double) inWindow.stream().filter(c -> c.action().equals("login_failed")).count();
            case "session" -> sessionAge(inWindow, t);
            default -> throw new IllegalArgumentException("no measure for " + name);
        };
    }

    private static Double sessionAge(List<Click> inWindow, long t) {
        if (inWindow.isEmpty()) {
            return null;
        }
        String session = inWindow.get(inWindow.size() - 1).session();
        long first = inWindow.stream().filter(c -> c.session().equals(session)).mapToLong(Click::time).min()
                .orElseThrow();
        return (double) (t - first);
    }

    private Map<String, Object> validRow(String user, long t) {
        Map<String, Object> valid = null;
        for (Version version : versions.getOrDefault(user, List.of())) {
            if (version.time() <= t) {
                valid = version.row();
            }
        }
        return valid;
    }

    private static Double riskCode(String tier) {
        return switch (tier) {
            case "low" -> 0.0;
            case "medium" -> 1.0;
            case "high" -> 2.0;
            default -> null;
        };
    }
}
