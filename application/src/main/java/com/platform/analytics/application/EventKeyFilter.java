package com.platform.analytics.application;

import com.platform.analytics.domain.event.EventKey;

/**
 * A Bloom filter over event keys: "certainly not stored" or "maybe stored". Ingestion asks the warehouse only
 * about the maybes, so the common case — a new event — costs no lookup, and the lookup cost no longer grows
 * with the size of the warehouse. It never answers "not stored" for a key that was added (no false
 * negatives), which is what deduplication needs; a false positive only costs a lookup. Not thread-safe: used
 * under the ingestion's store lock.
 */
final class EventKeyFilter {
    private final long[] bits;
    private final long bitCount;
    private final int hashes;
    private final long capacity;
    private long added;

    /** @param capacity keys it holds at about a 1% false-positive rate */
    EventKeyFilter(long capacity) {
        this.capacity = Math.max(1024, capacity);
        // 10 bits per key and 7 hash functions give about 0.8% false positives at capacity
        long wanted = this.capacity * 10;
        this.bits = new long[(int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64)];
        this.bitCount = bits.length * 64L;
        this.hashes = 7;
    }

    long capacity() {
        return capacity;
    }

    long added() {
        return added;
    }

    boolean full() {
        return added > capacity;
    }

    void add(EventKey key) {
        long h = hash(key);
        for (int i = 0; i < hashes; i++) {
            long bit = bit(h, i);
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
        added++;
    }

    boolean mightContain(EventKey key) {
        long h = hash(key);
        for (int i = 0; i < hashes; i++) {
            long bit = bit(h, i);
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The i-th bit of a key: double hashing, the second hash being the first with its halves swapped. */
    private long bit(long h, int i) {
        return Math.floorMod(h + i * ((h >>> 32) | (h << 32)), bitCount);
    }

    /**
     * Mixes the strings' own hash codes (cached in each String, so repeated checks of one key cost nothing) with
     * splitmix64. Two ids with equal 32-bit hash codes collide here: that only adds false positives, each
     * costing a lookup, about one in four billion pairs.
     */
    static long hash(EventKey key) {
        long h = key.source().hashCode() * 0x9E3779B97F4A7C15L + key.id().hashCode();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h = h ^ (h >>> 31);
        return h == 0 ? 1 : h;
    }
}
