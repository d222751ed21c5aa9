package io.streamscore.scoring;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The XGBoost objectives we score, each with the two pieces of arithmetic XGBoost applies outside the trees: turning
 * the stored {@code base_score} into the starting margin, and turning the summed margin into the output. Both run in
 * float, as XGBoost's CPU predictor does, so results match it to the last bit or nearly (see {@link #transform}).
 */
public enum XGBoostObjective {
    BINARY_LOGISTIC("binary:logistic", true, true),
    /** Unlike binary:logistic, XGBoost 3.0 adds its base_score to the margin as stored (verified by parity test). */
    BINARY_LOGITRAW("binary:logitraw", false, false),
    REG_LOGISTIC("reg:logistic", true, true),
    REG_SQUAREDERROR("reg:squarederror", false, false);

    /** XGBoost clamps the negated margin here so that {@code expf} cannot overflow to infinity. */
    private static final float SIGMOID_EXP_CAP = 88.7f;

    private final String xgboostName;
    private final boolean logisticBase;
    private final boolean sigmoidOutput;

    XGBoostObjective(String xgboostName, boolean logisticBase, boolean sigmoidOutput) {
        this.xgboostName = xgboostName;
        this.logisticBase = logisticBase;
        this.sigmoidOutput = sigmoidOutput;
    }

    /** The objective's name in XGBoost ({@code learner.objective.name}). */
    public String xgboostName() {
        return xgboostName;
    }

    /**
     * The objective with XGBoost's name {@code name}.
     *
     * @throws ModelLoadException naming the supported objectives if {@code name} is not one of them
     */
    public static XGBoostObjective fromXGBoostName(String name) {
        for (XGBoostObjective objective : values()) {
            if (objective.xgboostName.equals(name)) {
                return objective;
            }
        }
        throw new ModelLoadException("objective '" + name + "' is not supported: its output transformation is not "
                + "implemented, so scores would be wrong; supported: " + supportedNames());
    }

    static String supportedNames() {
        return Arrays.stream(values()).map(XGBoostObjective::xgboostName).collect(Collectors.joining(", "));
    }

    /**
     * The margin every row starts from. XGBoost stores {@code base_score} in output space (a probability for logistic
     * objectives) and converts it with the objective's {@code ProbToMargin}: {@code -log(1/p - 1)} in float for
     * {@code binary:logistic} and {@code reg:logistic}, identity otherwise.
     *
     * @throws ModelLoadException if a logistic base score is outside (0, 1)
     */
    public float baseMargin(float baseScore) {
        if (!logisticBase) {
            return baseScore;
        }
        if (!(baseScore > 0f && baseScore < 1f)) {
            throw new ModelLoadException("base_score " + baseScore + " is not a probability in (0, 1), which "
                    + xgboostName + " requires");
        }
        return (float) -Math.log(1f / baseScore - 1f);
    }

    /**
     * The output for a summed margin: XGBoost's float sigmoid {@code 1 / (1 + expf(min(-x, 88.7)))} for
     * {@code binary:logistic} and {@code reg:logistic}, identity otherwise. Java's {@code Math.exp} is correctly
     * rounded in double; narrowed to float it may differ from the C library's {@code expf} by one float ulp
     * (about 6e-8 near 1), far inside the parity tolerance.
     */
    public double transform(float margin) {
        if (!sigmoidOutput) {
            return margin;
        }
        float exponent = Math.min(-margin, SIGMOID_EXP_CAP);
        return 1f / ((float) Math.exp(exponent) + 1f);
    }
}
