package org.musig.app.cli;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What a web page can do with Bolt on 127.0.0.1: open a WebSocket to the Bolt port (with its own Origin) and
 * speak Bolt 4.4 over it, as Neo4j Browser does. Only the few messages the tests need, PackStream by hand.
 */
final class BoltOverWebSocket implements AutoCloseable {
    static final int SUCCESS = 0x70;
    static final int RECORD = 0x71;
    static final int IGNORED = 0x7E;
    static final int FAILURE = 0x7F;
    /** What {@link #next()} returns when the server closed the connection or sent nothing in time. */
    static final int CLOSED = -1;

    /** One server message: its signature and its bytes (for looking at an error text). */
    record Message(int signature, String text) {
    }

    private final ArrayDeque<Byte> received = new ArrayDeque<>();
    private boolean closedByServer;
    private final WebSocket socket;

    private BoltOverWebSocket(int port, String origin) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new Listener()).join();
    }

    /** Connects with the given Origin header and negotiates Bolt 4.4; fails if the server picks another. */
    static BoltOverWebSocket open(int port, String origin) throws InterruptedException {
        BoltOverWebSocket bolt = new BoltOverWebSocket(port, origin);
        bolt.send(new byte[] {0x60, 0x60, (byte) 0xB0, 0x17, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] version = bolt.read(4);
        if (version == null || version[2] != 4 || version[3] != 4) {
            throw new AssertionError("the server did not agree to Bolt 4.4 over WebSocket");
        }
        return bolt;
    }

    /** HELLO with the given auth fields, e.g. {@code "scheme", "none"}. */
    void hello(String... auth) throws InterruptedException {
        ByteArrayOutputStream map = new ByteArrayOutputStream();
        map.write(0xA0 | (1 + auth.length / 2));
        string(map, "user_agent");
        string(map, "musig-test/1");
        for (String s : auth) {
            string(map, s);
        }
        message(0x01, map.toByteArray());
    }

    /** RUN the statement with no parameters, then PULL all its records. */
    void runAndPull(String statement) throws InterruptedException {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        string(fields, statement);
        fields.write(0xA0); // parameters {}
        fields.write(0xA0); // extra {}
        message(0x10, fields.toByteArray(), 3);
        message(0x3F, new byte[] {(byte) 0xA1, (byte) 0x81, 'n', (byte) 0xFF}); // {n: -1}
    }

    /** The next message from the server, or {@link #CLOSED} as its signature. */
    Message next() throws InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] header = read(2);
            if (header == null) {
                return new Message(CLOSED, "");
            }
            int length = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
            if (length == 0) {
                if (body.size() == 0) {
                    continue; // a NOOP keep-alive chunk
                }
                byte[] bytes = body.toByteArray();
                return new Message(bytes[1] & 0xFF, new String(bytes, StandardCharsets.ISO_8859_1));
            }
            byte[] chunk = read(length);
            if (chunk == null) {
                return new Message(CLOSED, "");
            }
            body.writeBytes(chunk);
        }
    }

    private void message(int signature, byte[] fields) throws InterruptedException {
        message(signature, fields, 1);
    }

    private void message(int signature, byte[] fields, int fieldCount) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(0xB0 | fieldCount);
        out.write(signature);
        out.writeBytes(fields);
        out.write(0);
        out.write(0);
        byte[] bytes = out.toByteArray();
        int length = bytes.length - 4;
        bytes[0] = (byte) (length >> 8);
        bytes[1] = (byte) length;
        send(bytes);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 16) {
            out.write(0x80 | utf8.length);
        } else {
            out.write(0xD0);
            out.write(utf8.length);
        }
        out.writeBytes(utf8);
    }

    private void send(byte[] bytes) {
        synchronized (this) {
            if (closedByServer) {
                return;
            }
        }
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            synchronized (this) {
                closedByServer = true; // the server hung up: nothing more will arrive
                notifyAll();
            }
        }
    }

    /** {@code n} bytes, or null once the server closed the connection or 10 s passed without them. */
    private synchronized byte[] read(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (received.size() < n && !closedByServer) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        if (received.size() < n) {
            return null;
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = received.poll();
        }
        return bytes;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            synchronized (BoltOverWebSocket.this) {
                while (data.hasRemaining()) {
                    received.add(data.get());
                }
                BoltOverWebSocket.this.notifyAll();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            hungUp();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            hungUp();
        }

        private void hungUp() {
            synchronized (BoltOverWebSocket.this) {
                closedByServer = true;
                BoltOverWebSocket.this.notifyAll();
            }
        }
    }
}
