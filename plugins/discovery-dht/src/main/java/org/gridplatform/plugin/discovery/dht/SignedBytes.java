package org.gridplatform.plugin.discovery.dht;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes that a record's signature covers: a domain string that names the kind of record
 * and its version, then the record's fields in a fixed order. Each text (UTF-8) and each byte string is
 * its length as a 4-byte big-endian unsigned integer followed by its bytes; each number is 8 bytes,
 * big-endian, two's complement. So no two different records have the same bytes, and a signature over
 * one kind of record can never pass for another kind (see docs/security.md, "Signed DHT records").
 */
final class SignedBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    private SignedBytes() {
    }

    /** @return the encoding of a record of the kind {@code domain}, such as {@code grid-dht-provider-v1} */
    static SignedBytes of(String domain) {
        return new SignedBytes().text(domain);
    }

    SignedBytes text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    SignedBytes bytes(byte[] value) {
        try {
            out.writeInt(value.length);
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // never: the stream is in memory
        }
        return this;
    }

    SignedBytes number(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }
}
