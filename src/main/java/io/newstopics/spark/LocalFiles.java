package io.newstopics.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a child process per file. Without Hadoop's native library
 * (never on this machine, seldom beside a Maven-built Spark), {@link RawLocalFileSystem} runs {@code chmod} for every
 * file and folder it creates and {@code readlink} twice for every rename; Delta commits by rename through
 * {@code FileContext}; and listing files with their locations ({@code FileSystem.listFiles}, as the text input's
 * check for empty files does) runs {@code ls -ld} per file, so a folder of 20,000 article files would start 20,000
 * processes. Here permissions are set and file status read through {@code java.nio.file}, in this process;
 * everything else is Hadoop's own code.
 *
 * <p>Used on local masters ({@link io.newstopics.cli.SparkSessions#LOCAL_DEFAULTS}): {@link FileSystem} is
 * {@code fs.file.impl} (the {@code FileSystem} API: Spark, Parquet), {@link Fs} is
 * {@code fs.AbstractFileSystem.file.impl} (the {@code FileContext} API: Delta's log store). Without POSIX attributes
 * (Windows) it is Hadoop's file system unchanged.
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** {@code fs.file.impl}: Hadoop's checksummed local file system over {@link Raw}. */
  public static final class FileSystem extends LocalFileSystem {
    public FileSystem() {
      super(new Raw());
    }
  }

  /** {@code fs.AbstractFileSystem.file.impl}: Hadoop's {@code LocalFs} (checksummed) over {@link Raw}. */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} (package-private there): the {@code FileContext} face of {@link Raw}. */
  static final class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // as RawLocalFs: the operating system decides
    }
  }

  /**
   * {@link RawLocalFileSystem} with permissions set and file status read through {@code java.nio.file}: a status
   * carries its permission, owner and group (Hadoop's reads them with {@code ls -ld} when asked, as
   * {@code FileSystem.listFiles} does for every file it lists).
   */
  public static final class Raw extends RawLocalFileSystem {
    private static final boolean POSIX =
        java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (!POSIX || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(),
            PosixFilePermissions.fromString(permission.toString().substring(0, 9)));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      return POSIX ? status(f) : super.getFileStatus(f);
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (!POSIX) {
        return super.getFileLinkStatus(f);
      }
      FileStatus link = status(f, LinkOption.NOFOLLOW_LINKS);
      return link != null ? link : super.getFileLinkStatus(f); // a symbolic link: Hadoop's answer (rare here)
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      // Hadoop's lists a folder's entries through getFileStatus (above), but answers a file by itself
      return POSIX && !pathToFile(f).isDirectory() ? new FileStatus[] {status(f)} : super.listStatus(f);
    }

    /**
     * The status of {@code f}, as Hadoop's (path, sizes, times) with its permission, owner and group; links are
     * followed unless {@code options} say not to, and then a symbolic link gives null.
     */
    private FileStatus status(Path f, LinkOption... options) throws IOException {
      java.io.File local = pathToFile(f);
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(local.toPath(), PosixFileAttributes.class, options);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      }
      if (a.isSymbolicLink()) {
        return null;
      }
      FsPermission permission = FsPermission.valueOf((a.isDirectory() ? "d" : "-")
          + PosixFilePermissions.toString(a.permissions()));
      return new FileStatus(a.size(), a.isDirectory(), 1, getDefaultBlockSize(f), a.lastModifiedTime().toMillis(),
          a.lastAccessTime().toMillis(), permission, a.owner().getName(), a.group().getName(),
          new Path(local.getPath()).makeQualified(getUri(), getWorkingDirectory()));
    }
  }
}
