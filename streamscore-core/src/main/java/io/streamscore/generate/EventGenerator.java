package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.EventSchema;
import io.streamscore.generate.ArrivalProcess.Arrival;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * An endless, deterministic stream of payment-world records: transactions with realistic habits and fraud
 * patterns, their delayed labels, and optionally clicks and user-profile changes. Callers take as many as they need;
 * the same config yields the same bytes in the same order on every run and machine.
 *
 * <p>How it works: a simulated clock moves forward to whichever comes first, the next label due, the next step of a
 * pending activity (a fraud burst, a click session), or the next unprompted arrival (an exponential gap at the
 * configured rate). Each step appends its records to a small ready queue that {@link #next()} drains. Every record
 * but a late-delivered transaction is emitted at its own event time, so per stream the clock never goes back,
 * and a label is only emitted once the clock has reached its label time.
 *
 * <p>Not thread-safe; one generator per thread. It never touches Kafka: the CLI writes and paces what it yields.
 */
public final class EventGenerator implements Iterator<GeneratedRecord> {
    private final GeneratorConfig config;
    private final SplittableRandom random;
    private final UserDirectory users;
    private final TransactionFactory transactions;
    private final TransactionDelivery delivery;
    private final ClickFactory clicks;
    private final LabelFactory labels;
    private final ProfileChangeLog profiles;
    private final EventCodec clickCodec;
    private final EventCodec labelCodec;
    private final EventCodec profileCodec;
    private final ArrivalProcess arrivals;
    private final LabelSchedule pendingLabels = new LabelSchedule();
    private final PriorityQueue<PendingActivity> agenda = new PriorityQueue<>(PendingActivity.BY_DUE_TIME);
    private final ArrayDeque<GeneratedRecord> ready = new ArrayDeque<>();
    private final String transactionIdPrefix;
    private final String clickIdPrefix;
    private final String sessionIdPrefix;
    private double clock;
    private long transactionCount;
    private long clickCount;
    private long activityCount;

    public EventGenerator(GeneratorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        // The population draws first, from the seed's own stream when they are equal (so existing seeds keep their
        // byte-identical output), else from the population seed's: the same merchants as that seed's generator.
        SplittableRandom population = config.populationSeed() == config.seed() ? random
                : new SplittableRandom(config.populationSeed());
        MerchantCatalog merchants = new MerchantCatalog(config.merchants(), population);
        this.users = new UserDirectory(config.users(), config.userZipfExponent(), config.populationSeed(),
                config.startTime(), merchants);
        EventSchema transactionSchema = GeneratedStream.TRANSACTIONS.schema();
        this.transactions = new TransactionFactory(transactionSchema, merchants, config);
        this.delivery = new TransactionDelivery(config, transactions,
                GeneratedStream.TRANSACTIONS.codec(config.format()),
                new MalformedTransactionWriter(config.format()));
        EventSchema clickSchema = GeneratedStream.CLICKS.schema();
        EventSchema labelSchema = GeneratedStream.LABELS.schema();
        EventSchema profileSchema = GeneratedStream.PROFILES.schema();
        this.clicks = new ClickFactory(clickSchema);
        this.labels = new LabelFactory(labelSchema);
        String seedTag = Long.toHexString(config.seed());
        this.profiles = config.profiles() ? new ProfileChangeLog(profileSchema, users, "p-" + seedTag + "-") : null;
        this.clickCodec = GeneratedStream.CLICKS.codec(config.format());
        this.labelCodec = GeneratedStream.LABELS.codec(config.format());
        this.profileCodec = GeneratedStream.PROFILES.codec(config.format());
        this.transactionIdPrefix = "tx-" + seedTag + "-";
        this.clickIdPrefix = "ck-" + seedTag + "-";
        this.sessionIdPrefix = "s-" + seedTag + "-";
        this.clock = config.startTime();
        this.arrivals = new ArrivalProcess(arrivalRates(config), clock, random);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Always true: the stream is endless. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public GeneratedRecord next() {
        while (ready.isEmpty()) {
            step();
        }
        return ready.poll();
    }

    /** Simulated time reached so far, epoch milliseconds. */
    public long simulatedTime() {
        return (long) clock;
    }

    /** Labels generated but not yet due; they cost 16 bytes each. */
    public int pendingLabels() {
        return pendingLabels.size();
    }

    private static double[] arrivalRates(GeneratorConfig config) {
        double perMs = config.eventsPerSecond() / 1000.0;
        double sessions = config.clicksPerTransaction() == 0 ? 0
                : perMs * config.clicksPerTransaction() / ClickSession.meanClicks(config.botSessionShare());
        return new double[] {
            perMs * (1 - config.fraudShare()),
            perMs * config.cardTestingShare() / FraudBurst.meanSize(FraudPattern.CARD_TESTING),
            perMs * config.accountTakeoverShare() / FraudBurst.meanSize(FraudPattern.ACCOUNT_TAKEOVER),
            perMs * config.merchantRingShare(),
            sessions};
    }

    private void step() {
        long labelDue = pendingLabels.nextTime();
        PendingActivity activity = agenda.peek();
        long activityDue = activity == null ? Long.MAX_VALUE : activity.due();
        double arrivalDue = arrivals.nextTime();
        if (labelDue <= activityDue && labelDue <= arrivalDue) {
            advanceClock(labelDue);
            emitLabel();
        } else if (activityDue <= arrivalDue) {
            advanceClock(activityDue);
            agenda.poll();
            perform(activity);
        } else {
            advanceClock(arrivalDue);
            arrive(arrivals.take(random));
        }
    }

    private void advanceClock(double time) {
        clock = Math.max(clock, time);
    }

    private void arrive(Arrival arrival) {
        long now = simulatedTime();
        switch (arrival) {
            case ORDINARY_PAYMENT -> {
                SimulatedUser user = users.pickByPopularity(random);
                emitTransaction(transactions.ordinary(nextTransactionId(), user, now, random), user,
                        FraudPattern.NONE);
            }
            case MERCHANT_RING -> {
                SimulatedUser user = users.pickByPopularity(random);
                emitTransaction(transactions.ringPayment(nextTransactionId(), user, now, random), user,
                        FraudPattern.MERCHANT_RING);
            }
            case CARD_TESTING -> perform(FraudBurst.cardTesting(++activityCount, now, users.pickUniformly(random),
                    random));
            case ACCOUNT_TAKEOVER -> perform(FraudBurst.accountTakeover(++activityCount, now,
                    users.pickUniformly(random), random));
            case CLICK_SESSION -> perform(startSession(now));
        }
    }

    private ClickSession startSession(long now) {
        boolean bot = random.nextDouble() < config.botSessionShare();
        // Bots work through account lists; people visit as often as they pay.
        SimulatedUser user = bot ? users.pickUniformly(random) : users.pickByPopularity(random);
        return new ClickSession(++activityCount, now, user, sessionIdPrefix + activityCount, bot, random);
    }

    /** Emits the activity's record due now and re-queues it if it has more to come. */
    private void perform(PendingActivity activity) {
        long now = simulatedTime();
        boolean more;
        if (activity instanceof FraudBurst burst) {
            emitTransaction(transactions.fraudulent(nextTransactionId(), burst, now, random), burst.victim,
                    burst.pattern);
            more = burst.advance(random);
        } else {
            ClickSession session = (ClickSession) activity;
            emitClick(session, now);
            more = session.advance(random);
        }
        if (more) {
            agenda.add(activity);
        }
    }

    private String nextTransactionId() {
        return transactionIdPrefix + (transactionCount + 1);
    }

    private void emitTransaction(Event transaction, SimulatedUser user, FraudPattern pattern) {
        long now = simulatedTime();
        transactionCount++;
        if (profiles != null) {
            emitProfileChange(profiles.ensureRow(user, now, random));
            emitProfileChange(profiles.maybeChange(user, now, random));
        }
        GeneratedRecord record = delivery.deliver(transaction, pattern, now, random);
        ready.add(record);
        if (record.kind() != RecordKind.MALFORMED) {
            pendingLabels.add(labelTime(record.eventTime(), now), transactionCount, pattern);
        }
    }

    /**
     * Label time: the event time plus a delay drawn log-uniformly from the configured range (most labels come
     * early, a few days later, as with chargebacks), compressed by the time scale; never before the transaction
     * was emitted, so a late-delivered transaction's label does not jump back in the label stream.
     */
    private long labelTime(long eventTime, long now) {
        double min = Math.log1p(config.labelDelayMin().toMillis());
        double max = Math.log1p(config.labelDelayMax().toMillis());
        double delay = Math.expm1(min + random.nextDouble() * (max - min)) / config.labelTimeScale();
        return Math.max(now, eventTime + Math.round(delay));
    }

    private void emitLabel() {
        long time = pendingLabels.nextTime();
        String transactionId = transactionIdPrefix + pendingLabels.nextTransactionSequence();
        FraudPattern pattern = pendingLabels.nextPattern();
        pendingLabels.removeNext();
        boolean fraud = pattern != FraudPattern.NONE;
        Event label = labels.label(transactionId, fraud, time);
        ready.add(new GeneratedRecord(GeneratedStream.LABELS, transactionId, labelCodec.encode(label), time,
                RecordKind.VALID, null, transactionId, fraud, pattern));
    }

    private void emitClick(ClickSession session, long now) {
        if (profiles != null) {
            emitProfileChange(profiles.ensureRow(session.user, now, random));
        }
        ClickAction action = session.nextAction(random);
        String id = clickIdPrefix + (++clickCount);
        Event click = clicks.click(id, session, action, action.page(random), now);
        FraudPattern pattern = session.bot ? FraudPattern.BOT_SESSION : FraudPattern.NONE;
        ready.add(new GeneratedRecord(GeneratedStream.CLICKS, session.user.id, clickCodec.encode(click), now,
                RecordKind.VALID, null, id, session.bot, pattern));
    }

    private void emitProfileChange(Event change) {
        if (change != null) {
            ready.add(new GeneratedRecord(GeneratedStream.PROFILES, change.key, profileCodec.encode(change),
                    change.eventTime, RecordKind.VALID, null, change.eventId, false, FraudPattern.NONE));
        }
    }
}
