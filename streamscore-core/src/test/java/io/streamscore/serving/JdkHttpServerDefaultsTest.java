package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The JDK HTTP server's JVM-wide settings: Nagle off and time limits on slow requests and responses, an explicit
 * {@code -D} kept. (Measured by hand against {@code streamscore serve}, 2026-12-06: 40 connections that never finish
 * their headers, or their body, made every other request wait forever before; with the limits a new request is
 * answered 30 s after they stalled. A test of that takes the 30 s, so this checks the settings.)
 */
class JdkHttpServerDefaultsTest {
    @Test
    void setsTheLimitsAndKeepsAnExplicitSetting() {
        String before = System.getProperty(JdkHttpServerDefaults.MAX_RESPONSE_TIME);
        System.setProperty(JdkHttpServerDefaults.MAX_RESPONSE_TIME, "7");
        try {
            JdkHttpServerDefaults.apply();

            assertThat(System.getProperty(JdkHttpServerDefaults.NO_DELAY)).isEqualTo("true");
            assertThat(System.getProperty(JdkHttpServerDefaults.MAX_REQUEST_TIME)).isEqualTo("30");
            assertThat(System.getProperty(JdkHttpServerDefaults.MAX_RESPONSE_TIME)).isEqualTo("7");
        } finally {
            if (before == null) {
                System.clearProperty(JdkHttpServerDefaults.MAX_RESPONSE_TIME);
            } else {
                System.setProperty(JdkHttpServerDefaults.MAX_RESPONSE_TIME, before);
            }
        }
    }
}
