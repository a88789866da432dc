package org.gridplatform.plugin.discovery.dht;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One iterative Kademlia lookup: FIND_NODE for the k closest live nodes to a key, or FIND_VALUE for
 * the providers stored under it.
 *
 * <p>The lookup keeps a shortlist ordered by distance to the target and always has up to
 * {@code alpha} requests in flight to the closest contacts not yet asked, among the k closest that
 * have not failed. Each answer adds the contacts it names; a contact first named by a node at hop
 * {@code h} is at hop {@code h + 1} (the local routing table's contacts are at hop 1). A node lookup
 * ends when the k closest known contacts have all answered or failed; a value lookup merges the
 * providers of the answers that carry some and ends when {@code alpha} such answers arrived (or as a
 * node lookup ends). One answer is not enough: a record reaches the k closest nodes that its
 * publisher's own lookup found, and while a grid forms, or after churn, those sets differ, so a
 * single holder may know only some of the providers (seen in a five-node grid just after start).
 * Either way it is bounded: at most {@code maxQueries} requests, contacts
 * beyond {@code maxHops} are not asked, and {@link #expire()} ends it with what it has.
 *
 * <p>Thread-safe: answers may arrive on any thread; requests are sent outside the lock.
 */
final class Lookup {

    /** What the lookup looks for. */
    enum Kind { NODE, VALUE }

    /** Sends one request of a lookup; the future fails if the peer does not answer. */
    @FunctionalInterface
    interface Queries {
        CompletableFuture<RpcTransport.ValueReply> ask(Contact peer, Key target, Kind kind);
    }

    /**
     * What a lookup found.
     *
     * @param closest    the closest contacts that answered, at most k, closest first
     * @param providers  for a value lookup, the provider records found (the freshest of each node id and key),
     *                   ordered by node id
     * @param hops       for a value lookup that found providers, the hop of the node that returned
     *                   them; otherwise the hop of the closest node that answered; 0 if none
     * @param queries    how many requests were sent
     * @param unanswered the contacts that were asked and did not answer
     * @param expired    whether {@link #expire()} cut the lookup short
     */
    record Result(List<Contact> closest, List<ProviderStore.Reported> providers, int hops, int queries,
                  List<Contact> unanswered, boolean expired) {
    }

    private enum State { NEW, IN_FLIGHT, ANSWERED, FAILED }

    private static final class Candidate {
        final Contact contact;
        final int hop;
        State state = State.NEW;

        Candidate(Contact contact, int hop) {
            this.contact = contact;
            this.hop = hop;
        }
    }

    private final Key target;
    private final Kind kind;
    private final int k;
    private final int alpha;
    private final int maxQueries;
    private final int maxHops;
    private final String selfId;
    private final Queries queries;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    // Guarded by this.
    private final TreeSet<Candidate> shortlist;
    private final Map<String, Candidate> byId = new HashMap<>();
    private final Map<String, ProviderStore.Reported> providers = new TreeMap<>();
    private int inFlight;
    private int sent;
    private int valueHop;
    private int valueAnswers;
    private boolean finished;

    Lookup(Key target, Kind kind, int k, int alpha, int maxQueries, int maxHops, String selfId, Queries queries) {
        this.target = target;
        this.kind = kind;
        this.k = k;
        this.alpha = alpha;
        this.maxQueries = maxQueries;
        this.maxHops = maxHops;
        this.selfId = selfId;
        this.queries = queries;
        var byDistance = target.byDistance();
        this.shortlist = new TreeSet<>((a, b) -> byDistance.compare(a.contact, b.contact));
    }

    /**
     * Starts the lookup from the given contacts (usually the routing table's closest to the target).
     *
     * @return the result; never completes exceptionally
     */
    CompletableFuture<Result> start(List<Contact> initial) {
        synchronized (this) {
            for (Contact contact : initial) {
                add(contact, 1);
            }
        }
        pump();
        return result;
    }

    /** Ends the lookup now with what it has found (for a deadline). */
    void expire() {
        Result done;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            done = result(true);
        }
        result.complete(done);
    }

    private void pump() {
        List<Candidate> toAsk = new ArrayList<>(alpha);
        Result done = null;
        synchronized (this) {
            if (finished) {
                return;
            }
            int window = 0;
            for (Candidate candidate : shortlist) {
                if (inFlight >= alpha || sent >= maxQueries) {
                    break;
                }
                if (candidate.state == State.FAILED) {
                    continue;
                }
                if (++window > k) {
                    break;
                }
                if (candidate.state == State.NEW && candidate.hop <= maxHops) {
                    candidate.state = State.IN_FLIGHT;
                    inFlight++;
                    sent++;
                    toAsk.add(candidate);
                }
            }
            if (inFlight == 0) {
                finished = true;
                done = result(false);
            }
        }
        if (done != null) {
            result.complete(done);
            return;
        }
        for (Candidate candidate : toAsk) {
            CompletableFuture<RpcTransport.ValueReply> answer;
            try {
                answer = queries.ask(candidate.contact, target, kind);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((reply, failure) -> answered(candidate, reply, failure));
        }
    }

    private void answered(Candidate candidate, RpcTransport.ValueReply reply, Throwable failure) {
        Result done = null;
        synchronized (this) {
            if (finished) {
                return;
            }
            inFlight--;
            if (failure != null || reply == null) {
                candidate.state = State.FAILED;
            } else {
                candidate.state = State.ANSWERED;
                if (kind == Kind.VALUE && !reply.providers().isEmpty()) {
                    for (ProviderStore.Reported found : reply.providers()) {
                        // Keep the freshest report of each provider and key: a record signed by another key
                        // for the same id must not push out the one the search will believe.
                        providers.merge(found.contact().nodeId() + " " + found.record().publicKey(), found,
                                (a, b) -> a.age() <= b.age() ? a : b);
                    }
                    if (valueHop == 0) {
                        valueHop = candidate.hop;
                    }
                    if (++valueAnswers >= alpha) {
                        finished = true;
                        done = result(false);
                    }
                }
                if (done == null) {
                    for (Contact learned : reply.contacts()) {
                        add(learned, candidate.hop + 1);
                    }
                }
            }
        }
        if (done != null) {
            result.complete(done);
        } else {
            pump();
        }
    }

    private void add(Contact contact, int hop) {
        if (contact.nodeId().equals(selfId) || byId.containsKey(contact.nodeId())) {
            return;
        }
        Candidate candidate = new Candidate(contact, hop);
        byId.put(contact.nodeId(), candidate);
        shortlist.add(candidate);
    }

    private Result result(boolean expired) {
        List<Contact> closest = new ArrayList<>(k);
        List<Contact> unanswered = new ArrayList<>();
        int closestHop = 0;
        for (Candidate candidate : shortlist) {
            if (candidate.state == State.ANSWERED && closest.size() < k) {
                if (closest.isEmpty()) {
                    closestHop = candidate.hop;
                }
                closest.add(candidate.contact);
            } else if (candidate.state == State.FAILED) {
                unanswered.add(candidate.contact);
            }
        }
        int hops = valueHop > 0 ? valueHop : closestHop;
        return new Result(List.copyOf(closest), List.copyOf(providers.values()), hops, sent,
                List.copyOf(unanswered), expired);
    }
}
