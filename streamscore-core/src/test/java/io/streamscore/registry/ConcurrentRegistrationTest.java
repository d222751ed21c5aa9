package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentRegistrationTest {
    private static final int THREADS = 6;
    private static final int PER_THREAD = 4;

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveVersions(@TempDir Path root, @TempDir Path input)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Integer>>> tasks = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            Path model = ManifestFixtures.modelFile(input, thread);
            // One registry instance per thread, as separate processes would have.
            tasks.add(() -> {
                ModelRegistry registry = ModelRegistry.open(root);
                start.await();
                List<Integer> versions = new ArrayList<>();
                for (int i = 0; i < PER_THREAD; i++) {
                    versions.add(registry.register("fraud", model, ManifestFixtures.draft()).version());
                }
                return versions;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Integer> assigned = new ArrayList<>();
        try {
            List<Future<List<Integer>>> results = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<List<Integer>> result : results) {
                assigned.addAll(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Integer> expected = IntStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList();
        assertThat(assigned).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ModelRegistry.open(root).versions("fraud")).isEqualTo(expected);
    }

    @Test
    void concurrentChallengerChangesAreAllKept(@TempDir Path root, @TempDir Path input) throws Exception {
        ModelRegistry setup = ModelRegistry.open(root);
        for (int seed = 1; seed <= THREADS; seed++) {
            setup.register("fraud", ManifestFixtures.modelFile(input, seed), ManifestFixtures.draft());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<RolloutState>> results = IntStream.rangeClosed(1, THREADS).mapToObj(version -> pool.submit(
                    () -> ModelRegistry.open(root).setChallenger("fraud", version, ChallengerMode.SHADOW, 0)))
                    .toList();
            for (Future<RolloutState> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(setup.rollout("fraud").challengers()).extracting(Challenger::version)
                .containsExactly(1, 2, 3, 4, 5, 6);
    }
}
