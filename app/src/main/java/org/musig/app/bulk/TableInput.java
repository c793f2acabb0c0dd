package org.musig.app.bulk;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.musig.loaders.GraphModel;
import org.musig.loaders.bulk.MembershipTable;
import org.musig.loaders.write.TrackProperties;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.internal.batchimport.input.Groups;

/**
 * A {@link MembershipTable} as input to Neo4j's parallel batch importer. Node ids are given outright
 * ({@link IdType#ACTUAL}): playlist i is node i and track j is node playlists + j, so no id mapping is needed.
 * Entities are handed out in chunks of consecutive indices, which the importer's threads process in parallel.
 */
final class TableInput {
    private static final int NODES_PER_CHUNK = 10_000;
    private static final int PLAYLISTS_PER_CHUNK = 500;
    private static final String[] PLAYLIST_LABELS = {GraphModel.PLAYLIST.name()};
    private static final String[] TRACK_LABELS = {GraphModel.TRACK.name()};

    private TableInput() {
    }

    static Input of(MembershipTable table) {
        long nodes = (long) table.playlistCount() + table.trackCount();
        long relationships = table.relationshipCount();
        // Rough sizes: they only tune the importer's memory planning.
        var estimates = Input.knownEstimates(nodes, relationships, nodes * 6, relationships, nodes * 6 * 16,
                relationships * 8, nodes);
        return Input.input(
                () -> new RangeIterator(nodes, NODES_PER_CHUNK, () -> new NodeChunk(table)),
                () -> new RangeIterator(table.playlistCount(), PLAYLISTS_PER_CHUNK, () -> new MembershipChunk(table)),
                IdType.ACTUAL, estimates, new Groups());
    }

    private static void node(MembershipTable table, long index, InputEntityVisitor visitor) throws IOException {
        visitor.id(index);
        if (index < table.playlistCount()) {
            MembershipTable.Playlist playlist = table.playlist((int) index);
            visitor.labels(PLAYLIST_LABELS);
            visitor.property(GraphModel.ID, playlist.id());
            playlist.properties().forEach(visitor::property);
        } else {
            var track = table.track((int) (index - table.playlistCount()));
            visitor.labels(TRACK_LABELS);
            visitor.property(GraphModel.ID, track.id());
            TrackProperties.forEach(track, visitor::property);
        }
        visitor.endOfEntity();
    }

    /** Hands out consecutive ranges [from, to) of entity indices to the importer's threads. */
    private static final class RangeIterator implements InputIterator {
        private final long count;
        private final int chunkSize;
        private final Supplier<Range> newChunk;
        private final AtomicLong next = new AtomicLong();

        RangeIterator(long count, int chunkSize, Supplier<Range> newChunk) {
            this.count = count;
            this.chunkSize = chunkSize;
            this.newChunk = newChunk;
        }

        @Override
        public InputChunk newChunk() {
            return newChunk.get();
        }

        @Override
        public boolean next(InputChunk chunk) {
            long from = next.getAndAdd(chunkSize);
            if (from >= count) {
                return false;
            }
            ((Range) chunk).reset(from, Math.min(count, from + chunkSize));
            return true;
        }

        @Override
        public void close() {
        }
    }

    private abstract static class Range implements InputChunk {
        long cursor;
        long end;

        void reset(long from, long to) {
            cursor = from;
            end = to;
        }

        @Override
        public void close() {
        }
    }

    /** Playlist and track nodes with their labels and properties, one per call. */
    private static final class NodeChunk extends Range {
        private final MembershipTable table;

        NodeChunk(MembershipTable table) {
            this.table = table;
        }

        @Override
        public boolean next(InputEntityVisitor visitor) throws IOException {
            if (cursor >= end) {
                return false;
            }
            node(table, cursor++, visitor);
            return true;
        }
    }

    /** The memberships of a range of playlists, one CONTAINS relationship per call. */
    private static final class MembershipChunk extends Range {
        private final MembershipTable table;
        private MembershipTable.Playlist playlist;
        private int slot;

        MembershipChunk(MembershipTable table) {
            this.table = table;
        }

        @Override
        void reset(long from, long to) {
            super.reset(from, to);
            playlist = null;
        }

        @Override
        public boolean next(InputEntityVisitor visitor) throws IOException {
            while (playlist == null || slot >= playlist.size()) {
                if (cursor >= end) {
                    return false;
                }
                playlist = table.playlist((int) cursor++);
                slot = 0;
            }
            long playlistNode = cursor - 1;
            visitor.startId(playlistNode);
            visitor.endId(table.playlistCount() + (long) playlist.trackIndex(slot));
            visitor.type(GraphModel.CONTAINS.name());
            visitor.property(GraphModel.POSITION, (long) playlist.position(slot));
            slot++;
            visitor.endOfEntity();
            return true;
        }
    }
}
