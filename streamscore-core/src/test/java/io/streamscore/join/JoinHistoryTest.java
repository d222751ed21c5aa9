package io.streamscore.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.spec.ClickMeasure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class JoinHistoryTest {
    private record Click(long time, byte kind, String session) {}

    private record Version(long time, int order, double[] row) {}

    @RepeatedTest(20)
    void clickMeasuresEqualBruteForceWhateverTheArrivalOrder() {
        SplittableRandom random = new SplittableRandom();
        List<Click> clicks = new ArrayList<>();
        ClickHistory history = new ClickHistory();
        for (int i = 0; i < 200; i++) {
            Click click = new Click(random.nextLong(0, 10_000), (byte) random.nextInt(3), "s" + random.nextInt(4));
            clicks.add(click);
            history.add(click.time, click.kind, click.session);
        }
        for (int q = 0; q < 100; q++) {
            long t = random.nextLong(-100, 11_000);
            long window = random.nextLong(1, 3_000);
            for (ClickMeasure measure : ClickMeasure.values()) {
                assertThat((Double) history.measure(measure, t, window)).as("%s at %d over %d", measure, t, window)
                        .isEqualTo((Double) bruteForce(clicks, measure, t, window));
            }
        }
    }

    private static double bruteForce(List<Click> clicks, ClickMeasure measure, long t, long window) {
        List<Click> in = clicks.stream().filter(c -> c.time <= t && c.time > t - window).toList();
        return switch (measure) {
            case CLICKS -> in.size();
            case PAGES_VIEWED -> in.stream().filter(c -> c.kind == ClickHistory.VIEW).count();
            case FAILED_LOGINS -> in.stream().filter(c -> c.kind == ClickHistory.FAILED_LOGIN).count();
            case SESSION_AGE -> {
                if (in.isEmpty()) {
                    yield Double.NaN;
                }
                long latest = in.stream().mapToLong(Click::time).max().getAsLong();
                // the latest click by time; among equal times, the one inserted last
                Click last = null;
                for (Click c : in) {
                    if (c.time == latest) {
                        last = c;
                    }
                }
                String session = last.session;
                yield t - in.stream().filter(c -> c.session.equals(session)).mapToLong(Click::time).min().getAsLong();
            }
        };
    }

    @RepeatedTest(20)
    void profileLookupFindsTheVersionValidAtTheTimeDespiteDisorderAndDeletes() {
        SplittableRandom random = new SplittableRandom();
        List<Version> versions = new ArrayList<>();
        ProfileHistory history = new ProfileHistory(2);
        for (int i = 0; i < 50; i++) {
            double[] row = random.nextInt(5) == 0 ? null : new double[] {i, random.nextDouble()};
            Version version = new Version(random.nextLong(0, 1_000), i, row);
            versions.add(version);
            history.add(version.time, row);
        }
        for (long t = -10; t < 1_010; t += 7) {
            double[] out = new double[3];
            boolean found = history.lookup(t, out, 1);
            double[] expected = expectedAt(versions, t);
            assertThat(found).isEqualTo(expected != null);
            assertThat(Arrays.copyOfRange(out, 1, 3)).containsExactly(expected == null
                    ? new double[] {Double.NaN, Double.NaN} : expected);
        }
    }

    private static double[] expectedAt(List<Version> versions, long t) {
        Version best = null;
        for (Version v : versions) { // later arrival wins among equal times
            if (v.time <= t && (best == null || v.time >= best.time)) {
                best = v;
            }
        }
        return best == null ? null : best.row;
    }

    @Test
    void pruningKeepsTheVersionValidAtTheHorizonAndLookupsAfterIt() {
        ProfileHistory history = new ProfileHistory(1);
        history.add(100, new double[] {1});
        history.add(200, new double[] {2});
        history.add(300, null);
        history.add(400, new double[] {4});

        history.pruneBefore(250);

        assertThat(history.size).isEqualTo(3);
        double[] out = new double[1];
        assertThat(history.lookup(250, out, 0)).isTrue();
        assertThat(out[0]).isEqualTo(2);
        history.pruneBefore(350); // the valid version is the delete: nothing older is needed, nor the delete
        assertThat(history.size).isEqualTo(1);
        assertThat(history.lookup(350, out, 0)).isFalse();
        assertThat(history.lookup(400, out, 0)).isTrue();
    }

    @Test
    void pruningClicksDropsOnlyThoseAtOrBeforeTheHorizon() {
        ClickHistory clicks = new ClickHistory();
        for (long t : new long[] {50, 10, 30, 20, 40}) {
            clicks.add(t, (byte) 0, "s");
        }
        clicks.pruneBefore(30);

        assertThat(Arrays.copyOf(clicks.times, clicks.size)).containsExactly(40, 50);
        assertThat(clicks.measure(ClickMeasure.CLICKS, 50, 100)).isEqualTo(2);
    }
}
