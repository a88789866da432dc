package org.gridplatform.plugin.discovery.dht;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIds;

/**
 * The JSON of the DHT's messages, as maps and lists that the host's {@link
 * org.gridplatform.spi.discovery.JsonCodec} writes and reads (JSON-B cannot bind this package's
 * private records), and the strict checks of what peers send.
 *
 * <p>A contact is {@code {"id": "Bob", "address": "http://127.0.0.1:8181"}}; a key is 64 lower-case
 * hexadecimal digits (SHA-256). A signed record {@code R} is a contact plus {@code "public-key"} (the
 * signer's Ed25519 key, X.509 SubjectPublicKeyInfo in base64url without padding), {@code "issued-at"} and
 * {@code "expires-at"} (milliseconds since 1970-01-01T00:00Z) and {@code "signature"} (Ed25519, base64url
 * without padding) over the record's canonical bytes ({@link NodeRecord}, {@link ProviderRecord}). Every
 * message carries its sender's contact, every answer its sender's node record:
 * <pre>
 * POST /discovery/ping        {"sender": C}                         -> {"sender": R}
 * POST /discovery/store       {"sender": C, "key": K, "record": R}  -> {"sender": R, "stored": true}
 * POST /discovery/find-node   {"sender": C, "target": K}            -> {"sender": R, "contacts": [C, ...]}
 * POST /discovery/find-value  {"sender": C, "key": K}               -> {"sender": R, "providers": [P, ...], "contacts": [C, ...]}
 * </pre>
 * where the record of a store is the sender's provider record for the key, and a provider {@code P} is a
 * provider record for the key looked up plus {@code "age"}: milliseconds since it was stored. Fields this
 * version does not know are ignored, so that newer nodes can add some; every known field is checked, and
 * lists are bounded ({@value DhtSettings#MAX_K} contacts, {@value DhtNode#MAX_PROVIDERS_PER_KEY} providers).
 */
final class WireFormat {

    static final String PING = "ping";
    static final String STORE = "store";
    static final String FIND_NODE = "find-node";
    static final String FIND_VALUE = "find-value";
    static final List<String> OPERATIONS = List.of(PING, STORE, FIND_NODE, FIND_VALUE);

    private static final String CONTACT_EXAMPLE = "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}";
    private static final String RECORD_EXAMPLE = "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\", \"public-key\": \"MCowBQYDK2VwAyEA...\","
            + " \"issued-at\": 1767225600000, \"expires-at\": 1767225780000, \"signature\": \"...\"}";
    private static final String KEY_RULE = "64 lower-case hexadecimal digits (a SHA-256 hash)";
    private static final String SIGNATURE_RULE = "an Ed25519 signature: 64 bytes in base64url without padding ("
            + SignedRecord.SIGNATURE_TEXT_LENGTH + " characters)";
    /** Times are whole milliseconds that a JSON number carries exactly. */
    private static final long MAX_TIME = (1L << 53) - 1;

    /**
     * A request, checked as to its shape.
     *
     * @param operation one of {@link #OPERATIONS}
     * @param sender    the sender's contact
     * @param key       the key of a store or find-value, the target of a find-node; null for a ping
     * @param record    the provider record of a store; null otherwise
     */
    record Request(String operation, Contact sender, Key key, ProviderRecord record) {
    }

    private WireFormat() {
    }

    // ---- Writing.

