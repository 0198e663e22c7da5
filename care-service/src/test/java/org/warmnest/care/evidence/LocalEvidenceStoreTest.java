package org.warmnest.care.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.warmnest.care.evidence.EvidencePolicyTest.filesIn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmnest.platform.tenancy.TenantCode;

class LocalEvidenceStoreTest {

    @TempDir
    Path folder;

    LocalEvidenceStore store;
    String key = EvidenceKeys.newKey(TenantCode.of("530402"), LocalDate.of(2026, 11, 5), UUID.randomUUID(), "jpg");

    @BeforeEach
    void store() {
        store = new LocalEvidenceStore(folder.resolve("evidence"));
    }

    @Test
    void storesReadsAndDeletesAPhoto() throws IOException {
        byte[] photo = Photos.sized(Photos.JPEG, 300_000);

        StoredObject stored = store.put(key, new ByteArrayInputStream(photo), "image/jpeg");

        assertThat(stored).isEqualTo(new StoredObject(key, 300_000, Photos.sha256(photo)));
        assertThat(stored.sha256()).hasSize(64).isLowerCase();
        assertThat(store.exists(key)).isTrue();
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        assertThat(folder.resolve("evidence").resolve(key)).exists();

        store.delete(key);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOfSatisfying(EvidenceMissing.class,
                e -> assertThat(e.key()).isEqualTo(key));
        store.delete(key);
    }

    @Test
    void aPhotoPutAgainIsReplacedWhole() throws IOException {
        store.put(key, new ByteArrayInputStream(Photos.sized(Photos.JPEG, 5000)), "image/jpeg");
        byte[] second = Photos.sized(Photos.PNG, 100);
        store.put(key, new ByteArrayInputStream(second), "image/png");
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
    }

    @Test
    void anUploadBrokenMidwayLeavesNoFileAndNoPart() {
        byte[] photo = Photos.sized(Photos.JPEG, 500_000);

        assertThatThrownBy(() -> store.put(key, Photos.breakingAfter(photo, 200_000), "image/jpeg"))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(store.exists(key)).isFalse();
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void whileAPhotoIsBeingWrittenNoReaderSeesIt() throws IOException {
        byte[] photo = Photos.sized(Photos.JPEG, 200_000);
        List<Path> seenMidway = new ArrayList<>();
        boolean[] visibleMidway = new boolean[1];
        InputStream slow = new ByteArrayInputStream(photo) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos >= 100_000 && seenMidway.isEmpty()) {
                    seenMidway.addAll(filesIn(folder));
                    visibleMidway[0] = store.exists(key);
                }
                return super.read(b, off, Math.min(len, 10_000));
            }
        };

        store.put(key, slow, "image/jpeg");

        assertThat(visibleMidway[0]).isFalse();
        assertThat(seenMidway).singleElement()
                .satisfies(part -> assertThat(part.getFileName().toString()).startsWith(".put-").endsWith(".part"))
                .satisfies(part -> assertThat(part.getParent()).isEqualTo(folder.resolve("evidence").resolve(key)
                        .getParent()));
        assertThat(filesIn(folder)).containsExactly(folder.resolve("evidence").resolve(key));
    }

    @Test
    void photosAndFoldersAreTheServiceUsersAlone() throws IOException {
        assumeThat(folder.getFileSystem().supportedFileAttributeViews()).contains("posix");
        store.put(key, new ByteArrayInputStream(Photos.JPEG), "image/jpeg");
        Path file = folder.resolve("evidence").resolve(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("evidence"))))
                .isEqualTo("rwx------");
    }

    @Test
    void createsItsFolderOnStart() {
        Path root = folder.resolve("not/yet/there");
        new LocalEvidenceStore(root);
        assertThat(root).isDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "../../etc/passwd",
            "/etc/passwd",
            "t_530402/2026/11/../../../outside.jpg",
            "t_530402/2026/11/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.jpg/../../../../x.jpg",
            "t_530402\\2026\\11\\0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.jpg",
            "/t_530402/2026/11/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.jpg",
            "t_530402/2026/11/0B9E3F52-4C55-4F0E-9D3E-5A3D1F6B7C01.jpg",
            "t_530402/2026/13/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.jpg",
            "t_530402/2026/11/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.jpg\n",
            "t_530402/2026/11/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01",
            "t_530402/2026/11/photo.jpg" })
    void refusesEveryKeyItDidNotMake(String bad) {
        assertThatThrownBy(() -> store.put(bad, new ByteArrayInputStream(Photos.JPEG), "image/jpeg"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(Photos.JPEG), "image/jpeg"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(filesIn(folder)).isEmpty();
    }
}
