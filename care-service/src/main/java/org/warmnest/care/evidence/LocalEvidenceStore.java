package org.warmnest.care.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;

/**
 * Evidence on the local filesystem, one file per key under a root folder. A photo is written to a temporary file
 * beside its place and moved there atomically once complete, so a reader sees the whole photo or none. Folders
 * and files are the service user's alone (700 and 600) where the filesystem has POSIX permissions.
 */
final class LocalEvidenceStore implements EvidenceStore {

    private static final Logger log = LoggerFactory.getLogger(LocalEvidenceStore.class);
    private static final String PART_PREFIX = ".put-";

    private final Path root;
    private final FileAttribute<?>[] folderPermissions;
    private final FileAttribute<?>[] filePermissions;

    LocalEvidenceStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        boolean posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
        folderPermissions = ownerOnly(posix, "rwx------");
        filePermissions = ownerOnly(posix, "rw-------");
        try {
            Files.createDirectories(this.root, folderPermissions);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the evidence folder " + this.root, e);
        }
        log.info("Evidence photos are kept in {}", this.root);
    }

    Path root() {
        return root;
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        Path target = pathOf(key);
        Path part;
        try {
            Files.createDirectories(target.getParent(), folderPermissions);
            part = Files.createTempFile(target.getParent(), PART_PREFIX, ".part", filePermissions);
        } catch (IOException e) {
            throw unavailable("put", key, e);
        }
        try {
            HashingCopy.Copied copied;
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                copied = HashingCopy.copy(content, out);
                // on disk before it takes its name: evidence outlives a power cut
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StoredObject(key, copied.size(), copied.sha256());
        } catch (HashingCopy.SourceFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            throw unavailable("put", key, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                log.warn("Could not remove the partial evidence file {}: {}", part, e.toString());
            }
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new EvidenceMissing(key);
        } catch (IOException e) {
            throw unavailable("open", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
        return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions)) } : new FileAttribute<?>[0];
    }

    private Path pathOf(String key) {
        Path path = root.resolve(EvidenceKeys.requireValid(key)).normalize();
        // the key pattern already rules this out; a second lock on the same door
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Not an evidence key: " + key);
        }
        return path;
    }

    private static ProblemException unavailable(String operation, String key, IOException e) {
        log.error("Evidence folder failed to {} {}: {}", operation, key, e.toString());
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "evidence-store-unavailable");
    }
}
