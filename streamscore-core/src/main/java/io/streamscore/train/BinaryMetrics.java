package io.streamscore.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Evaluation of a binary classifier's scores against labels, exact and in O(n log n): ROC AUC (ties count one half,
 * as in the Mann-Whitney statistic), PR-AUC as average precision (precision at each distinct threshold weighted by
 * the recall it adds, as scikit-learn's {@code average_precision_score}), and operating points at a threshold.
 * Both AUCs need at least one positive and one negative.
 */
public final class BinaryMetrics {
    private final double[] scores;
    private final boolean[] labels;
    private final Integer[] descending;
    private final long positives;

    private BinaryMetrics(double[] scores, boolean[] labels) {
        this.scores = scores;
        this.labels = labels;
        this.descending = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(descending, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long count = 0;
        for (boolean label : labels) {
            count += label ? 1 : 0;
        }
        this.positives = count;
    }

    /** @throws IllegalArgumentException if the arrays differ in length or a score is NaN */
    public static BinaryMetrics of(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        return new BinaryMetrics(scores.clone(), labels.clone());
    }

    public long positives() {
        return positives;
    }

    public long negatives() {
        return scores.length - positives;
    }

    /** Area under the ROC curve: the chance that a random positive scores above a random negative. */
    public double auc() {
        requireBothClasses("AUC");
        double rankSumOfPositives = 0;
        int end = scores.length;
        // Walk ascending ranks from the end of the descending order; tied scores share their mean rank.
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && scores[descending[start - 1]] == scores[descending[end - 1]]) {
                start--;
            }
            double meanRank = (scores.length - end + 1 + scores.length - start) / 2.0;
            for (int i = start; i < end; i++) {
                if (labels[descending[i]]) {
                    rankSumOfPositives += meanRank;
                }
            }
            end = start;
        }
        return (rankSumOfPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives());
    }

    /** Area under the precision-recall curve, as average precision. */
    public double prAuc() {
        requireBothClasses("PR-AUC");
        double area = 0;
        long truePositives = 0;
        long flagged = 0;
        int i = 0;
        while (i < scores.length) {
            double score = scores[descending[i]];
            long before = truePositives;
            while (i < scores.length && scores[descending[i]] == score) {
                truePositives += labels[descending[i]] ? 1 : 0;
                flagged++;
                i++;
            }
            area += (double) (truePositives - before) / positives * truePositives / flagged;
        }
        return area;
    }

    /** What flagging {@code score >= threshold} does. */
    public OperatingPoint at(double threshold) {
        long truePositives = 0;
        long falsePositives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= threshold) {
                if (labels[i]) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
        }
        return new OperatingPoint(threshold, truePositives, falsePositives, positives);
    }

    /**
     * The threshold with the best F1 among the distinct scores (on a tie, the higher threshold: fewer alerts for
     * the same F1). F1 weighs missed fraud and false alarms alike, a neutral default when nobody has priced them.
     */
    public OperatingPoint bestF1() {
        requireBothClasses("a best-F1 threshold");
        OperatingPoint best = null;
        long truePositives = 0;
        long falsePositives = 0;
        int i = 0;
        while (i < scores.length) {
            double score = scores[descending[i]];
            while (i < scores.length && scores[descending[i]] == score) {
                if (labels[descending[i]]) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
                i++;
            }
            OperatingPoint point = new OperatingPoint(score, truePositives, falsePositives, positives);
            if (best == null || point.f1() > best.f1()) {
                best = point;
            }
        }
        return best;
    }

    private void requireBothClasses(String what) {
        if (positives == 0 || negatives() == 0) {
            throw new IllegalArgumentException(what + " needs positive and negative examples; got " + positives
                    + " positives and " + negatives() + " negatives");
        }
    }
}
