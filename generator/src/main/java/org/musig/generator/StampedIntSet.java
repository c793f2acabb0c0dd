package org.musig.generator;

/**
 * A small set of non-negative ints for one playlist at a time: open addressing with linear probing
 * over a fixed power-of-two table, where an entry counts only if it carries the current stamp, so
 * {@link #clear()} is O(1). Sized for at most {@link PlaylistLengths#MAX_LENGTH} members, it stays in
 * L1 cache, unlike a stamp array over the whole catalog.
 */
final class StampedIntSet {

    private static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private final int[] keys = new int[CAPACITY];
    private final int[] stamps = new int[CAPACITY];
    private int stamp = 1;
    private int size;

    /** Empties the set. */
    void clear() {
        size = 0;
        if (stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            stamp = 0;
        }
        stamp++;
    }

    boolean contains(int key) {
        for (int slot = slot(key); stamps[slot] == stamp; slot = (slot + 1) & MASK) {
            if (keys[slot] == key) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code key}; returns false if it was already present. */
    boolean add(int key) {
        int slot = slot(key);
        for (; stamps[slot] == stamp; slot = (slot + 1) & MASK) {
            if (keys[slot] == key) {
                return false;
            }
        }
        if (size >= CAPACITY / 2) {
            throw new IllegalStateException("set is full");
        }
        keys[slot] = key;
        stamps[slot] = stamp;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private static int slot(int key) {
        return (key * 0x9E3779B9) >>> 22;
    }
}
