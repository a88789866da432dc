package org.gridplatform.plugin.discovery.dht;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
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
 * hexadecimal digits (SHA-256). Every message and answer carries its sender's contact:
 * <pre>
 * POST /discovery/ping        {"sender": C}                            -> {"sender": C}
 * POST /discovery/store       {"sender": C, "key": K, "ttl": millis}   -> {"sender": C, "stored": true}
 * POST /discovery/find-node   {"sender": C, "target": K}               -> {"sender": C, "contacts": [C, ...]}
 * POST /discovery/find-value  {"sender": C, "key": K}                  -> {"sender": C, "providers": [P, ...], "contacts": [C, ...]}
 * </pre>
 * where a provider {@code P} is a contact plus {@code "age"}: milliseconds since its record was
 * stored. A store says that the sender provides the key. Fields this version does not know are
 * ignored, so that newer nodes can add some; every known field is checked, and lists are bounded
 * ({@value DhtSettings#MAX_K} contacts, {@value DhtNode#MAX_PROVIDERS_PER_KEY} providers).
 */
final class WireFormat {

    static final String PING = "ping";
    static final String STORE = "store";
    static final String FIND_NODE = "find-node";
    static final String FIND_VALUE = "find-value";
    static final List<String> OPERATIONS = List.of(PING, STORE, FIND_NODE, FIND_VALUE);

    private static final String CONTACT_EXAMPLE = "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}";
    private static final String KEY_RULE = "64 lower-case hexadecimal digits (a SHA-256 hash)";

    /**
     * A request, checked.
     *
     * @param operation one of {@link #OPERATIONS}
     * @param sender    the sender's contact
     * @param key       the key of a store or find-value, the target of a find-node; null for a ping
     * @param ttl       the lifetime of a store; null otherwise
     */
    record Request(String operation, Contact sender, Key key, Duration ttl) {
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

    static Map<String, Object> ping(Contact sender) {
        return message(sender);
    }

    static Map<String, Object> store(Contact sender, Key key, Duration ttl) {
        Map<String, Object> json = message(sender);
        json.put("key", key.hex());
        json.put("ttl", ttl.toMillis());
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

    static Map<String, Object> storeAnswer(Contact sender, boolean stored) {
        Map<String, Object> json = message(sender);
        json.put("stored", stored);
        return json;
    }

    static Map<String, Object> findNodeAnswer(Contact sender, List<Contact> contacts) {
        Map<String, Object> json = message(sender);
        json.put("contacts", contacts.stream().map(WireFormat::contact).toList());
        return json;
    }

    static Map<String, Object> findValueAnswer(Contact sender, RpcTransport.ValueReply reply) {
        Map<String, Object> json = message(sender);
        List<Map<String, Object>> providers = new ArrayList<>();
        for (ProviderStore.Reported provider : reply.providers()) {
            Map<String, Object> entry = contact(provider.contact());
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
            case STORE -> new Request(operation, sender, fields.key("key"),
                    Duration.ofMillis(fields.wholeNumber("ttl", 1, DhtSettings.MAX_TTL.toMillis(), "milliseconds")));
            case FIND_NODE -> new Request(operation, sender, fields.key("target"), null);
            case FIND_VALUE -> new Request(operation, sender, fields.key("key"), null);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** @return the sender of a ping answer */
    static Contact readPingAnswer(Object json) {
        return Fields.of(json, "A ping answer", "{\"sender\": " + CONTACT_EXAMPLE + "}").contact("sender");
    }

    /** @return whether a store answer says the record was stored; its sender is checked by {@link #readSender} */
    static boolean readStoreAnswer(Object json) {
        return Fields.of(json, "A store answer", "{\"sender\": " + CONTACT_EXAMPLE + ", \"stored\": true}").bool("stored");
    }

    static List<Contact> readFindNodeAnswer(Object json) {
        Fields fields = Fields.of(json, "A find-node answer", "{\"sender\": " + CONTACT_EXAMPLE + ", \"contacts\": []}");
        return fields.contacts("contacts");
    }

    static RpcTransport.ValueReply readFindValueAnswer(Object json) {
        Fields fields = Fields.of(json, "A find-value answer",
                "{\"sender\": " + CONTACT_EXAMPLE + ", \"providers\": [], \"contacts\": []}");
        List<?> list = fields.array("providers", DhtNode.MAX_PROVIDERS_PER_KEY);
        List<ProviderStore.Reported> providers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String field = "providers[" + i + "]";
            Fields provider = Fields.of(list.get(i), "The field '" + field + "'", CONTACT_EXAMPLE.replace("}", ", \"age\": 1500}"));
            provider.prefix = field + ".";
            providers.add(new ProviderStore.Reported(provider.contactFields(),
                    provider.wholeNumber("age", 0, DhtSettings.MAX_TTL.toMillis(), "milliseconds")));
        }
        return new RpcTransport.ValueReply(providers, fields.contacts("contacts"));
    }

    /** @return the sender of any answer */
    static Contact readSender(Object json, String operation) {
        return Fields.of(json, "A " + operation + " answer", "{\"sender\": " + CONTACT_EXAMPLE + ", ...}").contact("sender");
    }

    private static String requestExample(String operation) {
        String sender = "{\"sender\": " + CONTACT_EXAMPLE;
        String key = "\"<" + KEY_RULE.substring(0, KEY_RULE.indexOf(" (")) + ">\"";
        return switch (operation) {
            case STORE -> sender + ", \"key\": " + key + ", \"ttl\": 180000}";
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
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > 80 ? "...\"" : "\"").toString();
    }
}
