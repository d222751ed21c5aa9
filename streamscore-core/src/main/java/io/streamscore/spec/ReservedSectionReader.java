package io.streamscore.spec;

import java.util.List;

/**
 * A section name kept for a later stage ({@code joins}). Until that stage exists, a
 * non-empty section is an error rather than ignored: a user who writes a model expects it to be used. When a stage
 * lands, its section gets a real {@link SectionReader} and leaves {@link #SECTIONS}.
 */
final class ReservedSectionReader implements SectionReader<Void> {
    static final List<String> SECTIONS = List.of("joins");

    private final String section;

    ReservedSectionReader(String section) {
        this.section = section;
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public Void read(SpecNode node) {
        if (node.hasContent()) {
            node.error("section '" + section + "' is not supported by this version yet",
                    "remove the `" + section + "` section; this version runs sources -> features -> alerts -> model -> outputs");
        }
        return null;
    }
}
