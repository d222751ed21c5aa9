package io.streamscore.spec;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Finds the valid YAML that the tree reader would get wrong, before the tree is read, each at the dotted path of the
 * value: an alias ({@code *cd}), which Jackson reads as the text {@code cd} instead of the anchored value; a
 * non-finite number ({@code .nan}, {@code .inf}), which it cannot read at all; and a second document after
 * {@code ---}, which it ignores. Anchors and aliases are refused rather than resolved: each value is then written
 * where it applies, and what a key holds can be read off the spec without following references.
 */
final class SpecYamlScan {
    /** YAML's spellings of infinity and NaN (the 1.1 and 1.2 core schemas agree). */
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /** One open map or list: its path, and for a map whether the next node is a key. */
    private static final class Frame {
        final String path;
        final boolean map;
        boolean atKey = true;
        String key = "?";
        int index;

        Frame(String path, boolean map) {
            this.path = path;
            this.map = map;
        }

        String childPath() {
            String child = map ? key : "[" + index + "]";
            return path.isEmpty() || !map ? path + child : path + "." + child;
        }

        void nodeDone() {
            if (map) {
                atKey = !atKey;
            } else {
                index++;
            }
        }
    }

    private final Deque<Frame> open = new ArrayDeque<>();
    private final SpecProblems problems = new SpecProblems();
    private int documents;
    private Mark secondDocument;

    private SpecYamlScan() {}

    /** The problems found; empty when there are none or when the text is not valid YAML (reported elsewhere). */
    static List<SpecError> problems(String yaml) {
        SpecYamlScan scan = new SpecYamlScan();
        try {
            new Yaml().parse(new StringReader(yaml)).forEach(scan::visit);
        } catch (YAMLException e) {
            return List.of();
        }
        return scan.result();
    }

    private List<SpecError> result() {
        List<SpecError> found = new ArrayList<>(problems.list());
        if (documents > 1) {
            found.add(new SpecError(SpecLoader.WHOLE_SPEC, "the file holds " + documents + " YAML documents; a spec "
                    + "is one", "remove the `---` at line " + (secondDocument.getLine() + 1) + " and what follows it, "
                    + "or put each pipeline in its own file"));
        }
        return found;
    }

    private void visit(Event event) {
        if (event instanceof DocumentStartEvent) {
            documents++;
            secondDocument = documents == 2 ? event.getStartMark() : secondDocument;
        } else if (event instanceof NodeEvent node) {
            visitNode(node);
        } else if (event instanceof CollectionEndEvent) {
            open.pop();
            nodeDone();
        }
    }

    private void visitNode(NodeEvent node) {
        Frame parent = open.peek();
        boolean key = parent != null && parent.map && parent.atKey;
        if (key && node instanceof ScalarEvent scalar) {
            parent.key = scalar.getValue();
        } else if (key) {
            parent.key = "?";
        }
        String path = parent == null ? "" : parent.childPath();
        String line = " at line " + (node.getStartMark().getLine() + 1);
        if (node instanceof AliasEvent alias) {
            problems.add(path, "`*" + alias.getAnchor() + "`" + line + " is a YAML alias; a spec does not use "
                    + "anchors and aliases", "write the value itself here (what `&" + alias.getAnchor() + "` marks), "
                    + "and remove the anchor `&" + alias.getAnchor() + "`");
        } else if (!key && node instanceof ScalarEvent scalar && scalar.isPlain() && scalar.getTag() == null
                && NON_FINITE.matcher(scalar.getValue()).matches()) {
            problems.add(path, "'" + scalar.getValue() + "'" + line + " is not a finite number",
                    "write a finite number here; infinity and NaN are not values any setting accepts");
        }
        if (node instanceof CollectionStartEvent) {
            open.push(new Frame(path, !(node instanceof SequenceStartEvent)));
        } else {
            nodeDone();
        }
    }

    private void nodeDone() {
        if (!open.isEmpty()) {
            open.peek().nodeDone();
        }
    }
}
