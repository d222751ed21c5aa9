package io.streamscore.serving.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsRefusalTest {
    @Test
    void aServersAlertAnywhereInTheCausesTellsAMissingFromARefusedCertificate() {
        Throwable required = new IOException("request failed",
                new SSLHandshakeException("Received fatal alert: certificate_required"));
        Throwable unknownCa = new RuntimeException(new SSLHandshakeException("Received fatal alert: unknown_ca"));

        assertThat(TlsRefusal.of(required, false)).isEqualTo(TlsRefusal.CERTIFICATE_REQUIRED);
        // a client offers only certificates of the CAs the server names: asked for one, it had none to send
        assertThat(TlsRefusal.of(required, true)).isEqualTo(TlsRefusal.CERTIFICATE_REFUSED);
        assertThat(TlsRefusal.of(unknownCa, true)).isEqualTo(TlsRefusal.CERTIFICATE_REFUSED);
        assertThat(TlsRefusal.of(unknownCa, false)).isEqualTo(TlsRefusal.CERTIFICATE_REQUIRED);
    }

    @Test
    void otherFailuresAreNotRefusals() {
        assertThat(TlsRefusal.of(new IOException("Connection refused"), true)).isEqualTo(TlsRefusal.NONE);
        assertThat(TlsRefusal.of(new SSLHandshakeException("Received fatal alert: protocol_version"), false))
                .isEqualTo(TlsRefusal.NONE);
        assertThat(TlsRefusal.of(new SSLHandshakeException("PKIX path building failed"), false))
                .isEqualTo(TlsRefusal.NONE);
    }
}
