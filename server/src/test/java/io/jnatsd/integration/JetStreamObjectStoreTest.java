package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.nats.client.Connection;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreStatus;
import io.nats.client.api.ObjectStoreWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object store (OBJ_<bucket> streams) through jnats's ObjectStore and ObjectStoreManagement. */
class JetStreamObjectStoreTest extends JnatsIntegrationTest {
    @TempDir
    Path storeDir;

    private Connection nc;

    private ObjectStore bucket(String name, StorageType storage) throws Exception {
        NatsServer s = startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
        nc = connect(s, o -> o);
        nc.objectStoreManagement().create(ObjectStoreConfiguration.builder(name).storageType(storage).build());
        return nc.objectStore(name);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] get(ObjectStore os, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        os.get(name, out); // jnats checks the chunk count, size and SHA-256 digest
        return out.toByteArray();
    }

    @Test
    @Timeout(120)
    void fiftyMegabyteRoundTripWithDigestCheckedByTheClient() throws Exception {
        ObjectStore os = bucket("big", StorageType.File);
        byte[] data = random(50 * 1024 * 1024, 7);
        ObjectInfo put = os.put(ObjectMeta.builder("blob").chunkSize(128 * 1024).build(),
                new ByteArrayInputStream(data));
        assertThat(put.getSize()).isEqualTo(data.length);
        assertThat(put.getChunks()).isEqualTo(400);
        assertThat(put.getDigest()).startsWith("SHA-256=");
        assertThat(get(os, "blob")).isEqualTo(data);
        assertThat(os.getStatus().getSize()).isGreaterThan(data.length);
    }

    @Test
    void putGetInfoListDeleteAndReplace() throws Exception {
        ObjectStore os = bucket("files", StorageType.Memory);
        byte[] a = random(300_000, 1);
        os.put(ObjectMeta.builder("a.bin").chunkSize(64 * 1024).build(), new ByteArrayInputStream(a));
        os.put("b.txt", "hello".getBytes(StandardCharsets.UTF_8));
        os.put("empty", new byte[0]);

        assertThat(get(os, "a.bin")).isEqualTo(a);
        assertThat(new String(get(os, "b.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(get(os, "empty")).isEmpty();
        ObjectInfo info = os.getInfo("a.bin");
        assertThat(info.getSize()).isEqualTo(a.length);
        assertThat(info.getChunks()).isEqualTo(5);
        assertThat(info.getBucket()).isEqualTo("files");
        assertThat(os.getList()).extracting(ObjectInfo::getObjectName)
                .containsExactlyInAnyOrder("a.bin", "b.txt", "empty");

        // a new put of the same name replaces the meta (the meta subject is a rollup); jnats 2.24 leaves the old
        // chunks in the stream, so the object is read through its new nuid
        os.put("a.bin", "small".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(get(os, "a.bin"), StandardCharsets.UTF_8)).isEqualTo("small");
        assertThat(os.getInfo("a.bin").getChunks()).isEqualTo(1);

        ObjectInfo deleted = os.delete("b.txt");
        assertThat(deleted.isDeleted()).isTrue();
        assertThat(os.getInfo("b.txt")).isNull();
        assertThat(os.getInfo("b.txt", true).isDeleted()).isTrue();
        assertThatThrownBy(() -> get(os, "b.txt")).isInstanceOf(Exception.class);
        assertThat(os.getList()).extracting(ObjectInfo::getObjectName).containsExactlyInAnyOrder("a.bin", "empty");
    }

    @Test
    void metadataHeadersAndRename() throws Exception {
        ObjectStore os = bucket("meta", StorageType.File);
        Headers h = new Headers().put("Content-Type", "text/plain");
        os.put(ObjectMeta.builder("doc").description("a doc").headers(h).build(),
                new ByteArrayInputStream("text".getBytes(StandardCharsets.UTF_8)));
        ObjectInfo info = os.getInfo("doc");
        assertThat(info.getDescription()).isEqualTo("a doc");
        assertThat(info.getHeaders().getFirst("Content-Type")).isEqualTo("text/plain");

        os.updateMeta("doc", ObjectMeta.builder("doc2").description("renamed").build());
        assertThat(os.getInfo("doc")).isNull();
        assertThat(os.getInfo("doc2").getDescription()).isEqualTo("renamed");
        assertThat(new String(get(os, "doc2"), StandardCharsets.UTF_8)).isEqualTo("text");
    }

    @Test
    void linksToObjectsAndBuckets() throws Exception {
        ObjectStore os = bucket("links", StorageType.File);
        os.put("target", "payload".getBytes(StandardCharsets.UTF_8));
        ObjectStoreManagement osm = nc.objectStoreManagement();
        osm.create(ObjectStoreConfiguration.builder("other").storageType(StorageType.File).build());
        ObjectStore other = nc.objectStore("other");

        ObjectInfo link = os.addLink("alias", os.getInfo("target"));
        assertThat(link.isLink()).isTrue();
        assertThat(link.getLink().getObjectName()).isEqualTo("target");
        assertThat(new String(get(os, "alias"), StandardCharsets.UTF_8)).isEqualTo("payload");

        other.put("x", "in other".getBytes(StandardCharsets.UTF_8));
        ObjectInfo bucketLink = os.addBucketLink("to-other", other);
        assertThat(bucketLink.getLink().isBucketLink()).isTrue();
        assertThat(bucketLink.getLink().getBucket()).isEqualTo("other");
        assertThat(osm.getBucketNames()).containsExactlyInAnyOrder("links", "other");
    }

    @Test
    void watchSeesPutsAndDeletes() throws Exception {
        ObjectStore os = bucket("watched", StorageType.Memory);
        os.put("before", "1".getBytes(StandardCharsets.UTF_8));
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch initial = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(3);
        os.watch(new ObjectStoreWatcher() {
            @Override
            public void watch(ObjectInfo info) {
                events.add(info.getObjectName() + (info.isDeleted() ? ":deleted" : ""));
                all.countDown();
            }

            @Override
            public void endOfData() {
                initial.countDown();
            }
        });
        assertThat(initial.await(5, TimeUnit.SECONDS)).isTrue();
        os.put("after", "2".getBytes(StandardCharsets.UTF_8));
        os.delete("before");
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("before", "after", "before:deleted");
    }

    @Test
    void sealStatusAndBucketDelete() throws Exception {
        ObjectStore os = bucket("sealed", StorageType.File);
        os.put("a", "abc".getBytes(StandardCharsets.UTF_8));
        ObjectStoreStatus status = os.getStatus();
        assertThat(status.getBucketName()).isEqualTo("sealed");
        assertThat(status.isSealed()).isFalse();
        assertThat(status.getBackingStore()).isEqualTo("JetStream");
        assertThat(status.getBackingStreamInfo().getConfiguration().getName()).isEqualTo("OBJ_sealed");

        ObjectStoreStatus sealed = os.seal();
        assertThat(sealed.isSealed()).isTrue();
        assertThatThrownBy(() -> os.put("b", "x".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Exception.class);
        assertThat(new String(get(os, "a"), StandardCharsets.UTF_8)).isEqualTo("abc");

        ObjectStoreManagement osm = nc.objectStoreManagement();
        osm.delete("sealed");
        assertThat(osm.getBucketNames()).isEmpty();
    }
}
