package io.streamscore.cli.dashboard;

import io.streamscore.cli.demo.OutputMonitor;
import io.streamscore.cli.local.LocalRuntime;

/**
 * The dashboard of a running pipeline, for {@code streamscore run}: the pipeline's metrics endpoint plus an
 * {@link OutputMonitor} reading the outputs (as a read_committed consumer) for the feed of recent alerts.
 */
public final class LiveDashboard implements AutoCloseable {
    private final OutputMonitor monitor;
    private final Thread monitorThread;
    private final DashboardServer server;

    private LiveDashboard(OutputMonitor monitor, Thread monitorThread, DashboardServer server) {
        this.monitor = monitor;
        this.monitorThread = monitorThread;
        this.server = server;
    }

    public static LiveDashboard start(LocalRuntime runtime, int port) {
        OutputMonitor monitor = new OutputMonitor(runtime.bootstrapServers(), runtime.spec().outputs());
        DashboardServer server;
        try {
            server = DashboardServer.start(new DashboardModel(new MetricsScraper(runtime.metricsUrl()),
                    monitor.recentAlerts()), port);
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        Thread thread = new Thread(monitor, "streamscore-dashboard-alerts");
        thread.setDaemon(true);
        thread.start();
        return new LiveDashboard(monitor, thread, server);
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        monitor.close();
        monitorThread.join(10_000);
    }
}
