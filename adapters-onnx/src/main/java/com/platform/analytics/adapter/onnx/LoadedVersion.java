package com.platform.analytics.adapter.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.UUID;

/**
 * One model version's session and the number of requests using it. The owner ({@link OnnxModelRuntime}) counts users
 * under its own lock; the session is loaded once by the first user ({@link #session}, under this object's lock, so
 * concurrent first requests wait for one load), and closed only when the version is evicted and its last user is gone.
 */
final class LoadedVersion {
    /** A session and the graph it serves. */
    record Session(OrtSession session, ServedGraph graph) {
        Session {
            requireNonNull(session, "session is null");
            requireNonNull(graph, "graph is null");
        }
    }

    /** Opens a session from the version's artifact. */
    interface Loader {
        Session load() throws OrtException;
    }

    private static final System.Logger LOG = System.getLogger(LoadedVersion.class.getName());

    private final UUID versionId;
    private Session session; // guarded by this
    private boolean closed; // guarded by this

    // guarded by the owning runtime's lock
    int users;
    boolean evicted;

    LoadedVersion(UUID versionId) {
        this.versionId = requireNonNull(versionId, "versionId is null");
    }

    UUID versionId() {
        return versionId;
    }

    /** The session, loaded by the first caller; a failed load is not remembered, so a later request tries again. */
    synchronized Session session(Loader loader) throws OrtException {
        if (closed) {
            // unreachable while the caller counts as a user: a version is closed only when it has none
            throw new IllegalStateException("model version " + versionId + " is closed");
        }
        if (session == null) {
            session = loader.load();
        }
        return session;
    }

    /** Closes the session if one was loaded; called once, when the version is evicted and unused. */
    synchronized void close() {
        closed = true;
        if (session != null) {
            try {
                session.session().close();
            } catch (OrtException e) {
                // closing frees native memory: a failure is worth a warning, not a failed eviction
                LOG.log(System.Logger.Level.WARNING, "closing the session of model version " + versionId + " failed", e);
            } finally {
                session = null;
            }
        }
    }
}
