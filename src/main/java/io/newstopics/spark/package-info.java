/**
 * The only code that reaches below Spark's and Hadoop's public APIs, kept because a paired benchmark showed it saves
 * at least a tenth of the job's time (docs/benchmarks.md, "Spark internals"). What a Spark or Hadoop upgrade can break:
 * <ul>
 *   <li>{@link io.newstopics.spark.LocalFiles}: subclasses Hadoop's {@code LocalFileSystem}, {@code ChecksumFs} and
 *       {@code RawLocalFileSystem} (file status and permissions); a change in those classes shows in
 *       {@code LocalFilesTest}. Removing the two {@code fs.*.impl} settings in {@code cli/SparkSessions} turns it off.
 * </ul>
 */
package io.newstopics.spark;
