package dev.assistants4j.testkit;

import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.testkit.store.BlobStoreContract;
import dev.assistants4j.testkit.store.InMemoryBlobStore;
import java.util.List;

/** The blob store contract on the in-memory blob store core's service tests use. */
class InMemoryBlobStoreTest extends BlobStoreContract {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();

    @Override
    protected BlobStore blobs() {
        return blobs;
    }

    @Override
    protected List<String> stored() {
        return blobs.keys();
    }
}
