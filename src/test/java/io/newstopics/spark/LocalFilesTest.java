package io.newstopics.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newstopics.SparkTestSession;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalFiles} answers as Hadoop's own local file system does, and is what the local session uses. */
class LocalFilesTest {
  @TempDir
  java.nio.file.Path dir;

  private static Configuration conf() {
    return SparkTestSession.get().sparkContext().hadoopConfiguration();
  }

  @Test
  void theLocalSessionUsesItForBothHadoopApis() throws Exception {
    Path root = new Path(dir.toUri());
    assertInstanceOf(LocalFiles.Raw.class, ((org.apache.hadoop.fs.LocalFileSystem) root.getFileSystem(conf())).getRaw());
    FileContext fc = FileContext.getFileContext(root.toUri(), conf());
    assertEquals(LocalFiles.Fs.class, fc.getDefaultFileSystem().getClass());
  }

  @Test
  void statusAndListingMatchHadoopsWithPermissionOwnerAndGroup() throws Exception {
    java.nio.file.Path sub = Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/x.txt"), "hello", StandardCharsets.UTF_8);
    Files.writeString(sub.resolve("name:with colon.txt"), "", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(dir.resolve("a/x.txt"), PosixFilePermissions.fromString("rw-r-----"));

    FileSystem ours = new Path(dir.toUri()).getFileSystem(conf());
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(java.net.URI.create("file:///"), new Configuration());

    for (String p : new String[] {"a", "a/x.txt", "a/b", "a/b/name:with colon.txt"}) {
      Path path = new Path(new Path(dir.toUri()), new Path(null, null, p));
      assertSame(hadoops.getFileStatus(path), ours.getFileStatus(path), p);
      assertSame(hadoops.getFileLinkStatus(path), ours.getFileLinkStatus(path), p);
      assertListing(hadoops.listStatus(path), ours.listStatus(path), p);
    }
    assertEquals(FsPermission.valueOf("-rw-r-----"), ours.getFileStatus(new Path(dir.resolve("a/x.txt").toUri()))
        .getPermission());

    // listFiles: every file with its permission (Hadoop's reads each with `ls -ld`)
    RemoteIterator<LocatedFileStatus> it = ours.listFiles(new Path(dir.toUri()), true);
    int files = 0;
    while (it.hasNext()) {
      LocatedFileStatus s = it.next();
      assertEquals(hadoops.getFileStatus(s.getPath()).getPermission(), s.getPermission());
      files++;
    }
    assertEquals(2, files);

    Path missing = new Path(dir.resolve("missing").toUri());
    assertThrows(FileNotFoundException.class, () -> ours.getFileStatus(missing));
    assertThrows(FileNotFoundException.class, () -> ours.getFileLinkStatus(missing));
    assertThrows(FileNotFoundException.class, () -> ours.listStatus(missing));
  }

  @Test
  void createdFilesAndFoldersGetTheRequestedPermission() throws Exception {
    FileSystem fs = new Path(dir.toUri()).getFileSystem(conf());
    Path folder = new Path(dir.resolve("made/deeper").toUri());
    fs.mkdirs(folder, new FsPermission("750"));
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("made/deeper"))));
    Path file = new Path(folder, "f.bin");
    fs.create(file, true).close();
    fs.setPermission(file, new FsPermission("604"));
    assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("made/deeper/f.bin"))));
    assertThrows(FileNotFoundException.class,
        () -> fs.setPermission(new Path(folder, "none"), new FsPermission("644")));
  }

  @Test
  void fileContextRenameRefusesAnExistingTargetAsDeltaCommitsNeed() throws Exception {
    FileContext fc = FileContext.getFileContext(new Path(dir.toUri()).toUri(), conf());
    Path a = new Path(dir.resolve("00.json.tmp").toUri());
    Path b = new Path(dir.resolve("00.json").toUri());
    try (var out = fc.create(a, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write(1);
    }
    fc.rename(a, b, Options.Rename.NONE);
    assertEquals(1, Files.size(dir.resolve("00.json")));
    try (var out = fc.create(a, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write(new byte[] {2, 3});
    }
    assertThrows(FileAlreadyExistsException.class, () -> fc.rename(a, b, Options.Rename.NONE));
    assertEquals(1, Files.size(dir.resolve("00.json")));
  }

  private static void assertSame(FileStatus expected, FileStatus actual, String what) {
    assertEquals(expected.getPath(), actual.getPath(), what);
    assertEquals(expected.isDirectory(), actual.isDirectory(), what);
    assertEquals(expected.getLen(), actual.getLen(), what);
    assertEquals(expected.getModificationTime(), actual.getModificationTime(), what);
    assertEquals(expected.getBlockSize(), actual.getBlockSize(), what);
    assertEquals(expected.getReplication(), actual.getReplication(), what);
    assertEquals(expected.getPermission(), actual.getPermission(), what);
    assertEquals(expected.getOwner(), actual.getOwner(), what);
    assertEquals(expected.getGroup(), actual.getGroup(), what);
    assertEquals(expected.isSymlink(), actual.isSymlink(), what);
  }

  private static void assertListing(FileStatus[] expected, FileStatus[] actual, String what) {
    Comparator<FileStatus> byPath = Comparator.comparing(s -> s.getPath().toString());
    Arrays.sort(expected, byPath);
    Arrays.sort(actual, byPath);
    assertArrayEquals(Arrays.stream(expected).map(s -> s.getPath().toString()).toArray(),
        Arrays.stream(actual).map(s -> s.getPath().toString()).toArray(), what);
    for (int i = 0; i < expected.length; i++) {
      assertSame(expected[i], actual[i], what);
    }
  }
}
