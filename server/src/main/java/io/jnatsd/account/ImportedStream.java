package io.jnatsd.account;

/**
 * A stream import seen from the exporting account, for the cluster's "shadow" queue interest (as nats-server): a
 * queue subscription in the importing account is announced to the routes as the same queue group on the exported
 * subject in the exporting account, so a stream-imported message reaches one member of the group cluster-wide.
 */
public interface ImportedStream {
    /** The importing account's name. */
    String importer();

    /**
     * The subject in the exporting account that a subscription in the importing account listens to through this
     * import, or null when it does not overlap the import. Cold path.
     */
    String shadowSubject(String localSubject);
}
