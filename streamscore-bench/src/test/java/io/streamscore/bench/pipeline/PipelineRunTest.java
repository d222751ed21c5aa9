package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PipelineRunTest {

    /** 1,000 results 1 ms apart, after a 5 s start-up and before a 2 s wait: the rate of the steady part only. */
    @Test
    void steadyRateLeavesOutTheStartAndTheEnd() {
        long[] times = new long[1_000];
        for (int i = 0; i < times.length; i++) {
            times[i] = 5_000_000_000L + i * 1_000_000L;
        }
        times[0] = 0; // the first result, long before the rest (job start)
        times[times.length - 1] += 2_000_000_000L; // the last, after a final checkpoint's wait

        assertThat(PipelineRun.steadyRate(times)).isCloseTo(1_000.0, within(1e-6));
    }

    @Test
    void steadyRateOfResultsThatCameInBurstsIsTheirCountOverTheBurstsSpan() {
        long[] times = new long[100];
        for (int i = 0; i < times.length; i++) {
            times[i] = (i / 10) * 1_000_000_000L; // ten bursts of ten, one second apart
        }
        // results 10..90 span bursts 1..9: 80 results in 8 s
        assertThat(PipelineRun.steadyRate(times)).isCloseTo(10.0, within(1e-9));
    }

    /** 1,000 payments sent 1 ms apart: read 5 ms after each, the pipeline kept up; read 2 ms apart, it did not. */
    @Test
    void readVsSendIsOneWhenThePipelineKeepsUpAndTheShareItManagedWhenNot() {
        int n = 1_000;
        long[] sent = new long[n + 5];
        long[] keptUp = new long[n + 5];
        long[] behind = new long[n + 5];
        for (int i = 0; i < n; i++) {
            sent[n - 1 - i] = i * 1_000_000L; // any order
            keptUp[i] = i * 1_000_000L + 5_000_000L;
            behind[i] = i * 2_000_000L + 5_000_000L;
        }

        assertThat(PipelineRun.readVsSend(keptUp, sent, n)).isCloseTo(1.0, within(1e-9));
        assertThat(PipelineRun.readVsSend(behind, sent, n)).isCloseTo(0.5, within(1e-9));
    }
}