    static Map<String, Object> contact(Contact contact) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", contact.nodeId());
        json.put("address", contact.address().toString());
        return json;
    }

    static Map<String, Object> record(SignedRecord record) {
        Map<String, Object> json = contact(record.contact());
        json.put("public-key", record.publicKey().text());
        json.put("issued-at", record.issuedAt());
        json.put("expires-at", record.expiresAt());
        json.put("signature", record.signature());
        return json;
    }

    static Map<String, Object> ping(Contact sender) {
        return message(sender);
    }

    static Map<String, Object> store(Contact sender, ProviderRecord record) {
        Map<String, Object> json = message(sender);
        json.put("key", record.key().hex());
        json.put("record", record(record));
        return json;
    }

    static Map<String, Object> findNode(Contact sender, Key target) {
        Map<String, Object> json = message(sender);
        json.put("target", target.hex());
        return json;
    }

    static Map<String, Object> findValue(Contact sender, Key key) {
        Map<String, Object> json = message(sender);
        json.put("key", key.hex());
        return json;
    }

    static Map<String, Object> pingAnswer(NodeRecord sender) {
        return answer(sender);
    }

    static Map<String, Object> storeAnswer(NodeRecord sender, boolean stored) {
        Map<String, Object> json = answer(sender);
        json.put("stored", stored);
        return json;
    }

    static Map<String, Object> findNodeAnswer(NodeRecord sender, List<Contact> contacts) {
        Map<String, Object> json = answer(sender);
        json.put("contacts", contacts.stream().map(WireFormat::contact).toList());
        return json;
    }

    static Map<String, Object> findValueAnswer(NodeRecord sender, RpcTransport.ValueReply reply) {
        Map<String, Object> json = answer(sender);
        List<Map<String, Object>> providers = new ArrayList<>();
        for (ProviderStore.Reported provider : reply.providers()) {
            Map<String, Object> entry = record(provider.record());
            entry.put("age", provider.age());
            providers.add(entry);
        }
        json.put("providers", providers);
        json.put("contacts", reply.contacts().stream().map(WireFormat::contact).toList());
        return json;
    }

    private static Map<String, Object> message(Contact sender) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sender", contact(sender));
        return json;
    }

    private static Map<String, Object> answer(NodeRecord sender) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sender", record(sender));
        return json;
    }

    // ---- Reading, strictly.

    /**
     * @param operation one of {@link #OPERATIONS}
     * @param json      the body as the codec read it: a map, or anything else if the body was not an object
     * @throws InvalidRequestException saying which field is wrong and what it must be
     */
    static Request readRequest(String operation, Object json) {
        Fields fields = Fields.of(json, "The body of a dht '" + operation + "' message", requestExample(operation));
        Contact sender = fields.contact("sender");
        return switch (operation) {
            case PING -> new Request(operation, sender, null, null);
            case STORE -> {
                Key key = fields.key("key");
                yield new Request(operation, sender, key, fields.providerRecord("record", key));
            }
            case FIND_NODE -> new Request(operation, sender, fields.key("target"), null);
            case FIND_VALUE -> new Request(operation, sender, fields.key("key"), null);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** @return the sender's node record of a ping answer */
    static NodeRecord readPingAnswer(Object json) {
        return readSender(json, PING);
    }

    /** @return whether a store answer says the record was stored; its sender is read by {@link #readSender} */
    static boolean readStoreAnswer(Object json) {
        return Fields.of(json, "A store answer", "{\"sender\": " + RECORD_EXAMPLE + ", \"stored\": true}").bool("stored");
    }

    static List<Contact> readFindNodeAnswer(Object json) {
        Fields fields = Fields.of(json, "A find-node answer", "{\"sender\": " + RECORD_EXAMPLE + ", \"contacts\": []}");
        return fields.contacts("contacts");
    }

    /** @param key the key looked up, which the provider records must be for */
    static RpcTransport.ValueReply readFindValueAnswer(Object json, Key key) {
        Fields fields = Fields.of(json, "A find-value answer",
                "{\"sender\": " + RECORD_EXAMPLE + ", \"providers\": [], \"contacts\": []}");
        List<?> list = fields.array("providers", DhtNode.MAX_PROVIDERS_PER_KEY);
        List<ProviderStore.Reported> providers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String field = "providers[" + i + "]";
            Fields provider = Fields.of(list.get(i), "The field '" + field + "'", RECORD_EXAMPLE.replace("}", ", \"age\": 1500}"));
            provider.prefix = field + ".";
            providers.add(new ProviderStore.Reported(provider.providerRecordFields(key),
                    provider.wholeNumber("age", 0, DhtSettings.MAX_TTL.toMillis(), "milliseconds")));
        }
        return new RpcTransport.ValueReply(providers, fields.contacts("contacts"));
    }

    /** @return the node record of any answer's sender, as sent (its signature is not checked here) */
    static NodeRecord readSender(Object json, String operation) {
        Fields fields = Fields.of(json, "A " + operation + " answer", "{\"sender\": " + RECORD_EXAMPLE + ", ...}");
        return fields.nodeRecord("sender");
    }

    private static String requestExample(String operation) {
        String sender = "{\"sender\": " + CONTACT_EXAMPLE;
        String key = "\"<" + KEY_RULE.substring(0, KEY_RULE.indexOf(" (")) + ">\"";
        return switch (operation) {
            case STORE -> sender + ", \"key\": " + key + ", \"record\": " + RECORD_EXAMPLE + "}";
            case FIND_NODE -> sender + ", \"target\": " + key + "}";
            case FIND_VALUE -> sender + ", \"key\": " + key + "}";
            default -> sender + "}";
        };
    }

    /** Reads the fields of one JSON object, naming each wrong one exactly. */
    private static final class Fields {
        private final Map<?, ?> map;
        private String prefix = "";

        private Fields(Map<?, ?> map) {
            this.map = map;
        }

        static Fields of(Object json, String what, String example) {
            if (json instanceof Map<?, ?> map) {
                return new Fields(map);
            }
            throw new InvalidRequestException(what + " must be a JSON object such as " + example
                    + ", not " + (json == null ? "empty or null" : jsonType(json)));
        }

        private Object required(String name, String expected) {
            Object value = map.get(name);
            if (value == null) {
                throw new InvalidRequestException("The field '" + prefix + name + "' is required: " + expected);
            }
            return value;
        }

        private String string(String name, String expected) {
            Object value = required(name, expected);
            if (!(value instanceof String text)) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be a JSON string, not "
                        + jsonType(value) + ": " + expected);
            }
            return text;
        }

        Key key(String name) {
            String text = string(name, KEY_RULE);
            if (text.length() != Key.HEX_LENGTH || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be " + KEY_RULE + ", not "
                        + quote(text));
            }
            return Key.fromHex(text);
        }

        boolean bool(String name) {
            Object value = required(name, "true or false");
            if (!(value instanceof Boolean flag)) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be true or false, not " + jsonType(value));
            }
            return flag;
        }

        long wholeNumber(String name, long min, long max, String unit) {
            String rule = "a whole number of " + unit + " from " + min + " to " + max;
            Object value = required(name, rule);
            Long number = value instanceof Number n ? exactLong(n) : null;
            if (number == null || number < min || number > max) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be " + rule + ", not "
                        + (value instanceof Number ? value : jsonType(value)));
            }
            return number;
        }

        List<?> array(String name, int max) {
            Object value = map.get(name);
            if (value == null) {
                return List.of(); // an absent list is an empty one
            }
            if (!(value instanceof List<?> list)) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be a JSON array, not " + jsonType(value));
            }
            if (list.size() > max) {
                throw new InvalidRequestException("The field '" + prefix + name + "' has " + list.size()
                        + " entries; at most " + max + " are allowed");
            }
            return list;
        }

        Fields object(String name, String example) {
            Object value = required(name, example);
            if (!(value instanceof Map<?, ?> object)) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be a JSON object such as "
                        + example + ", not " + jsonType(value));
            }
            Fields fields = new Fields(object);
            fields.prefix = prefix + name + ".";
            return fields;
        }

        NodeRecord nodeRecord(String name) {
            Fields fields = object(name, "the node record " + RECORD_EXAMPLE);
            return new NodeRecord(fields.contactFields(), fields.publicKey("public-key"), fields.time("issued-at"),
                    fields.time("expires-at"), fields.signature("signature"));
        }

        ProviderRecord providerRecord(String name, Key key) {
            return object(name, "the sender's provider record for the key, " + RECORD_EXAMPLE).providerRecordFields(key);
        }

        ProviderRecord providerRecordFields(Key key) {
            return new ProviderRecord(key, contactFields(), publicKey("public-key"), time("issued-at"), time("expires-at"),
                    signature("signature"));
        }

        NodeKey publicKey(String name) {
            String text = string(name, NodeKey.RULE);
            try {
                return NodeKey.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be " + NodeKey.RULE + ", not "
                        + quote(text));
            }
        }

        long time(String name) {
            return wholeNumber(name, 0, MAX_TIME, "milliseconds since 1970-01-01T00:00Z");
        }

        String signature(String name) {
            String text = string(name, SIGNATURE_RULE);
            if (text.length() != SignedRecord.SIGNATURE_TEXT_LENGTH || !text.chars().allMatch(WireFormat::isBase64Url)) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be " + SIGNATURE_RULE + ", not "
                        + quote(text));
            }
            return text;
        }

        Contact contact(String name) {
            Object value = required(name, "the sending node's " + CONTACT_EXAMPLE);
            if (!(value instanceof Map<?, ?> object)) {
                throw new InvalidRequestException("The field '" + prefix + name + "' must be a JSON object such as "
                        + CONTACT_EXAMPLE + ", not " + jsonType(value));
            }
            Fields fields = new Fields(object);
            fields.prefix = prefix + name + ".";
            return fields.contactFields();
        }

        List<Contact> contacts(String name) {
            List<?> list = array(name, DhtSettings.MAX_K);
            List<Contact> contacts = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                String field = name + "[" + i + "]";
                Fields entry = Fields.of(list.get(i), "The field '" + prefix + field + "'", CONTACT_EXAMPLE);
                entry.prefix = prefix + field + ".";
                contacts.add(entry.contactFields());
            }
            return contacts;
        }

        Contact contactFields() {
            Object id = map.get("id");
            if (id != null && !(id instanceof String)) {
                throw new InvalidRequestException("The field '" + prefix + "id' must be a JSON string, not " + jsonType(id));
            }
            String nodeId = NodeIds.validate((String) id, prefix + "id");
            Object address = map.get("address");
            if (address != null && !(address instanceof String)) {
                throw new InvalidRequestException("The field '" + prefix + "address' must be a JSON string, not "
                        + jsonType(address));
            }
            return Contact.of(nodeId, NodeAddress.parse((String) address, prefix + "address"));
        }
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static Long exactLong(Number number) {
        try {
            return switch (number) {
                case BigDecimal decimal -> decimal.longValueExact();
                case BigInteger integer -> integer.longValueExact();
                case Long l -> l;
                case Integer i -> (long) i;
                case Short s -> (long) s;
                case Byte b -> (long) b;
                default -> {
                    double d = number.doubleValue();
                    yield d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (long) d : null;
                }
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String jsonType(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "an object";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    /** Quotes a peer's text for a message: at most 80 characters, control characters escaped. */
    static String quote(String value) {
        return quote(value, 80);
    }

    /** Quotes a peer's text for a message or a log: at most {@code max} characters, control characters escaped. */
    static String quote(String value, int max) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < max; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > max ? "...\"" : "\"").toString();
    }
}
