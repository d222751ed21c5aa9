package io.streamscore.spec;

/**
 * Reads one top-level section of a spec into its record. Each section has its own reader, so a new section
 * (joins, model, stores) is a new implementation registered in {@link PipelineSpecReader}, and its keys,
 * defaults and messages live in one small class.
 *
 * @param <T> the record the section becomes
 */
interface SectionReader<T> {
    /** The top-level key of the section, e.g. {@code kafka}. */
    String section();

    /**
     * Reads the section, reporting every problem to the node's {@link SpecProblems}.
     *
     * @param section the section's node; absent when the spec does not have it (defaults apply)
     * @return the section's record, or {@code null} when the section had a problem
     */
    T read(SpecNode section);
}
