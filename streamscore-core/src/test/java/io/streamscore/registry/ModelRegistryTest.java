package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    Path root;
    @TempDir
    Path input;

    private ModelRegistry registry() {
        return ModelRegistry.open(root, Clock.fixed(ManifestFixtures.NOW, ZoneOffset.UTC), "alice");
    }

    private ModelManifest register(String name, int seed) throws IOException {
        return registry().register(name, ManifestFixtures.modelFile(input, seed), ManifestFixtures.draft());
    }

    @Test
    void registerNumbersVersionsFromOneAndFillsInChecksumAndTime() throws IOException {
        ModelManifest first = register("fraud", 1);
        ModelManifest second = register("fraud", 2);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.sha256()).isEqualTo(ModelChecksum.sha256(ManifestFixtures.modelContent(2)));
        assertThat(second.createdAtMillis()).isEqualTo(ManifestFixtures.NOW.toEpochMilli());
        assertThat(second.draft()).isEqualTo(ManifestFixtures.draft());
    }

    @Test
    void versionDirectoryHoldsTheModelNamedByFormatAndTheManifest() throws IOException {
        ModelManifest registered = register("fraud", 1);

        assertThat(root.resolve("fraud/1/model.json")).hasBinaryContent(ManifestFixtures.modelContent(1));
        assertThat(registry().manifest("fraud", 1)).isEqualTo(registered);
        assertThat(registry().modelBytes("fraud", 1)).isEqualTo(ManifestFixtures.modelContent(1));
    }

    @Test
    void listAndVersionsAreSorted() throws IOException {
        register("fraud", 1);
        register("bots", 2);
        register("fraud", 3);

        assertThat(registry().list()).containsExactly("bots", "fraud");
        assertThat(registry().versions("fraud")).containsExactly(1, 2);
    }

    @Test
    void emptyOrMissingRegistryListsNoModels() throws IOException {
        assertThat(ModelRegistry.open(root.resolve("not-yet")).list()).isEmpty();
    }

    @Test
    void unknownModelErrorListsTheModelsThatExist() throws IOException {
        register("fraud", 1);

        assertThatThrownBy(() -> registry().versions("frud")).isInstanceOf(RegistryException.class)
                .hasMessage("no model 'frud' in registry " + root + "; models: fraud");
    }

    @Test
    void unknownVersionErrorListsTheVersionsThatExist() throws IOException {
        register("fraud", 1);
        register("fraud", 2);

        assertThatThrownBy(() -> registry().manifest("fraud", 7)).isInstanceOf(RegistryException.class)
                .hasMessage("model 'fraud' has no version 7; its versions: [1, 2]");
    }

    @Test
    void modelBytesThatNoLongerMatchTheChecksumAreRefused() throws IOException {
        register("fraud", 1);
        Files.writeString(root.resolve("fraud/1/model.json"), "{\"tampered\": true}");

        assertThatThrownBy(() -> registry().modelBytes("fraud", 1)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("does not match its manifest")
                .hasMessageContaining(ModelChecksum.sha256(ManifestFixtures.modelContent(1)));
    }

    @Test
    void crashedHalfWrittenVersionIsIgnoredAndDoesNotBlockTheNextRegistration() throws IOException {
        register("fraud", 1);
        Files.createDirectories(root.resolve("fraud/2"));
        Files.writeString(root.resolve("fraud/2/model.json"), "{\"half");
        Files.createDirectories(root.resolve("fraud/.staging-crashed"));
        Files.createDirectories(root.resolve("orphan/1"));

        assertThat(registry().list()).containsExactly("fraud");
        assertThat(registry().versions("fraud")).containsExactly(1);

        assertThat(register("fraud", 3).version()).isEqualTo(3);
        assertThat(registry().versions("fraud")).containsExactly(1, 3);
    }

    @Test
    void failedRegistrationLeavesNoStagingDirectory() throws IOException {
        register("fraud", 1);

        assertThatThrownBy(() -> registry().register("fraud", input.resolve("absent.json"), ManifestFixtures.draft()))
                .isInstanceOf(RegistryException.class).hasMessageContaining("does not exist");
        try (var entries = Files.list(root.resolve("fraud"))) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".staging-"));
        }
    }

    @Test
    void modelNameThatCouldEscapeTheRegistryIsRefused() {
        assertThatThrownBy(() -> register("../escape", 1)).hasMessageStartingWith("name: '../escape' is not a valid");
    }

    @Test
    void registryAtAFileUriIsTheSameAsAtItsPath() throws IOException {
        register("fraud", 1);

        assertThat(ModelRegistry.open(root.toUri().toString()).versions("fraud")).containsExactly(1);
        assertThat(ModelRegistry.open(root.toString()).versions("fraud")).containsExactly(1);
    }

    @Test
    void registryUriWithoutAFileSystemIsRefusedClearly() {
        assertThatThrownBy(() -> ModelRegistry.open("s3x://bucket/models")).isInstanceOf(RegistryException.class)
                .hasMessageContaining("cannot open registry s3x://bucket/models");
    }
}
