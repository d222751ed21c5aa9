package io.streamscore.features;

/** {@link FeatureFilter#ALL}: one instance, also after Java deserialization, with an empty {@link #source()}. */
final class AcceptAllFilter implements FeatureFilter {
    private static final long serialVersionUID = 1L;
    static final AcceptAllFilter INSTANCE = new AcceptAllFilter();

    private AcceptAllFilter() {}

    @Override
    public boolean test(double[] numbers, String[] strings) {
        return true;
    }

    @Override
    public String source() {
        return "";
    }

    private Object readResolve() {
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "all events";
    }
}
