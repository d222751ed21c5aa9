package io.streamscore.cli.local;

import io.streamscore.flink.metrics.StreamscoreMetricReporter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.runtime.metrics.MetricRegistryConfiguration;
import org.apache.flink.runtime.metrics.MetricRegistryImpl;
import org.apache.flink.runtime.metrics.ReporterSetup;
import org.apache.flink.runtime.metrics.ReporterSetupBuilder;
import org.apache.flink.runtime.metrics.filter.DefaultReporterFilters;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A MiniCluster whose metric registry serves Streamscore's Prometheus endpoint on a port it binds at start, or fails
 * its start, naming {@code --metrics-port}, when that port is taken.
 *
 * <p>Configured the usual way ({@code metrics.reporter.streamscore.*}), the reporter would be opened by Flink's
 * reporter setup, which logs a reporter that cannot open as an error ("Reporting might not be exposed") and goes on:
 * the job would run without its endpoint, and a second local run with the same port would have its dashboard scrape
 * the first run's metrics. Reporters configured in Flink's configuration are set up as Flink would.
 */
final class MetricsServingMiniCluster extends MiniCluster {
    private final MiniClusterConfiguration configuration;
    private final String metricsHost;
    private final int metricsPort;
    private final StreamscoreMetricReporter reporter = new StreamscoreMetricReporter();

    /** {@code metricsPort} 0 binds a free port: {@link #metricsPort()} tells which once started. */
    MetricsServingMiniCluster(MiniClusterConfiguration configuration, String metricsHost, int metricsPort) {
        super(configuration);
        this.configuration = configuration;
        this.metricsHost = metricsHost;
        this.metricsPort = metricsPort;
    }

    /** The port the metrics endpoint listens on; valid once {@link #start()} returned. */
    int metricsPort() {
        return reporter.port();
    }

    @Override
    protected MetricRegistryImpl createMetricRegistry(Configuration config, long maximumMessageSizeInBytes) {
        MetricConfig endpoint = new MetricConfig();
        endpoint.setProperty(StreamscoreMetricReporter.HOST, metricsHost);
        endpoint.setProperty(StreamscoreMetricReporter.PORT, Integer.toString(metricsPort));
        List<ReporterSetup> reporters = new ArrayList<>(ReporterSetupBuilder.METRIC_SETUP_BUILDER.fromConfiguration(
                config, DefaultReporterFilters::metricsFromConfiguration, configuration.getPluginManager()));
        try { // opens the reporter, which binds the port
            reporters.add(ReporterSetupBuilder.METRIC_SETUP_BUILDER.forReporter(
                    StreamscoreMetricReporter.REPORTER_NAME, endpoint, reporter));
        } catch (UncheckedIOException e) {
            reporters.forEach(setup -> setup.getReporter().close());
            throw new UncheckedIOException("the metrics endpoint could not listen on " + metricsHost + ":"
                    + metricsPort + " (--metrics-port: choose a free port, or 0 for any free one)", e.getCause());
        }
        return new MetricRegistryImpl(
                MetricRegistryConfiguration.fromConfiguration(config, maximumMessageSizeInBytes),
                reporters,
                ReporterSetupBuilder.TRACE_SETUP_BUILDER.fromConfiguration(
                        config, DefaultReporterFilters::tracesFromConfiguration, configuration.getPluginManager()),
                ReporterSetupBuilder.EVENT_SETUP_BUILDER.fromConfiguration(
                        config, DefaultReporterFilters::eventsFromConfiguration, configuration.getPluginManager()));
    }
}
