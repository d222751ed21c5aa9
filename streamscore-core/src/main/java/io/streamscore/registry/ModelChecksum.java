package io.streamscore.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of model files, as lowercase hex: what manifests store and model reads verify. */
public final class ModelChecksum {
    private ModelChecksum() {}

    public static String sha256(byte[] content) {
        return hex(newDigest().digest(content));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
