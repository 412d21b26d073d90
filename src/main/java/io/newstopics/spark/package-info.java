/**
 * The only code that reaches below Spark's and Hadoop's public APIs, each kept for a measured share of the job's time
 * (docs/benchmarks.md, "Spark internals"). What a Spark or Hadoop upgrade can break:
 * <ul>
 *   <li>{@link io.newstopics.spark.InternalRows}: calls the classic {@code SparkSession.internalCreateDataFrame}
 *       (public in bytecode, {@code private[sql]} in Scala), found by name on the session's class; if it is gone or
 *       its parameters change, every cache of a run fails at once with an error naming this class ({@code KeepTest}).
 *   <li>{@link io.newstopics.spark.LocalFiles}: subclasses Hadoop's {@code LocalFileSystem}, {@code ChecksumFs} and
 *       {@code RawLocalFileSystem} (file status and permissions); a change in those classes shows in
 *       {@code LocalFilesTest}. Removing the two {@code fs.*.impl} settings in {@code cli/SparkSessions} turns it off.
 * </ul>
 */
package io.newstopics.spark;
