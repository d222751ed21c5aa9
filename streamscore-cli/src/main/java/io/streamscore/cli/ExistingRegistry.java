package io.streamscore.cli;

import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RegistryException;
import java.nio.file.Files;

/**
 * The registry of a {@code --registry} option for commands that only read it ({@code models list}, {@code show},
 * promotions, {@code serve}). {@link ModelRegistry#open} accepts a directory that does not exist yet, since the first
 * registration creates it; a reader given such a path would report "no models" or serve nothing, hiding a typo.
 */
final class ExistingRegistry {
    private ExistingRegistry() {}

    /** @throws RegistryException naming {@code --registry} when there is no directory at {@code location} */
    static ModelRegistry open(String location) {
        ModelRegistry registry = ModelRegistry.open(location);
        if (!Files.isDirectory(registry.root())) {
            throw new RegistryException("--registry " + location + ": no registry there (the directory does not "
                    + "exist); check the path, or create the registry by registering a model (`streamscore models "
                    + "--registry DIR register` or `streamscore train`)");
        }
        return registry;
    }
}
