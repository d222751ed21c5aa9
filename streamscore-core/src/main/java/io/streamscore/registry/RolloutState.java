package io.streamscore.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which versions of one model serve, stored as {@code <model>/registry.json}: the champion (null until the first
 * promotion), the challengers running next to it, and the append-only history of champion changes.
 *
 * <p>Guarantees after construction: the champion is never also a challenger, a version is a challenger at most
 * once, and the canary shares add up to at most 1, so the champion's share is never negative. Changes return a new
 * state; history entries are only ever appended.
 */
public record RolloutState(String name, Integer champion, List<Challenger> challengers, List<ChampionChange> history) {
    public RolloutState {
        ModelName.check(name);
        challengers = challengers == null ? List.of() : List.copyOf(challengers);
        history = history == null ? List.of() : List.copyOf(history);
        checkChallengers(champion, challengers);
    }

    /** A model with registered versions and no champion yet. */
    public static RolloutState initial(String name) {
        return new RolloutState(name, null, List.of(), List.of());
    }

    private static void checkChallengers(Integer champion, List<Challenger> challengers) {
        Set<Integer> versions = new HashSet<>();
        double canaryShare = 0;
        for (Challenger challenger : challengers) {
            if (champion != null && challenger.version() == champion) {
                throw new IllegalArgumentException("challengers: version " + champion
                        + " is the champion; it cannot also be a challenger");
            }
            if (!versions.add(challenger.version())) {
                throw new IllegalArgumentException("challengers: version " + challenger.version() + " is listed twice");
            }
            canaryShare += challenger.share();
        }
        // A small slack for the sum of decimal fractions such as 0.7 + 0.2 + 0.1.
        if (canaryShare > 1 + 1e-9) {
            throw new IllegalArgumentException("challengers: the canary shares add up to " + canaryShare
                    + ", more than all the traffic; lower a share or remove a canary");
        }
    }

    public Optional<Challenger> challenger(int version) {
        return challengers.stream().filter(challenger -> challenger.version() == version).findFirst();
    }

    /** The champion before the current one, undoing promotions and rollbacks in order; empty when there is none. */
    public Optional<Integer> previousChampion() {
        Deque<Integer> champions = championStack();
        if (champions.size() < 2) {
            return Optional.empty();
        }
        champions.pop();
        return Optional.of(champions.peek());
    }

    /**
     * The champions that successive rollbacks would bring back, newest first, each once and without the current
     * champion: where a pipeline falls back to when the current champion cannot serve.
     */
    public List<Integer> earlierChampions() {
        Deque<Integer> champions = championStack();
        champions.poll();
        return champions.stream().distinct().filter(version -> !version.equals(champion)).toList();
    }

    /** Promotions pushed, rollbacks popped: the current champion on top. */
    private Deque<Integer> championStack() {
        Deque<Integer> champions = new ArrayDeque<>();
        for (ChampionChange change : history) {
            if (change.kind() == ChampionChange.Kind.PROMOTE) {
                champions.push(change.toVersion());
            } else {
                champions.poll();
            }
        }
        return champions;
    }

    /** {@code version} becomes the champion and stops being a challenger. */
    public RolloutState promote(int version, String by, long atMillis, String reason) {
        return changeChampion(new ChampionChange(ChampionChange.Kind.PROMOTE, champion, version, by, atMillis, reason));
    }

    /** The previous champion comes back; the caller checks that there is one ({@link #previousChampion}). */
    public RolloutState rollback(String by, long atMillis, String reason) {
        int previous = previousChampion().orElseThrow(() -> new IllegalStateException("no previous champion"));
        return changeChampion(new ChampionChange(ChampionChange.Kind.ROLLBACK, champion, previous, by, atMillis,
                reason));
    }

    private RolloutState changeChampion(ChampionChange change) {
        List<ChampionChange> appended = new ArrayList<>(history);
        appended.add(change);
        return new RolloutState(name, change.toVersion(), without(change.toVersion()), appended);
    }

    /** Adds or replaces the challenger of that version. */
    public RolloutState withChallenger(Challenger challenger) {
        List<Challenger> updated = without(challenger.version());
        updated.add(challenger);
        updated.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return new RolloutState(name, champion, updated, history);
    }

    public RolloutState withoutChallenger(int version) {
        return new RolloutState(name, champion, without(version), history);
    }

    private List<Challenger> without(int version) {
        List<Challenger> kept = new ArrayList<>(challengers);
        kept.removeIf(challenger -> challenger.version() == version);
        return kept;
    }
}
