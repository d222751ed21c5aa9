package io.streamscore.flink.scoring;

import io.streamscore.registry.Challenger;
import io.streamscore.registry.ChallengerMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which versions of a model serve, as broadcast to every scoring subtask: the champion and the challengers that
 * passed their load and self-check, each with its mode and share. A Flink POJO (primitive arrays, no Kryo);
 * {@code sequence} grows with every plan the control function emits.
 */
public class ServingPlan {
    public String model;
    public long sequence;
    public int champion;
    public int[] challengerVersions = new int[0];
    /** Per challenger: true for a canary (decides for its share of keys), false for a shadow. */
    public boolean[] canary = new boolean[0];
    public double[] shares = new double[0];

    public ServingPlan() {}

    public static ServingPlan of(String model, long sequence, int champion, List<Challenger> challengers) {
        ServingPlan plan = new ServingPlan();
        plan.model = model;
        plan.sequence = sequence;
        plan.champion = champion;
        plan.challengerVersions = challengers.stream().mapToInt(Challenger::version).toArray();
        plan.canary = new boolean[challengers.size()];
        plan.shares = new double[challengers.size()];
        for (int i = 0; i < challengers.size(); i++) {
            plan.canary[i] = challengers.get(i).mode() == ChallengerMode.CANARY;
            plan.shares[i] = challengers.get(i).share();
        }
        return plan;
    }

    public List<Challenger> challengers() {
        List<Challenger> challengers = new ArrayList<>();
        for (int i = 0; i < challengerVersions.length; i++) {
            challengers.add(new Challenger(challengerVersions[i], canary[i] ? ChallengerMode.CANARY
                    : ChallengerMode.SHADOW, shares[i]));
        }
        return challengers;
    }

    public boolean serves(int version) {
        return champion == version || Arrays.stream(challengerVersions).anyMatch(v -> v == version);
    }

    @Override
    public String toString() {
        return "ServingPlan{" + model + " #" + sequence + ": champion " + champion + ", challengers "
                + challengers() + "}";
    }
}
