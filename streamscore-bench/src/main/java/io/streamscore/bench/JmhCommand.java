package io.streamscore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code bench jmh ...}: every argument after {@code jmh} goes to JMH unchanged (its own {@code -h} included). */
@Command(name = "jmh", description = "Run this module's JMH micro-benchmarks; all arguments go to JMH"
        + " unchanged (e.g. 'jmh XGBoostScoringBenchmark -f 1', 'jmh -h' for JMH's options).")
public final class JmhCommand implements Callable<Integer> {
    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
        return 0;
    }
}
