package io.streamscore.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where things are in a registry directory:
 * <pre>
 * root/
 *   fraud/                      one directory per model name
 *     registry.json             champion, challengers, history ({@link RolloutState})
 *     .lock                     the lock file that serializes changes
 *     1/manifest.json           one directory per version: manifest and model file
 *     1/model.json
 *     .staging-UUID/            a registration in progress (or one that crashed): never a version
 * </pre>
 * A version exists once its directory is named by a positive integer and holds {@code manifest.json}; the directory
 * is renamed into place complete, so anything else is debris of a crash and is ignored.
 */
final class RegistryLayout {
    static final String MANIFEST = "manifest.json";
    static final String ROLLOUT = "registry.json";
    static final String LOCK = ".lock";
    static final String STAGING_PREFIX = ".staging-";
    private static final Pattern VERSION_DIRECTORY = Pattern.compile("[1-9][0-9]{0,8}");

    private final Path root;

    RegistryLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The model's directory; a name that is not valid (and so might leave the root) is refused first. */
    Path model(String name) {
        if (!ModelName.isValid(name)) {
            throw new RegistryException(ModelName.problem(name, "name"));
        }
        return root.resolve(name);
    }

    Path version(String name, int version) {
        return model(name).resolve(Integer.toString(version));
    }

    Path manifest(String name, int version) {
        return version(name, version).resolve(MANIFEST);
    }

    Path rollout(String name) {
        return model(name).resolve(ROLLOUT);
    }

    Path lock(String name) {
        return model(name).resolve(LOCK);
    }

    /** Names of the model directories that hold at least one complete version, sorted. */
    List<String> modelNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path directory : children(root)) {
            String name = directory.getFileName().toString();
            if (!name.startsWith(".") && !completeVersions(directory).isEmpty()) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** Complete versions of the model in {@code modelDirectory}, ascending. */
    List<Integer> completeVersions(Path modelDirectory) throws IOException {
        List<Integer> versions = new ArrayList<>();
        for (int version : numberedDirectories(modelDirectory)) {
            if (Files.isRegularFile(modelDirectory.resolve(Integer.toString(version)).resolve(MANIFEST))) {
                versions.add(version);
            }
        }
        return versions;
    }

    /**
     * The next version number: one more than any numbered directory, complete or not, so a number is never
     * reused, not even that of a registration that crashed after its rename.
     */
    int nextVersion(String name) throws IOException {
        return numberedDirectories(model(name)).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    private List<Integer> numberedDirectories(Path modelDirectory) throws IOException {
        List<Integer> versions = new ArrayList<>();
        for (Path directory : children(modelDirectory)) {
            String name = directory.getFileName().toString();
            if (VERSION_DIRECTORY.matcher(name).matches()) {
                versions.add(Integer.parseInt(name));
            }
        }
        versions.sort(null);
        return versions;
    }

    private static List<Path> children(Path directory) throws IOException {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            entries.forEach(children::add);
        }
        return children;
    }
}
