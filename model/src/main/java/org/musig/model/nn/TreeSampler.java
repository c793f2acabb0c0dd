package org.musig.model.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.musig.model.sample.NeighborhoodSampler;

/**
 * Samples each root's neighbourhood tree into a {@link NeighbourhoodLayout}'s slots.
 *
 * <p>Each root's whole tree is drawn from its own stream, seeded by its seed, so a root's sample does not
 * depend on which other roots share the shard.
 */
final class TreeSampler {
    /** Draws before a sampled first-hop neighbour that is the root's masked partner is replaced by the root. */
    static final int PARTNER_REDRAWS = 4;

    private TreeSampler() {
    }

    /**
     * Fills hops 1 .. {@code sampledHops} of the laid-out trees of {@code rootIds[0 .. layout.roots())}.
     *
     * @param isolated per root, or null for none: an isolated root's whole tree is the root itself
     * @param partner  per root, or null for none (-1: none): kept out of the root's first hop, redrawn up to
     *                 {@value #PARTNER_REDRAWS} times, then replaced by the root itself
     */
    static void sample(NeighbourhoodLayout layout, int[] rootIds, long[] rootSeeds, NeighborhoodSampler sampler,
                       int sampledHops, boolean[] isolated, int[] partner) {
        int[] nodes = layout.nodes;
        int[] hopStart = layout.hopStart;
        int count = layout.roots();
        System.arraycopy(rootIds, 0, nodes, 0, count);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(rootSeeds[i]);
            int perRoot = 1; // nodes of this root's tree at hop t
            for (int t = 0; t < sampledHops; t++) {
                int s = layout.sampleSize(t);
                int from = hopStart[t] + i * perRoot;
                int to = hopStart[t + 1] + i * perRoot * s;
                if (isolated != null && isolated[i]) {
                    Arrays.fill(nodes, to, to + perRoot * s, rootIds[i]);
                } else {
                    sampler.sample(nodes, from, from + perRoot, s, nodes, to, random);
                    if (t == 0 && partner != null && partner[i] >= 0) {
                        for (int slot = to; slot < to + s; slot++) {
                            for (int d = 0; d < PARTNER_REDRAWS && nodes[slot] == partner[i]; d++) {
                                nodes[slot] = sampler.sampleOne(rootIds[i], random);
                            }
                            if (nodes[slot] == partner[i]) {
                                nodes[slot] = rootIds[i];
                            }
                        }
                    }
                }
                perRoot *= s;
            }
        }
    }
}
