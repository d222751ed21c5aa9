package io.streamscore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Optional;

/**
 * The benchmark JVM's heap setup, for the reports of {@code bench pipeline} and {@code bench features} and for a
 * warning when it will distort the first runs.
 *
 * <p>Why: on this machine (a Firecracker VM that returns freed guest memory to its host) the first touch of a page
 * costs a fault the host serves. A heap that grows, or that a full collection shrinks, pays those faults again inside
 * the runs: in a 200K-payment run at 10K keys, the first at-least-once pipeline after the warm-up took 495K minor
 * faults and 13.6 s of kernel CPU against 16.3 s in user space (132 us of CPU per payment; 20 us in later runs).
 * With the heap fixed and touched at start ({@code -Xms6g -Xmx6g -XX:+AlwaysPreTouch}) the same run took 24K faults
 * and 0.85 s in the kernel. Production TaskManagers run with a fixed heap too (Flink sets {@code -Xms} to
 * {@code -Xmx}).
 */
public final class BenchJvm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchJvm() {}

    /** {@code heap_initial_bytes}, {@code heap_max_bytes}, {@code heap_pretouched} and the collectors. */
    public static ObjectNode describe() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode jvm = JSON.createObjectNode();
        jvm.put("heap_initial_bytes", heap.getInit());
        jvm.put("heap_max_bytes", heap.getMax());
        jvm.put("heap_pretouched", preTouched());
        ArrayNode collectors = jvm.putArray("collectors");
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(collector.getName());
        }
        return jvm;
    }

    /** The warning for this JVM, if its heap is not fixed and pre-touched. */
    public static Optional<String> warning() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return warning(heap.getInit(), heap.getMax(), preTouched());
    }

    static Optional<String> warning(long initialBytes, long maxBytes, boolean preTouched) {
        if (initialBytes == maxBytes && preTouched) {
            return Optional.empty();
        }
        long gib = Math.max(1, Math.round(maxBytes / (double) (1L << 30)));
        String problem = initialBytes != maxBytes && !preTouched ? "neither fixed (-Xms = -Xmx) nor pre-touched"
                : initialBytes != maxBytes ? "not fixed (-Xms = -Xmx)" : "not pre-touched";
        return Optional.of("warning: the heap is " + problem + ": page faults of a growing heap slow the first"
                + " runs (up to 6x the CPU per event here). Run with STREAMSCORE_JAVA_OPTS=\"-Xms" + gib + "g -Xmx"
                + gib + "g -XX:+AlwaysPreTouch\".");
    }

    private static boolean preTouched() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("AlwaysPreTouch").getValue());
    }
}
