package io.newstopics;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the shared Spark session ({@link SparkTestSession}) once the test JVM's launcher session closes, after every
 * test class has run: the session's threads, temp folders and cached tables end with the suite, not with the JVM.
 * Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class StopSparkAfterTests implements LauncherSessionListener {
  private static final Logger LOG = LoggerFactory.getLogger(StopSparkAfterTests.class);

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (SparkTestSession.stop()) {
      LOG.info("the tests' shared Spark session is stopped");
    }
  }
}
