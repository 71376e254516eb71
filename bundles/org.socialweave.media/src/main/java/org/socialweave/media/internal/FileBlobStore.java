package org.socialweave.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.media.BlobStore;

/**
 * Blobs as files {@code <dir>/ab/cd/<sha256>}. A put streams into a temporary file in {@code
 * <dir>/tmp} while hashing, then moves it atomically to its name, so a reader sees a whole blob or
 * none, and two nodes putting the same bytes at once both end with the same file.
 */
/* The configuration's metatype is designated by MediaLibraryImpl, which shares the pid. */
@Component(service = BlobStore.class, configurationPid = "org.socialweave.media")
public class FileBlobStore implements BlobStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final Path tmp;

  @Activate
  public FileBlobStore(BundleContext context, MediaConfig config) throws IOException {
    this(directory(config.blobDirectory(), context.getProperty("karaf.data")));
  }

  FileBlobStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve("tmp");
    Files.createDirectories(tmp);
    LOG.info("Media blobs are stored in {}", this.root);
  }

  /** The configured directory, else {@code socialweave/blobs} under Karaf's data directory. */
  static Path directory(String configured, String karafData) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.strip());
    }
    return Path.of(karafData == null ? "data" : karafData, "socialweave", "blobs");
  }

  @Override
  public StoredBlob put(InputStream content) throws IOException {
    Path temp = Files.createTempFile(tmp, "upload-", ".part");
    try {
      MessageDigest sha256 = sha256();
      long size = 0;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = content.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          size += n;
        }
      }
      String key = HexFormat.of().formatHex(sha256.digest());
      Path target = path(key);
      if (!Files.exists(target)) {
        Files.createDirectories(target.getParent());
        moveIntoPlace(temp, target);
      }
      return new StoredBlob(key, size);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException sameBytesMeanwhile) {
      // Another upload of the same bytes won: the content is identical, keep its file.
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the blob directory " + target.getParent() + " cannot move atomically", e);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path file = path(key);
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException("blob " + key);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public boolean delete(String key) throws IOException {
    return Files.deleteIfExists(path(key));
  }

  /** The temporary files of puts in progress; empty when none runs. */
  long temporaryFiles() throws IOException {
    try (var files = Files.list(tmp)) {
      return files.count();
    }
  }

  Path path(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a SHA-256 blob key: " + key);
    }
    return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
